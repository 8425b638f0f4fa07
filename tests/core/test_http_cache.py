"""HTTP caching as Django answers it (a page cache miss): headers, validators, 304."""

from email.utils import format_datetime
from unittest import mock

import pytest
from django.http import HttpResponse
from django.utils import timezone

from manchette.comments.security import issue_token
from manchette.core.middleware import LanguageVaryMiddleware
from tests import factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return factory.article(tags=["Syrie"])


def test_article_page_is_public_and_revalidated(client, article):
    response = client.get(article.url)
    directives = {token.strip() for token in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=0", "must-revalidate", "s-maxage=600"}
    assert response["ETag"]
    assert response["Last-Modified"] == format_datetime(article.first_published_at, usegmt=True)


def test_article_page_names_what_it_shows(client, article):
    related = factory.article(headline="Autre", tags=["Syrie"])
    keys = client.get(article.url)["Surrogate-Key"].split()
    assert {f"article-{article.pk}", f"article-{related.pk}", "sidebar-tag-syrie"} <= set(keys)
    assert f"sidebar-section-{article.get_parent().pk}" in keys
    # The page names its source; it does not list the source's articles.
    assert f"credit-{article.source_id}" in keys
    assert f"source-{article.source_id}" not in keys


def test_updated_article_is_last_modified_at_its_update(client):
    article = factory.article(updated_at=timezone.now())
    response = client.get(article.url)
    assert response["Last-Modified"] == format_datetime(article.last_published_at, usegmt=True)


@pytest.mark.usefixtures("steady_clock")
def test_matching_etag_answers_304(client, article):
    etag = client.get(article.url)["ETag"]
    response = client.get(article.url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_other_etag_gets_the_page(client, article):
    response = client.get(article.url, headers={"if-none-match": '"autre"'})
    assert response.status_code == 200


def test_if_modified_since_answers_304(client, article):
    last_modified = client.get(article.url)["Last-Modified"]
    response = client.get(article.url, headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_modified_since_then_gets_the_page(client, article):
    response = client.get(
        article.url, headers={"if-modified-since": "Thu, 01 Jan 2015 00:00:00 GMT"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/", "/monde/", "/tag/syrie/", "/source/belga/", "/feeds/rss/"])
def test_lists_and_feeds_are_public_with_an_etag(client, article, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert response["Surrogate-Key"]
    assert response["ETag"]


def test_editor_gets_private_pages(client, article, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.org", "pw"))
    response = client.get(article.url)
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert not response.has_header("Surrogate-Key")


def test_not_found_is_not_public(client):
    factory.home()
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")
    assert not response.has_header("Surrogate-Key")


def test_shared_caches_keep_the_page_for_the_max_age(client, article, settings):
    settings.MANCHETTE_CACHE_MAX_AGE = 120
    assert "s-maxage=120" in client.get(article.url)["Cache-Control"]


def test_public_pages_vary_by_language_only(client, article):
    response = client.get(article.url)
    assert response["Vary"] == "Accept-Language"
    not_modified = client.get(article.url, headers={"if-none-match": response["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified["Vary"] == "Accept-Language"


def test_private_pages_still_vary_by_cookie(client, article, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.org", "pw"))
    assert "Cookie" in client.get(article.url)["Vary"]


def test_the_comment_form_s_token_leaves_the_etag_alone(client, article):
    with mock.patch("manchette.comments.security.time.time", return_value=1_795_000_000.0):
        first = client.get(article.url)
    with mock.patch("manchette.comments.security.time.time", return_value=1_795_000_077.0):
        later = client.get(article.url)
        not_modified = client.get(article.url, headers={"if-none-match": first["ETag"]})
    assert first.content != later.content  # the token differs...
    assert first["ETag"] == later["ETag"]  # ...the page does not
    assert not_modified.status_code == 304


def test_a_browsers_copy_is_not_reused_once_its_form_token_is_a_period_old(
    client, article, settings
):
    """Without JavaScript nothing refreshes the token: a 304 must not keep an old one alive."""
    refresh = settings.MANCHETTE_COMMENTS_TOKEN_REFRESH = 1800
    with mock.patch("manchette.comments.security.time.time", return_value=1_795_000_000.0):
        first = client.get(article.url)
    with mock.patch(
        "manchette.comments.security.time.time", return_value=1_795_000_000.0 + refresh
    ):
        again = client.get(article.url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert issue_token_at(article, 1_795_000_000 + refresh) in again.content.decode()


def issue_token_at(article, moment):
    return issue_token(article.pk, now=moment)


@pytest.mark.usefixtures("steady_clock")
def test_new_content_gets_a_new_etag(client, article):
    before = client.get(article.url)["ETag"]
    article.title = "Un autre titre"
    article.save_revision().publish()
    assert client.get(article.url)["ETag"] != before


def test_cloudflare_gets_cache_tags(client, article, settings):
    settings.MANCHETTE_CLOUDFLARE_ZONE_ID = "zone"
    response = client.get(article.url)
    assert response["Cache-Tag"].split(",") == response["Surrogate-Key"].split()


def test_no_cache_tags_without_cloudflare(client, article):
    assert not client.get(article.url).has_header("Cache-Tag")


def test_other_vary_headers_stay(rf):
    def view(request):
        request.public_page = True
        response = HttpResponse("page")
        response["Vary"] = "Cookie, Accept-Encoding, Accept-Language"
        return response

    response = LanguageVaryMiddleware(view)(rf.get("/"))
    assert response["Vary"] == "Accept-Language, Accept-Encoding"
