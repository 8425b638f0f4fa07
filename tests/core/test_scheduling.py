"""The clock publishes and expires scheduled pages once, however many clocks run."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from manchette.core import scheduling
from manchette.newsroom.models import ArticlePage
from tests import factory


@pytest.fixture(autouse=True)
def _silent(settings):
    settings.MANCHETTE_LISTEN = False  # the audio of each publication is not what is tested here


def later(hours=2):
    return mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=hours)
    )


def scheduled_publications(article):
    return PageLogEntry.objects.filter(page=article, action="wagtail.publish.scheduled").count()


@pytest.mark.django_db
def test_a_due_page_is_published_once_however_often_the_clock_runs():
    article = factory.scheduled_article(go_live_at=timezone.now() + timedelta(hours=1))
    assert scheduling.publish_due() == 0
    with later():
        assert scheduling.publish_due() == 1
        assert scheduling.publish_due() == 0
    article.refresh_from_db()
    assert article.live and scheduled_publications(article) == 1


@pytest.mark.django_db
def test_an_expired_page_is_unpublished_once():
    article = factory.article()
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() + timedelta(hours=1))
    with later():
        assert scheduling.unpublish_expired() == 1
        assert scheduling.unpublish_expired() == 0
    article.refresh_from_db()
    assert not article.live and article.expired


@pytest.mark.django_db
def test_the_clock_command_runs_one_round():
    article = factory.scheduled_article(go_live_at=timezone.now() + timedelta(hours=1))
    with later():
        call_command("clock", "--once")
    article.refresh_from_db()
    assert article.live


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite queues writers)"
)
def test_a_page_another_clock_is_publishing_is_left_to_it():
    article = factory.scheduled_article(go_live_at=timezone.now() + timedelta(hours=1))
    revision = Revision.objects.get(approved_go_live_at__isnull=False, object_id=str(article.pk))
    holding, release = threading.Event(), threading.Event()

    def other_clock():
        # Another node's clock, in the middle of publishing this revision.
        with transaction.atomic():
            Revision.objects.select_for_update().get(pk=revision.pk)
            holding.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=other_clock)
    thread.start()
    try:
        assert holding.wait(10)
        with later():
            assert scheduling.publish_due() == 0
    finally:
        release.set()
        thread.join()
    article.refresh_from_db()
    assert not article.live and scheduled_publications(article) == 0
    with later():
        assert scheduling.publish_due() == 1
