"""An author edits or deletes their comment for a while, from the browser they wrote it in."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext

from manchette.comments.models import Comment
from tests import factory

from .helpers import SAME_ORIGIN, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def written(client):
    article = factory.article()
    post(client, article, text="Premier jet")
    return Comment.objects.get()


def age(comment, minutes):
    Comment.objects.filter(pk=comment.pk).update(
        created=timezone.now() - timedelta(minutes=minutes)
    )


def test_author_sees_edit_and_delete_links(client, written):
    html = client.get(written.article.url).content.decode()
    assert f'href="/comments/comment/{written.pk}/edit/"' in html
    assert Client().get(written.article.url).content.decode().count("/edit/") == 0


def test_author_edits_within_the_window_and_it_is_marked(client, written):
    assert client.get(f"/comments/comment/{written.pk}/edit/").status_code == 200
    response = client.post(
        f"/comments/comment/{written.pk}/edit/", {"text": "Version corrigée"}, **SAME_ORIGIN
    )
    assert response.status_code == 303
    assert response["Location"].endswith(f"#comment-{written.pk}")
    written.refresh_from_db()
    assert written.text == "Version corrigée" and written.edited is not None
    html = Client().get(written.article.url).content.decode()
    assert "Version corrigée" in html and gettext("edited") in html


def test_edit_with_errors_keeps_the_text(client, written):
    response = client.post(
        f"/comments/comment/{written.pk}/edit/", {"text": "x\x07"}, **SAME_ORIGIN
    )
    assert response.status_code == 400
    written.refresh_from_db()
    assert written.text == "Premier jet"


def test_edit_adding_links_holds_the_comment(client, written):
    client.post(
        f"/comments/comment/{written.pk}/edit/",
        {"text": "https://a.example https://b.example"},
        **SAME_ORIGIN,
    )
    written.refresh_from_db()
    assert written.status == Comment.Status.HELD


def test_author_cannot_edit_after_the_window(client, written):
    age(written, 16)
    response = client.post(
        f"/comments/comment/{written.pk}/edit/", {"text": "Trop tard"}, **SAME_ORIGIN
    )
    assert response.status_code == 403
    written.refresh_from_db()
    assert written.text == "Premier jet"
    assert "/edit/" not in client.get(written.article.url).content.decode()


def test_someone_else_cannot_edit(written):
    other = Client()
    response = other.post(
        f"/comments/comment/{written.pk}/edit/", {"text": "Piraté"}, **SAME_ORIGIN
    )
    assert response.status_code == 403
    written.refresh_from_db()
    assert written.text == "Premier jet"


def test_edit_from_another_site_is_refused(client, written):
    response = client.post(
        f"/comments/comment/{written.pk}/edit/",
        {"text": "Piraté"},
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert response.status_code == 403
    written.refresh_from_db()
    assert written.text == "Premier jet"


def test_author_deletes_within_the_window(client, written):
    assert client.get(f"/comments/comment/{written.pk}/delete/").status_code == 200
    written.refresh_from_db()
    assert written.status == Comment.Status.PUBLISHED  # GET only asks
    response = client.post(f"/comments/comment/{written.pk}/delete/", **SAME_ORIGIN)
    assert response.status_code == 303
    written.refresh_from_db()
    assert written.status == Comment.Status.DELETED
    assert "Premier jet" not in Client().get(written.article.url).content.decode()


def test_author_cannot_delete_after_the_window(client, written):
    age(written, 15)
    assert client.post(f"/comments/comment/{written.pk}/delete/", **SAME_ORIGIN).status_code == 403
    written.refresh_from_db()
    assert written.status == Comment.Status.PUBLISHED


def test_someone_else_cannot_delete(written):
    assert (
        Client().post(f"/comments/comment/{written.pk}/delete/", **SAME_ORIGIN).status_code == 403
    )
    written.refresh_from_db()
    assert written.status == Comment.Status.PUBLISHED


def test_changing_a_comment_that_does_not_exist_is_not_found(client):
    assert client.get("/comments/comment/999999/edit/").status_code == 404
