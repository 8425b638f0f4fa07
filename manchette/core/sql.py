"""Plain SQL for the hot paths where building an ORM query costs more than running it.

A comment post ran seven ORM queries: building and compiling each one took
ten to fifty times as long as SQLite took to answer it. The few statements
that replace them are written once for SQLite and PostgreSQL alike (Django's
cursor takes ``%s`` placeholders on both) and each is tested against the
ORM query it stands for.
"""

from datetime import UTC

from django.db import connection, connections, models
from django.db.models.sql import InsertQuery
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


class InsertOnce(models.Model):
    """A model whose new rows go in through an INSERT statement compiled once per process.

    On every ``save()`` of a new row Django compiles the INSERT anew, each
    field prepared through its query compiler: for a comment, most of what
    the insert cost. For one set of columns the statement is always the same,
    so Django compiles it on the first insert and it is kept; later inserts
    only prepare their values, as the compiler does (``pre_save``, then
    ``get_db_prep_save``). The first insert also checks that these are the
    values Django's compiler gave: when they are not (a database default, a
    field with its own placeholder), inserts of that kind always go through
    Django. Only ``_do_insert`` changes: ``save()``, its signals and its
    transaction are Django's.
    """

    class Meta:
        abstract = True

    def _do_insert(self, manager, using, fields, returning_fields, raw):
        values = [] if raw else [field.pre_save(self, add=True) for field in fields]
        if raw or any(hasattr(value, "resolve_expression") for value in values):
            return super()._do_insert(manager, using, fields, returning_fields, raw)
        connection = connections[using]
        params = [
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, values, strict=True)
        ]
        key = (type(self), using, tuple(fields), tuple(returning_fields or ()))
        statement = _statements.get(key)
        if statement is None:
            statement = _statements[key] = _compile_insert(
                self, using, fields, returning_fields, params
            )
        if not statement:
            return super()._do_insert(manager, using, fields, returning_fields, raw)
        sql, returning_params = statement
        with connection.cursor() as cursor:
            cursor.execute(sql, (*params, *returning_params))
            if not returning_fields:
                return []
            return list(connection.ops.fetch_returned_rows(cursor, returning_params))


# (model, database, columns, returned columns) -> (sql, returning params), or
# False where Django's compiler must do each insert.
_statements = {}


def _compile_insert(instance, using, fields, returning_fields, params):
    """Django's statement for this insert, if ``params`` are the values its compiler gives."""
    connection = connections[using]
    meta = instance._meta
    if any(field.has_db_default() or hasattr(field, "get_placeholder_sql") for field in fields) or (
        returning_fields and not connection.features.can_return_columns_from_insert
    ):
        return False
    query = InsertQuery(type(instance))
    query.insert_values(fields, [instance])
    compiler = query.get_compiler(using=using)
    compiler.returning_fields = returning_fields
    statements = compiler.as_sql()
    returned = [field.get_col(meta.db_table) for field in returning_fields or ()]
    if len(statements) != 1 or compiler.get_converters(returned):
        return False
    sql, compiled_params = statements[0]
    returning_params = tuple(compiler.returning_params)
    if tuple(compiled_params) != (*params, *returning_params):
        return False
    return sql, returning_params
