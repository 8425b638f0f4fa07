"""Open, pre-moderated or closed: the site's default, a section's and an article's own."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django.utils.translation import gettext

from manchette.comments.models import Comment, CommentPolicy
from manchette.comments.moderation import Policy
from manchette.core.cache import purge_log_path
from tests import factory

from .helpers import post

pytestmark = pytest.mark.django_db


def test_site_default_is_open(client):
    article = factory.article()
    post(client, article)
    assert Comment.objects.get().status == Comment.Status.PUBLISHED


@override_settings(MANCHETTE_COMMENTS_MODE="premoderated")
def test_site_wide_premoderation_holds_every_comment(client):
    article = factory.article()
    post(client, article)
    assert Comment.objects.get().status == Comment.Status.HELD
    html = client.get(article.url).content.decode()
    assert gettext("The newsroom reads comments on this article before they are published.") in html


@override_settings(MANCHETTE_COMMENTS_MODE="closed")
def test_site_wide_closed_shows_no_form(client):
    article = factory.article()
    html = client.get(article.url).content.decode()
    assert 'id="comment-form"' not in html
    assert gettext("Comments are closed on this article.") in html
    assert post(client, article).status_code == 403


def test_section_policy_applies_to_its_articles():
    section = factory.section("Belgique")
    inside = factory.article(in_section=section)
    outside = factory.article(headline="Ailleurs")
    CommentPolicy.objects.create(page=section, mode="premoderated")
    assert Policy.of(inside).premoderated
    assert not Policy.of(outside).premoderated


def test_article_policy_overrides_its_section():
    section = factory.section("Belgique")
    article = factory.article(in_section=section)
    CommentPolicy.objects.create(page=section, mode="closed")
    CommentPolicy.objects.create(page=article, mode="open")
    assert Policy.of(article).is_open
    assert not Policy.of(factory.article(headline="Autre", in_section=section)).is_open


def test_blank_article_mode_inherits_but_its_delay_applies():
    section = factory.section("Belgique")
    article = factory.article(in_section=section, published_at=timezone.now() - timedelta(days=3))
    CommentPolicy.objects.create(page=section, mode="premoderated", close_after_days=30)
    CommentPolicy.objects.create(page=article, close_after_days=2)
    policy = Policy.of(article)
    assert policy.premoderated and not policy.is_open


@override_settings(MANCHETTE_COMMENTS_CLOSE_AFTER_DAYS=7)
def test_comments_close_after_n_days(client):
    fresh = factory.article(published_at=timezone.now() - timedelta(days=6))
    old = factory.article(headline="Vieux", published_at=timezone.now() - timedelta(days=8))
    assert post(client, fresh).status_code == 303
    assert post(client, old).status_code == 403
    assert 'id="comment-form"' not in client.get(old.url).content.decode()


@override_settings(MANCHETTE_COMMENTS_CLOSE_AFTER_DAYS=7)
def test_zero_days_on_an_article_keeps_it_open():
    old = factory.article(published_at=timezone.now() - timedelta(days=80))
    CommentPolicy.objects.create(page=old, close_after_days=0)
    assert Policy.of(old).is_open


def test_closing_keeps_published_comments_visible(client):
    article = factory.article()
    post(client, article, text="Avant la fermeture")
    CommentPolicy.objects.create(page=article, mode="closed")
    html = client.get(article.url).content.decode()
    assert "Avant la fermeture" in html and 'id="comment-form"' not in html


def test_policy_change_purges_the_pages_it_concerns(django_capture_on_commit_callbacks):
    section = factory.section("Belgique")
    with django_capture_on_commit_callbacks(execute=True):
        CommentPolicy.objects.create(page=section, mode="closed")
    assert f"section-{section.pk}" in purge_log_path().read_text().split()
