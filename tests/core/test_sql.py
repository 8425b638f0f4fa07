"""Plain SQL helpers: an INSERT compiled once stores what Django's own would."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db.models.functions import Now
from django.db.models.signals import post_save
from django.utils import timezone

from manchette.comments.models import Comment
from manchette.core import sql
from manchette.core.sql import aware
from tests import factory

pytestmark = pytest.mark.django_db

STORED = (
    "article_id",
    "parent_id",
    "thread_id",
    "depth",
    "name",
    "email",
    "website",
    "text",
    "markup",
    "language",
    "status",
    "held_reason",
    "created",
    "ip_network",
    "user_agent",
    "author_token_hash",
    "text_digest",
)


def new_comment(article, **fields):
    defaults = {
        "name": "Lectrice",
        "email": "lectrice@example.org",
        "website": "https://example.org/",
        "text": "Un avis « mesuré », sur deux lignes.\nFin.",
        "language": "fr",
        "status": Comment.Status.HELD,
        "held_reason": "Plusieurs liens.",
        "created": timezone.now() - timedelta(minutes=3),
        "ip_network": "2001:db8::/64",
        "user_agent": "Navigateur/1.0",
        "author_token_hash": "a" * 64,
    }
    return Comment(article=article, **{**defaults, **fields})


def test_a_comment_is_stored_whole_by_a_statement_compiled_once(monkeypatch):
    article = factory.article()
    compiled = []
    monkeypatch.setattr(sql, "_statements", {})
    real_compile = sql._compile_insert
    monkeypatch.setattr(
        sql, "_compile_insert", lambda *args: compiled.append(1) or real_compile(*args)
    )
    first = new_comment(article)
    first.save()
    reply = new_comment(article, parent=first, status=Comment.Status.PUBLISHED)
    reply.save()
    assert compiled == [1]  # the second insert reused the statement
    for saved in (first, reply):
        assert saved.pk
        stored = Comment.objects.values(*STORED).get(pk=saved.pk)
        assert stored == {field: getattr(saved, field) for field in STORED}
    assert (reply.thread_id, reply.depth) == (first.pk, 1)


def test_signals_still_go_out():
    article = factory.article()
    heard = []

    def receiver(sender, instance, created, **kwargs):
        heard.append((instance.pk, created))

    post_save.connect(receiver, sender=Comment)
    try:
        comment = new_comment(article)
        comment.save()
    finally:
        post_save.disconnect(receiver, sender=Comment)
    assert heard == [(comment.pk, True)]


def test_a_value_computed_by_the_database_goes_through_django():
    # Now() is an expression: no statement compiled for plain values can take it.
    article = factory.article()
    new_comment(article).save()
    comment = new_comment(article, created=Now())
    comment.save()
    comment.refresh_from_db()
    assert abs(comment.created - timezone.now()) < timedelta(minutes=1)


def test_datetimes_read_by_plain_sql_are_aware():
    naive = datetime(2015, 9, 16, 20, 25)
    assert aware(naive) == datetime(2015, 9, 16, 20, 25, tzinfo=UTC)
    already = datetime(2015, 9, 16, 20, 25, tzinfo=UTC)
    assert aware(already) is already
    assert aware(None) is None
