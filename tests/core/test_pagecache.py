"""The page cache as the WSGI server sees it: environ dicts in, status and bytes out.

``django.test.Client`` talks to Django's handler directly, so these tests
build WSGI environs and call ``PageCache(get_wsgi_application())`` (see
``tests/core/wsgi.py``).
"""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from manchette.core import cache
from manchette.core.cache import purge_count_path, purge_log_path
from manchette.core.pagecache import PageCache
from tests import factory
from tests.core.wsgi import get, purged_while_rendering

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(django_app):
    return PageCache(django_app)


@pytest.fixture
def article():
    return factory.article(tags=["Syrie"])


def test_second_read_is_answered_without_django(app, django_app, article):
    first = get(app, article.url)
    with CaptureQueriesContext(connection) as queries:
        second = get(app, article.url)
    assert (first.status, first.cache) == (200, "miss")
    assert (second.status, second.cache) == (200, "hit")
    assert second.body == first.body
    assert django_app.calls == 1
    assert len(queries) == 0


def test_each_reader_language_has_its_own_copy(app, django_app, article):
    default = get(app, article.url)
    by_cookie = get(app, article.url, cookie="manchette_language=nl")
    by_header = get(app, article.url, accept_language="de-BE,de;q=0.9")
    assert b'<html lang="fr">' in default.body
    assert b'<html lang="nl">' in by_cookie.body
    assert b'<html lang="de">' in by_header.body
    assert django_app.calls == 3


def test_cookie_and_header_naming_one_language_share_a_copy(app, django_app, article):
    get(app, article.url, cookie="manchette_language=nl")
    again = get(app, article.url, accept_language="nl")
    assert again.cache == "hit"
    assert django_app.calls == 1


def test_language_cookie_wins_over_accept_language(app, article):
    get(app, article.url, accept_language="de")
    answer = get(app, article.url, accept_language="de", cookie="manchette_language=nl")
    assert answer.cache == "miss"
    assert b'<html lang="nl">' in answer.body


def test_editors_session_cookie_goes_past_the_cache(app, django_app, article):
    get(app, article.url)
    editor = get(app, article.url, cookie="sessionid=abc; manchette_language=fr")
    assert editor.cache is None
    assert django_app.calls == 2


def test_a_bypassed_answer_is_not_kept(app, django_app, article):
    get(app, article.url, cookie="sessionid=abc")
    assert get(app, article.url).cache == "miss"


def test_page_number_is_kept(app, django_app, article):
    get(app, "/monde/?page=1")
    assert get(app, "/monde/?page=1").cache == "hit"


@pytest.mark.parametrize("query", ["utm_source=lettre", "page=01", "page=1&page=1", "page="])
def test_other_query_strings_are_not_kept(app, django_app, article, query):
    get(app, f"/monde/?{query}")
    get(app, f"/monde/?{query}")
    assert django_app.calls == 2


def test_post_is_never_answered_from_the_cache(app, django_app, article):
    get(app, article.url)
    posted = get(app, article.url, method="POST")
    assert posted.cache is None
    assert django_app.calls == 2


def test_not_found_is_never_kept(app, django_app):
    factory.home()
    assert get(app, "/nulle-part/").status == 404
    assert get(app, "/nulle-part/").status == 404
    assert django_app.calls == 2


def test_head_is_answered_with_headers_only(app, django_app, article):
    head = get(app, article.url, method="HEAD")
    full = get(app, article.url)
    head_hit = get(app, article.url, method="HEAD")
    assert (head.status, head.body, full.cache) == (200, b"", "hit")
    assert head_hit.body == b""
    assert head.headers["Content-Length"] == str(len(full.body))
    assert django_app.calls == 1


def test_matching_etag_on_a_hit_answers_304(app, django_app, article):
    etag = get(app, article.url).headers["ETag"]
    answer = get(app, article.url, if_none_match=etag)
    assert (answer.status, answer.body) == (304, b"")
    assert answer.headers["ETag"] == etag
    assert "Content-Length" not in answer.headers
    assert django_app.calls == 1


def test_weak_etag_matches(app, article):
    etag = get(app, article.url).headers["ETag"]
    assert get(app, article.url, if_none_match=f'"other", W/{etag}').status == 304


def test_other_etag_gets_the_page(app, article):
    get(app, article.url)
    answer = get(app, article.url, if_none_match='"other"')
    assert answer.status == 200 and answer.body


def test_if_modified_since_on_a_hit(app, article):
    last_modified = get(app, article.url).headers["Last-Modified"]
    assert get(app, article.url, if_modified_since=last_modified).status == 304
    earlier = "Thu, 01 Jan 2015 00:00:00 GMT"
    assert get(app, article.url, if_modified_since=earlier).status == 200


@pytest.mark.usefixtures("steady_clock")
def test_conditional_miss_answers_304_and_keeps_the_page(django_app, article):
    etag = get(PageCache(django_app), article.url).headers["ETag"]
    fresh = PageCache(django_app)
    answer = get(fresh, article.url, if_none_match=etag)
    assert answer.status == 304
    assert get(fresh, article.url).cache == "hit"


def test_purge_from_another_process_drops_the_page(app, django_app, purged, article):
    other = factory.article(headline="Autre", in_section=factory.section("Sport"))
    get(app, article.url)
    get(app, other.url)
    purged(f"article-{article.pk}")
    assert get(app, article.url).cache == "miss"
    assert get(app, other.url).cache == "hit"


def test_page_rendered_across_a_purge_is_rendered_again_and_not_kept(
    django_app, django_capture_on_commit_callbacks
):
    article = factory.article()
    app = purged_while_rendering(
        django_app, django_capture_on_commit_callbacks, f"article-{article.pk}"
    )
    # Its reader gets the render made once the purge was known: a shared cache in front
    # would otherwise keep what the purge was about until the next purge of its keys.
    assert get(app, article.url).cache == "miss"
    assert django_app.calls == 2
    assert get(app, article.url).cache == "hit"


def test_page_overtaken_twice_goes_out_as_a_stale_copy(
    django_app, django_capture_on_commit_callbacks
):
    article = factory.article()
    app = purged_while_rendering(
        django_app, django_capture_on_commit_callbacks, f"article-{article.pk}", renders=2
    )
    overtaken = get(app, article.url)
    assert django_app.calls == 2  # rendered again once, no more
    # Its reader gets it, as a stale copy, which a shared cache keeps a second at most.
    assert (overtaken.status, overtaken.cache) == (200, "stale")
    assert overtaken.headers["Cache-Control"] == "no-store"
    assert "ETag" not in overtaken.headers
    assert f"article-{article.pk}" in overtaken.headers["Surrogate-Key"].split()
    assert get(app, article.url).cache == "miss"


@pytest.mark.parametrize(("purged_keys", "kept"), [(["front", "tag-autre"], True), (["*"], False)])
def test_a_purge_of_other_pages_during_a_render_spares_it(
    django_app, django_capture_on_commit_callbacks, purged_keys, kept
):
    article = factory.article()
    # The wire publishes a story elsewhere (or everything is purged) meanwhile.
    app = purged_while_rendering(django_app, django_capture_on_commit_callbacks, *purged_keys)
    assert get(app, article.url).cache == "miss"
    assert get(app, article.url).cache == "hit"
    assert django_app.calls == (1 if kept else 2)  # rendered again after a purge of everything


def a_second_later(app):
    """Bring the cache's periodic look at the log itself forward to now."""
    app.next_full_look = 0.0


@pytest.fixture
def kept(app, purged, article):
    """The article's page in the cache, once the cache follows a purge log."""
    purged("front")
    get(app, article.url)
    return article


def test_a_purge_is_counted(purged):
    purged("front")
    before = int.from_bytes(purge_count_path().read_bytes(), "little")
    purged("tag-syrie")
    purged("front")
    assert int.from_bytes(purge_count_path().read_bytes(), "little") == before + 2


def test_an_unchanged_count_spares_the_look_at_the_log(app, kept):
    with purge_log_path().open("ab") as log:
        log.write(f"article-{kept.pk}\n".encode())
    assert get(app, kept.url).cache == "hit"
    a_second_later(app)
    assert get(app, kept.url).cache == "miss"


def test_a_new_log_in_place_of_the_followed_one_drops_everything(app, kept):
    fresh = purge_log_path().with_name("elsewhere.log")
    fresh.write_bytes(b"log-elsewhere\n")
    os.replace(fresh, purge_log_path())
    a_second_later(app)
    assert get(app, kept.url).cache == "miss"


def test_a_removed_log_drops_everything(app, kept):
    purge_log_path().unlink()
    a_second_later(app)
    assert get(app, kept.url).cache == "miss"


def test_a_removed_count_is_followed_into_its_new_file(app, purged, kept):
    purge_count_path().unlink()
    a_second_later(app)
    assert get(app, kept.url).cache == "hit"
    purged(f"article-{kept.pk}")
    assert get(app, kept.url).cache == "miss"


def test_log_past_its_limit_starts_again_and_drops_everything(app, purged, kept, monkeypatch):
    first_inode = purge_log_path().stat().st_ino
    monkeypatch.setattr(cache, "LOG_LIMIT", purge_log_path().stat().st_size + 10)
    purged("tag-sans-rapport")
    assert purge_log_path().read_text().startswith("* ")
    assert purge_log_path().stat().st_ino != first_inode
    assert get(app, kept.url).cache == "miss"


def test_half_written_purge_waits_for_its_end(app, kept):
    with purge_log_path().open("ab") as log:
        log.write(f"article-{kept.pk}".encode())
    a_second_later(app)
    assert get(app, kept.url).cache == "hit"
    with purge_log_path().open("ab") as log:
        log.write(b"\n")
    a_second_later(app)
    assert get(app, kept.url).cache == "miss"


def test_least_recently_read_page_goes_first(settings, django_app):
    settings.MANCHETTE_PAGE_CACHE_ENTRIES = 2
    app = PageCache(django_app)
    first, second, third = (factory.article(headline=f"Article {n}") for n in range(3))
    get(app, first.url)
    get(app, second.url)
    get(app, first.url)
    get(app, third.url)
    assert get(app, first.url).cache == "hit"
    assert get(app, second.url).cache == "miss"


def test_memory_budget_bounds_the_cache(settings, django_app):
    one, two = factory.article(headline="Un"), factory.article(headline="Deux")
    size = len(get(PageCache(django_app), one.url).body)
    settings.MANCHETTE_PAGE_CACHE_MEGABYTES = (size + 2048) * 1.5 / 1024 / 1024
    app = PageCache(django_app)
    get(app, one.url)
    get(app, two.url)
    assert len(app.entries) == 1
    assert get(app, one.url).cache == "miss"


def page_answering(*headers):
    def inner(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html"), *headers])
        return [b"<p>page</p>"]

    return inner


PUBLIC = ("Cache-Control", "public, max-age=0")
KEYED = ("Surrogate-Key", "front")


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param([KEYED], id="not public"),
        pytest.param([PUBLIC], id="no surrogate key"),
        pytest.param([KEYED, ("Cache-Control", "public, private")], id="private"),
        pytest.param([KEYED, ("Cache-Control", "public, no-store")], id="no-store"),
        pytest.param([KEYED, PUBLIC, ("Set-Cookie", "csrftoken=x")], id="sets a cookie"),
        pytest.param([KEYED, PUBLIC, ("Vary", "Accept-Language, User-Agent")], id="varies"),
    ],
)
def test_only_public_pages_with_surrogate_keys_are_kept(headers):
    app = PageCache(page_answering(*headers))
    get(app, "/")
    assert get(app, "/").cache is None
    assert not app.entries


def test_page_varying_on_language_and_cookie_is_kept():
    app = PageCache(page_answering(KEYED, PUBLIC, ("Vary", "Accept-Language, Cookie")))
    get(app, "/")
    assert get(app, "/").cache == "hit"


def test_cache_can_be_turned_off(settings, django_app, article):
    settings.MANCHETTE_PAGE_CACHE = False
    app = PageCache(django_app)
    get(app, article.url)
    get(app, article.url)
    assert django_app.calls == 2


def test_a_page_older_than_the_max_age_is_rendered_again(settings, django_app, article):
    settings.MANCHETTE_CACHE_MAX_AGE = 60
    app = PageCache(django_app)
    get(app, article.url)
    assert get(app, article.url).cache == "hit"
    # Its purge was lost: the page still goes once it is a minute old.
    next(iter(app.entries.values())).stored -= 61
    assert get(app, article.url).cache == "miss"
    assert django_app.calls == 2


def test_a_hit_tells_its_age(app, article):
    get(app, article.url)
    next(iter(app.entries.values())).stored -= 42
    assert get(app, article.url).headers["Age"] == "42"


def test_made_up_ports_share_the_host_s_page(app, django_app, article):
    get(app, article.url, host="testserver:1234")
    other_port = get(app, article.url, host="testserver:5678")
    no_port = get(app, article.url, host="testserver")
    assert (other_port.cache, no_port.cache) == ("hit", "hit")
    assert len(app.entries) == 1
    assert b":1234" not in other_port.body


def test_the_port_the_server_listens_on_stays_in_the_page(app, django_app):
    factory.article(tags=["Syrie"])
    # RequestFactory's server listens on port 80; tag pages link to themselves in full.
    on_our_port = get(app, "/tag/syrie/", host="testserver:80")
    assert b"http://testserver:80/tag/syrie/" in on_our_port.body
    made_up = get(app, "/tag/syrie/", host="testserver:1234")
    assert made_up.cache == "miss"
    assert b"http://testserver/tag/syrie/" in made_up.body
    assert len(app.entries) == 2


@pytest.fixture
def behind_https_proxy(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.MANCHETTE_TRUSTED_PROXIES = ["127.0.0.1"]


def test_plain_http_is_redirected_though_the_page_is_kept(behind_https_proxy, django_app, article):
    app = PageCache(django_app)
    get(app, article.url, x_forwarded_proto="https")
    assert get(app, article.url, x_forwarded_proto="https").cache == "hit"
    plain = get(app, article.url, x_forwarded_proto="http")
    assert (plain.status, plain.headers["Location"]) == (301, f"https://testserver{article.url}")
    assert get(app, article.url).status == 301  # a proxy that says nothing: http


@pytest.fixture
def tags_exempt(settings):
    settings.SECURE_REDIRECT_EXEMPT = [r"^tag/"]


def test_a_path_exempt_from_the_redirect_is_still_kept(behind_https_proxy, tags_exempt, django_app):
    factory.article(tags=["Syrie"])
    app = PageCache(django_app)
    get(app, "/tag/syrie/")
    assert get(app, "/tag/syrie/").cache == "hit"
