"""Readers report a comment, once each; enough reports hold it for the newsroom."""

import pytest
from django.test import Client, override_settings

from manchette.comments.models import Comment, Flag
from tests import factory

from .helpers import SAME_ORIGIN, comment

pytestmark = pytest.mark.django_db


def flag(client, target, address="192.0.2.1"):
    return client.post(f"/comments/comment/{target.pk}/flag/", **SAME_ORIGIN, REMOTE_ADDR=address)


def test_get_asks_and_post_flags(client):
    target = comment(factory.article())
    assert client.get(f"/comments/comment/{target.pk}/flag/").status_code == 200
    assert not Flag.objects.exists()
    assert flag(client, target).status_code == 200
    target.refresh_from_db()
    assert target.flag_count == 1


def test_a_reader_flags_a_comment_once(client):
    target = comment(factory.article())
    flag(client, target)
    flag(Client(), target, "192.0.2.200")  # same /24: the same reader
    target.refresh_from_db()
    assert target.flag_count == 1 and Flag.objects.count() == 1


@override_settings(MANCHETTE_COMMENTS_FLAGS_TO_HOLD=3)
def test_enough_flags_hold_the_comment(client):
    target = comment(factory.article(), text="Propos douteux")
    for address in ("192.0.2.1", "198.51.100.1"):
        flag(client, target, address)
    target.refresh_from_db()
    assert target.status == Comment.Status.PUBLISHED
    flag(client, target, "203.0.113.1")
    target.refresh_from_db()
    assert target.status == Comment.Status.HELD and target.held_reason
    assert "Propos douteux" not in Client().get(target.article.url).content.decode()


def test_flag_from_another_site_is_refused(client):
    target = comment(factory.article())
    response = client.post(f"/comments/comment/{target.pk}/flag/", HTTP_ORIGIN="https://x.example")
    assert response.status_code == 403
    assert not Flag.objects.exists()


def test_flagging_a_held_comment_is_not_found(client):
    target = comment(factory.article(), status=Comment.Status.HELD)
    assert flag(client, target).status_code == 404
