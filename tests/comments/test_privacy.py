"""A commenter downloads or erases their comments through a signed link sent to their address."""

import json
import re
import time
from unittest import mock

import pytest
from django.core import mail

from manchette.comments.models import Comment, ReplySubscription
from manchette.core.cache import purge_log_path
from tests import factory
from tests.comments.helpers import comment

# These tests read messages by their English wording.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

FORM = "/comments/privacy/"
LINK = re.compile(r"http://testserver(/comments/privacy/(export|erase)/[^/\s]+/)")


@pytest.fixture
def article():
    return factory.article()


@pytest.fixture
def ada(article):
    """Ada's two comments, one of them with a reply from Bob."""
    first = comment(article, name="Ada", email="ada@example.org", text="Premier avis")
    comment(article, name="Bob", email="bob@example.org", parent=first, text="Réponse de Bob")
    comment(
        article, name="Ada", email="Ada@Example.org", text="Second avis", website="https://a.ex"
    )
    return first


def links(client, email="ada@example.org"):
    client.post(FORM, {"email": email})
    return dict((kind, link) for link, kind in LINK.findall(mail.outbox[-1].body))


def test_the_form_asks_for_an_address(client):
    response = client.get(FORM)

    assert response.status_code == 200 and b'type="email"' in response.content


def test_the_answer_does_not_tell_whether_an_address_commented(client, ada):
    known = client.post(FORM, {"email": "ada@example.org"}).content.decode()
    unknown = client.post(FORM, {"email": "zoe@example.org"}).content.decode()

    assert known.replace("ada@example.org", "@") == unknown.replace("zoe@example.org", "@")


def test_links_go_only_to_an_address_with_comments(client, ada):
    client.post(FORM, {"email": "zoe@example.org"})
    assert mail.outbox == []

    client.post(FORM, {"email": "ADA@example.org"})

    [message] = mail.outbox
    assert message.to == ["ada@example.org"]
    assert {kind for _link, kind in LINK.findall(message.body)} == {"export", "erase"}


def test_a_second_request_soon_after_sends_nothing(client, ada):
    client.post(FORM, {"email": "ada@example.org"})
    client.post(FORM, {"email": "ada@example.org"})

    assert len(mail.outbox) == 1


def test_an_invalid_address_is_answered_beside_the_field(client):
    response = client.post(FORM, {"email": "pas une adresse"})

    assert response.status_code == 200 and response.context["form"].errors["email"]
    assert mail.outbox == []


def test_opening_the_export_link_shows_a_button(client, ada):
    response = client.get(links(client)["export"])

    assert response.status_code == 200 and b'method="post"' in response.content


def test_export_downloads_only_the_commenters_own_comments(client, ada):
    response = client.post(links(client)["export"])

    assert response["Content-Disposition"] == 'attachment; filename="my-comments.json"'
    exported = json.loads(response.content)
    assert sorted(c["text"] for c in exported["comments"]) == ["Premier avis", "Second avis"]


def test_opening_the_erase_link_erases_nothing(client, ada):
    response = client.get(links(client)["erase"])

    assert response.status_code == 200 and "2" in response.content.decode()
    assert Comment.objects.filter(name="Ada").count() == 2


def test_erase_removes_the_comments_and_keeps_the_replies_of_others(
    client, ada, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(links(client)["erase"])

    assert response.status_code == 200
    assert not Comment.objects.filter(email__iexact="ada@example.org").exists()
    placeholder = Comment.objects.get(pk=ada.pk)
    assert placeholder.status == Comment.Status.DELETED
    assert (placeholder.name, placeholder.text, placeholder.ip_network) == ("", "", "")
    assert Comment.objects.get(name="Bob").parent_id == ada.pk
    assert not Comment.objects.filter(text="Second avis").exists()
    assert f"comments-{article.pk}" in purge_log_path().read_text()


def test_erase_removes_the_reply_subscriptions_of_the_address(client, ada):
    other = Comment.objects.get(name="Bob")
    ReplySubscription.objects.create(comment=other, email="ada@example.org", token="t1")

    client.post(links(client)["erase"])

    assert not ReplySubscription.objects.exists()


def test_a_tampered_export_link_is_refused(client, ada):
    link = links(client)["export"]

    response = client.post(link[:-4] + "AAA/")

    assert response.status_code == 400 and b"This link does not work" in response.content


def test_a_tampered_erase_link_erases_nothing(client, ada):
    link = links(client)["erase"]

    response = client.post(link[:-4] + "AAA/")

    assert response.status_code == 400
    assert Comment.objects.filter(name="Ada").count() == 2


def test_an_expired_erase_link_erases_nothing(client, ada):
    two_days_ago = time.time() - 2 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=two_days_ago):
        link = links(client)["erase"]

    response = client.post(link)

    assert response.status_code == 400
    assert Comment.objects.filter(name="Ada").count() == 2


def test_an_export_link_cannot_erase(client, ada):
    link = links(client)["export"]

    response = client.post(link.replace("/export/", "/erase/"))

    assert response.status_code == 400
    assert Comment.objects.filter(name="Ada").count() == 2


def test_a_link_for_another_address_cannot_be_forged_by_editing_it(client, ada):
    link = links(client)["export"]
    signed = link.split("/")[-2]
    payload, _rest = signed.split(":", 1)

    response = client.post(link.replace(payload, payload[::-1]))

    assert response.status_code == 400
