"""E-mail to moderators, and reply notifications: double opt-in, signed links, one-click stop."""

import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.test import Client

from manchette.comments import notifications
from manchette.comments.admin_views import ApproveBulkAction
from manchette.comments.models import Comment, ReplySubscription
from tests import factory
from tests.comments.helpers import comment

# These tests read messages by their English wording.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LINK = re.compile(r"http://testserver(/comments/replies/\w+/[^/\s]+/)")


@pytest.fixture
def article():
    return factory.article(headline="Le sommet de Bruxelles")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the transaction's commit (the queued e-mails) at the block's end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def moderators(settings):
    settings.MANCHETTE_COMMENTS_MODERATOR_EMAILS = ["moderation@example.org"]


def links_in(message):
    return LINK.findall(message.body)


def subscribed(article, committed, email="ada@example.org"):
    """A comment whose author asked for reply e-mails; returns it and the confirmation link."""
    with committed():
        parent = comment(article, name="Ada", email=email)
        notifications.subscribe(parent)
    return parent, links_in(mail.outbox[-1])[0]


def test_moderators_hear_of_a_held_comment(article, moderators, committed):
    with committed():
        comment(article, status=Comment.Status.HELD, held_reason="Several links.", text="Voir…")

    [message] = mail.outbox
    assert message.to == ["moderation@example.org"]
    assert "Le sommet de Bruxelles" in message.subject
    assert "Several links." in message.body and "/admin/comments/?status=held" in message.body


def test_moderators_do_not_hear_of_published_comments_by_default(article, moderators, committed):
    with committed():
        comment(article)

    assert mail.outbox == []


def test_moderators_hear_of_every_comment_when_asked(article, moderators, committed, settings):
    settings.MANCHETTE_COMMENTS_NOTIFY_MODERATORS = "all"
    with committed():
        comment(article)

    assert len(mail.outbox) == 1


def test_nobody_is_emailed_without_moderator_addresses(article, committed):
    with committed():
        comment(article, status=Comment.Status.HELD)

    assert mail.outbox == []


def test_moderators_hear_of_a_comment_held_by_flags(article, moderators, committed):
    target = comment(article)
    with committed():
        target.status = Comment.Status.HELD
        target.save(update_fields=["status", "held_reason"])

    assert len(mail.outbox) == 1


def test_subscribing_sends_a_confirmation_link_and_nothing_else(article, committed):
    parent, link = subscribed(article, committed)

    [message] = mail.outbox
    assert message.to == ["ada@example.org"]
    assert link.startswith("/comments/replies/confirm/")
    assert ReplySubscription.objects.get().confirmed_at is None


def test_no_reply_email_before_confirmation(article, committed):
    parent, _link = subscribed(article, committed)
    mail.outbox.clear()
    with committed():
        comment(article, parent=parent, name="Bob")

    assert mail.outbox == []


def test_opening_the_confirmation_link_changes_nothing(client, article, committed):
    _parent, link = subscribed(article, committed)

    response = client.get(link)

    assert response.status_code == 200 and b"<form" in response.content
    assert ReplySubscription.objects.get().confirmed_at is None


def test_pressing_the_button_confirms(client, article, committed):
    _parent, link = subscribed(article, committed)

    response = client.post(link)

    assert response.status_code == 200
    assert ReplySubscription.objects.get().confirmed_at is not None


def confirmed(client, article, committed, email="ada@example.org"):
    parent, link = subscribed(article, committed, email)
    client.post(link)
    mail.outbox.clear()
    return parent


def test_a_reply_is_announced_with_a_one_click_unsubscribe(client, article, committed):
    parent = confirmed(client, article, committed)
    with committed():
        reply = comment(article, parent=parent, name="Bob", text="Je ne suis pas d'accord.")

    [message] = mail.outbox
    stop = links_in(message)[0]
    assert message.to == ["ada@example.org"]
    assert "Je ne suis pas d'accord." in message.body and f"#comment-{reply.pk}" in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{stop}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_nobody_hears_of_their_own_reply(client, article, committed):
    parent = confirmed(client, article, committed)
    with committed():
        comment(article, parent=parent, name="Ada", email="ADA@example.org")

    assert mail.outbox == []


def test_a_held_reply_is_announced_once_approved(client, article, committed):
    parent = confirmed(client, article, committed)
    with committed():
        reply = comment(article, parent=parent, status=Comment.Status.HELD)
    assert mail.outbox == []

    with committed():
        ApproveBulkAction.execute_action([reply])

    assert len(mail.outbox) == 1


def test_a_reply_approved_again_after_flags_is_not_announced_twice(client, article, committed):
    parent = confirmed(client, article, committed)
    with committed():
        reply = comment(article, parent=parent, status=Comment.Status.HELD, flag_count=3)
        ApproveBulkAction.execute_action([reply])

    assert mail.outbox == []


def stop_link(client, article, committed):
    parent = confirmed(client, article, committed)
    with committed():
        comment(article, parent=parent, name="Bob")
    return links_in(mail.outbox[-1])[0]


def test_opening_the_unsubscribe_link_changes_nothing(client, article, committed):
    stop = stop_link(client, article, committed)

    assert client.get(stop).status_code == 200
    assert ReplySubscription.objects.exists()


def test_one_click_unsubscribe_needs_no_cookie(client, article, committed):
    stop = stop_link(client, article, committed)
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        stop, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert not ReplySubscription.objects.exists()


def test_no_more_email_after_unsubscribing(client, article, committed):
    stop = stop_link(client, article, committed)
    client.post(stop)
    mail.outbox.clear()
    with committed():
        comment(article, parent=Comment.objects.get(name="Ada"), name="Chloé")

    assert mail.outbox == []


def test_a_tampered_confirmation_link_is_refused(client, article, committed):
    _parent, link = subscribed(article, committed)

    response = client.post(link[:-3] + "xx/")

    assert response.status_code == 400 and b"This link does not work" in response.content
    assert ReplySubscription.objects.get().confirmed_at is None


def test_an_expired_confirmation_link_is_refused(client, article, committed):
    three_days_ago = time.time() - 3 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=three_days_ago):
        _parent, link = subscribed(article, committed)

    response = client.post(link)

    assert response.status_code == 400
    assert ReplySubscription.objects.get().confirmed_at is None


def test_a_confirmation_link_does_not_unsubscribe(client, article, committed):
    _parent, link = subscribed(article, committed)

    response = client.post(link.replace("/confirm/", "/stop/"))

    assert response.status_code == 400 and ReplySubscription.objects.exists()


def test_a_tampered_unsubscribe_link_is_refused(client, article, committed):
    stop = stop_link(client, article, committed)

    response = client.post(stop.replace("/stop/", "/stop/x"))

    assert response.status_code == 400 and ReplySubscription.objects.exists()


def test_no_subscription_without_an_email_address(article):
    assert notifications.subscribe(comment(article, email="")) is None


def test_no_subscription_when_the_site_turned_them_off(article, settings):
    settings.MANCHETTE_COMMENTS_REPLY_NOTIFICATIONS = False

    assert notifications.subscribe(comment(article, email="ada@example.org")) is None
