"""Plain SQL for the hot paths where building an ORM query costs more than running it.

A comment post ran seven ORM queries: building and compiling each one took
ten to fifty times as long as SQLite took to answer it. The few statements
that replace them are written once for SQLite and PostgreSQL alike (Django's
cursor takes ``%s`` placeholders on both) and each is tested against the
ORM query it stands for.
"""

from datetime import UTC

from django.db import connection
from django.utils import timezone


def first_row(sql, params):
    """The first row the statement returns, or None."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def all_rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def aware(value):
    """A datetime as read by plain SQL: PostgreSQL's are aware, SQLite's naive (in UTC)."""
    if value is None or timezone.is_aware(value):
        return value
    return value.replace(tzinfo=UTC)

