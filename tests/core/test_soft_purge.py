"""A page's comments purged: the page is kept, stale, while one request renders it again.

Any other purge drops the page at once; a stale copy is never kept by a
browser or a shared cache in front, and is replaced by the next render.
"""

import threading

import pytest

from manchette.core import pagecache
from manchette.core.pagecache import PageCache
from tests import factory
from tests.core.wsgi import get, purged_while_rendering

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def refresh_at_once(monkeypatch):
    """Stale pages rendered again at the first request, however young (see the last test)."""
    monkeypatch.setattr(pagecache, "SOFT_REFRESH_SECONDS", 0.0)


@pytest.fixture
def app(django_app):
    return PageCache(django_app)


@pytest.fixture
def article():
    return factory.article()


def test_a_comment_purge_renders_the_page_again_for_one_request(app, django_app, purged, article):
    first = get(app, article.url)
    purged(f"comments-{article.pk}")
    again = get(app, article.url)
    assert again.cache == "miss"
    assert django_app.calls == 2
    assert get(app, article.url).cache == "hit"
    assert again.headers["ETag"] == first.headers["ETag"]  # nothing changed meanwhile


def test_others_get_the_stale_copy_while_it_renders(purged, django_app, article):
    seen_meanwhile = []

    def another_reader_meanwhile(environ, start_response):
        if django_app.calls == 1:
            # While this request renders the page again, another thread's reader asks for it
            # (from the cache only: the test database has one connection).
            reader = threading.Thread(target=lambda: seen_meanwhile.append(get(app, article.url)))
            reader.start()
            reader.join(10)
        return django_app(environ, start_response)

    app = PageCache(another_reader_meanwhile)
    get(app, article.url)
    purged(f"comments-{article.pk}")
    assert get(app, article.url).cache == "miss"
    [stale] = seen_meanwhile
    assert stale.status == 200 and stale.cache == "stale"
    assert b"<article" in stale.body
    # No browser may keep it or revalidate against it; its keys stay, so that a shared
    # cache keeping it for a moment (the shipped Varnish rules) can still have it purged.
    assert stale.headers["Cache-Control"] == "no-store"
    for header in ("ETag", "Last-Modified"):
        assert header not in stale.headers
    assert f"comments-{article.pk}" in stale.headers["Surrogate-Key"].split()
    assert [value for name, value in stale.header_list if name == "X-Page-Cache"] == ["stale"]
    assert django_app.calls == 2  # the stale reader did not reach Django
    assert get(app, article.url).cache == "hit"


def test_any_other_purge_drops_the_page_at_once(app, purged, article):
    get(app, article.url)
    purged(f"comments-{article.pk}", f"article-{article.pk}")
    assert get(app, article.url).cache == "miss"


def test_a_comment_purge_leaves_other_articles_alone(app, django_app, purged, article):
    other = factory.article(headline="Autre", in_section=factory.section("Sport"))
    get(app, article.url)
    get(app, other.url)
    purged(f"comments-{other.pk}")
    assert get(app, article.url).cache == "hit"
    assert django_app.calls == 2


def test_a_render_that_saw_its_comments_purged_is_kept_stale(
    purged, django_app, django_capture_on_commit_callbacks, article
):
    app = purged_while_rendering(
        django_app, django_capture_on_commit_callbacks, f"comments-{article.pk}"
    )
    # Its reader gets it as rendered: it only misses the newest comment.
    assert get(app, article.url).cache == "miss"
    assert get(app, article.url).cache == "miss"  # rendered again, once
    assert get(app, article.url).cache == "hit"
    assert django_app.calls == 2


def test_a_stale_page_that_django_no_longer_keeps_is_gone(app, django_app, purged, article):
    get(app, article.url)
    article.unpublish()
    purged(f"comments-{article.pk}")
    assert get(app, article.url).status == 404
    assert get(app, article.url).status == 404
    assert django_app.calls == 3


def test_a_page_is_rendered_again_at_most_once_a_second(app, django_app, purged, monkeypatch):
    monkeypatch.setattr(pagecache, "SOFT_REFRESH_SECONDS", 1.0)
    article = factory.article()
    get(app, article.url)
    for _ in range(3):
        purged(f"comments-{article.pk}")
        assert get(app, article.url).cache == "stale"
    assert django_app.calls == 1
    [page] = app.entries.values()
    page.stored -= 1.0  # a second later
    assert get(app, article.url).cache == "miss"
    assert get(app, article.url).cache == "hit"
    assert django_app.calls == 2
