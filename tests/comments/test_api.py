"""The JSON API the enhancement script uses: list, count, token, post, edit, delete, flag."""

import json
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from manchette.comments.models import Comment, Flag
from manchette.comments.security import AUTHOR_COOKIE, issue_token
from tests import factory

from .helpers import SAME_ORIGIN, comment, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    """A browser that enforces CSRF as a real one does, holding the API's CSRF cookie."""
    browser = Client(enforce_csrf_checks=True)
    article = factory.article()
    answer = browser.get(f"/comments/api/{article.pk}/token/").json()
    browser.csrf = answer["csrf"]
    browser.article = article
    return browser


def send(browser, url, data=None, csrf=True):
    headers = {"HTTP_X_CSRFTOKEN": browser.csrf} if csrf else {}
    return browser.post(
        url, json.dumps(data or {}), content_type="application/json", **SAME_ORIGIN, **headers
    )


def create(browser, **fields):
    return send(
        browser, f"/comments/api/{browser.article.pk}/", form_data(browser.article, **fields)
    )


def test_token_endpoint_gives_a_form_token_and_the_csrf_cookie():
    browser = Client()
    article = factory.article()
    response = browser.get(f"/comments/api/{article.pk}/token/")
    assert response.json()["token"].startswith(f"{article.pk}:")
    assert "csrftoken" in response.cookies
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_post_returns_the_comment_and_its_html(reader):
    response = create(reader, text="Par l'API")
    assert response.status_code == 201
    body = response.json()
    stored = Comment.objects.get()
    assert body["comment"]["id"] == stored.pk and body["created"] is True
    assert reader.get(f"/comments/api/{reader.article.pk}/").json()["count"] == 1
    assert f'id="comment-{stored.pk}"' in body["html"] and "Par l&#x27;API" in body["html"]
    assert AUTHOR_COOKIE in response.cookies
    assert body["comment"]["can_change"] is True


def test_post_without_csrf_is_refused_in_json(reader, english):
    response = send(
        reader, f"/comments/api/{reader.article.pk}/", form_data(reader.article), csrf=False
    )
    assert response.status_code == 403 and response["Content-Type"] == "application/json"
    assert "Reload the page" in response.json()["message"]
    assert not Comment.objects.exists()


def test_csrf_failure_elsewhere_is_still_the_site_page():
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403 and response["Content-Type"].startswith("text/html")


def test_a_wrong_method_on_the_api_is_answered_in_json(reader):
    response = reader.get("/comments/api/comment/1/edit/")
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert response.json()["message"]


def test_post_errors_are_json_beside_their_fields(reader):
    response = create(reader, name="", website="javascript:alert(1)")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"name", "website"}
    assert errors["name"][0]["code"] == "required"


def test_post_too_fast_says_so(reader):
    response = create(reader, token=issue_token(reader.article.pk))
    assert response.status_code == 400
    assert response.json()["errors"]["__all__"][0]["code"] == "too_fast"


def test_post_with_a_body_that_is_not_a_json_object_is_refused(reader):
    url = f"/comments/api/{reader.article.pk}/"
    headers = {"HTTP_X_CSRFTOKEN": reader.csrf, **SAME_ORIGIN}
    for body in (b"[1, 2]", b"{not json", b'{"name": "\xff\xfe"}', b'{"name": {"a": 1}}'):
        response = reader.post(url, body, content_type="application/json", **headers)
        assert response.status_code == 400, body
        assert "message" in response.json()
    assert not Comment.objects.exists()


def test_tampered_token_gets_an_opaque_json_400(reader):
    response = create(reader, token="1:2:forged")
    assert response.status_code == 400
    assert response.json()["errors"] == {}


def test_duplicate_post_returns_the_earlier_comment(reader):
    first = create(reader).json()["comment"]["id"]
    again = create(reader)
    assert again.status_code == 200 and again.json()["comment"]["id"] == first
    assert Comment.objects.count() == 1


def test_list_gives_threads_with_replies_and_html():
    article = factory.article()
    top = comment(article, text="fil")
    comment(article, parent=top, text="réponse")
    comment(article, text="retenu", status=Comment.Status.HELD, email="secret@example.com")
    response = Client().get(f"/comments/api/{article.pk}/")
    body = response.json()
    assert body["count"] == 2 and body["next"] is None and body["order"] == "oldest"
    assert [c["id"] for c in body["comments"]] == [top.pk]
    assert body["comments"][0]["replies"][0]["html"] == "<p>réponse</p>"
    assert "retenu" not in response.content.decode() and "secret@" not in response.content.decode()
    assert f"comments-{article.pk}" in response["Surrogate-Key"]


def test_list_of_a_draft_is_a_json_404():
    draft = factory.article(publish=False)
    response = Client().get(f"/comments/api/{draft.pk}/")
    assert response.status_code == 404 and "message" in response.json()


def test_counts_of_several_articles():
    first, second = factory.article(), factory.article(headline="Deux")
    draft = factory.article(headline="Brouillon", publish=False)
    comment(first)
    comment(first)
    comment(second, status=Comment.Status.SPAM)
    url = f"/comments/api/counts/?article={first.pk}&article={second.pk}&article={draft.pk}"
    assert Client().get(url).json() == {str(first.pk): 2, str(second.pk): 0}
    assert Client().get("/comments/api/counts/?article=x").status_code == 404
    many = "&".join(f"article={n}" for n in range(101))
    assert Client().get(f"/comments/api/counts/?{many}").status_code == 400


def test_author_edits_and_deletes_through_the_api(reader):
    pk = create(reader).json()["comment"]["id"]
    edited = send(reader, f"/comments/api/comment/{pk}/edit/", {"text": "Corrigé"})
    assert edited.status_code == 200 and edited.json()["comment"]["edited"]
    assert "Corrigé" in edited.json()["html"]
    deleted = send(reader, f"/comments/api/comment/{pk}/delete/")
    assert deleted.status_code == 200 and deleted.json()["comment"]["status"] == "deleted"
    assert Comment.objects.get().status == Comment.Status.DELETED


def test_edit_after_the_window_is_refused(reader):
    pk = create(reader).json()["comment"]["id"]
    Comment.objects.filter(pk=pk).update(created=timezone.now() - timedelta(minutes=20))
    response = send(reader, f"/comments/api/comment/{pk}/edit/", {"text": "Tard"})
    assert response.status_code == 403
    assert Comment.objects.get().text != "Tard"


def test_edit_by_someone_else_is_refused(reader):
    target = comment(reader.article)
    response = send(reader, f"/comments/api/comment/{target.pk}/edit/", {"text": "Piraté"})
    assert response.status_code == 403
    response = send(reader, f"/comments/api/comment/{target.pk}/delete/")
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.status == Comment.Status.PUBLISHED


def test_edit_with_an_empty_text_is_refused(reader):
    pk = create(reader).json()["comment"]["id"]
    response = send(reader, f"/comments/api/comment/{pk}/edit/", {"text": "  "})
    assert response.status_code == 400 and "text" in response.json()["errors"]


def test_flag_through_the_api_once(reader):
    target = comment(reader.article)
    first = send(reader, f"/comments/api/comment/{target.pk}/flag/")
    second = send(reader, f"/comments/api/comment/{target.pk}/flag/")
    assert first.json() == {"flagged": True, "first_time": True}
    assert second.json() == {"flagged": True, "first_time": False}
    assert Flag.objects.count() == 1


def test_flag_without_csrf_is_refused(reader):
    target = comment(reader.article)
    assert send(reader, f"/comments/api/comment/{target.pk}/flag/", csrf=False).status_code == 403
    assert not Flag.objects.exists()


def test_flag_of_a_missing_comment_is_a_json_404(reader):
    response = send(reader, "/comments/api/comment/999999/flag/")
    assert response.status_code == 404 and response.json()["message"]


@override_settings(MANCHETTE_COMMENTS_ARTICLE_RATES=[(1, 60)])
def test_an_article_already_flooded_is_refused_at_once_in_json(reader):
    assert create(reader, text="Premier avis.").status_code == 201
    assert create(reader, text="Deuxième avis.").status_code == 429
    again = create(reader, text="Troisième avis.")
    assert again.status_code == 429
    assert "Trop de commentaires" in again.json()["message"]
    assert Comment.objects.count() == 1
