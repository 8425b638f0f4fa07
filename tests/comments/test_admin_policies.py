"""Editors set a section's or an article's comment policy in the admin."""

import pytest
from django.urls import reverse

from manchette.comments.models import CommentPolicy
from tests import factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    return client


def test_editor_closes_comments_on_a_section(editor):
    section = factory.section("Sport")
    response = editor.post(
        reverse("comment_policies:add"),
        {"page": section.pk, "mode": "closed", "close_after_days": ""},
    )
    assert response.status_code == 302
    policy = CommentPolicy.objects.get(page=section)
    assert policy.mode == "closed"
    assert "Sport" in editor.get(reverse("comment_policies:index")).content.decode()


def test_a_page_has_one_policy_only(editor):
    section = factory.section("Sport")
    CommentPolicy.objects.create(page=section, mode="closed")
    response = editor.post(reverse("comment_policies:add"), {"page": section.pk, "mode": "open"})
    assert response.status_code == 200
    assert CommentPolicy.objects.get(page=section).mode == "closed"


def test_readers_cannot_reach_the_policies(client):
    response = client.get(reverse("comment_policies:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
