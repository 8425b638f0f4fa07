"""Every change to a comment refreshes the article's cached page, count, API and feeds."""

import pytest
from django.test import RequestFactory

from manchette.comments.models import Comment
from manchette.comments.moderation import moderate
from manchette.core.cache import purge_log_path
from manchette.core.pagecache import PageCache
from tests import factory

from .helpers import SAME_ORIGIN, comment, form_data, post

pytestmark = pytest.mark.django_db


def purged():
    path = purge_log_path()
    return set(path.read_text().split()) if path.exists() else set()


def expected(article):
    return {f"comments-{article.pk}"}


def test_posting_purges_the_article(client, django_capture_on_commit_callbacks):
    article = factory.article()
    purge_log_path().unlink(missing_ok=True)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article)
    assert expected(article) <= purged()
    # Lists and sidebars that name the article show none of its comments: they stay cached.
    assert f"article-{article.pk}" not in purged()


def test_the_article_page_is_marked_with_its_comments_key(client):
    article = factory.article()
    response = client.get(article.url)
    assert f"comments-{article.pk}" in response["Surrogate-Key"].split()


def test_editing_purges_the_article(client, django_capture_on_commit_callbacks):
    article = factory.article()
    post(client, article)
    written = Comment.objects.get()
    purge_log_path().unlink(missing_ok=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/comments/comment/{written.pk}/edit/", {"text": "Neuf"}, **SAME_ORIGIN)
    assert expected(article) <= purged()


def test_moderating_purges_and_recounts(django_capture_on_commit_callbacks):
    article = factory.article()
    top = comment(article)
    reply = comment(article, parent=top, status=Comment.Status.HELD)
    purge_log_path().unlink(missing_ok=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert moderate(Comment.objects.filter(pk=reply.pk), Comment.Status.PUBLISHED) == 1
    assert expected(article) <= purged()
    top.refresh_from_db()
    assert top.reply_count == 1


def test_deleting_purges_the_article(django_capture_on_commit_callbacks):
    article = factory.article()
    written = comment(article)
    purge_log_path().unlink(missing_ok=True)
    with django_capture_on_commit_callbacks(execute=True):
        written.delete()
    assert expected(article) <= purged()


def test_cached_page_shows_a_new_comment_within_a_second(
    django_app, django_capture_on_commit_callbacks
):
    """Through the real page cache: the purge reaches the cached article, which is rendered
    again once its copy is a second old (a soft purge, see manchette.core.pagecache)."""
    article = factory.article()
    cache = PageCache(django_app)

    def call(environ):
        answer = {}
        body = b"".join(cache(environ, lambda status, headers: answer.update(headers)))
        return answer.get("X-Page-Cache"), body.decode()

    def read():
        return call(RequestFactory().get(article.url).environ)

    assert read()[0] == "miss"
    assert read()[0] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        url = f"/comments/post/{article.pk}/"
        call(
            RequestFactory().post(url, form_data(article, text="Tout frais"), **SAME_ORIGIN).environ
        )
    state, html = read()
    assert state == "stale" and "Tout frais" not in html
    [page] = cache.entries.values()
    page.stored -= 1.0  # a second later
    state, html = read()
    assert state == "miss" and "Tout frais" in html
    assert read()[0] == "hit"
