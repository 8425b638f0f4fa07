"""The wire's admin screens, while empty, say how dispatches get in: in the admin's language."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.users.models import UserProfile

from manchette.wire.ingest import ingest
from manchette.wire.models import WireSource

from .builders import ninjs

pytestmark = pytest.mark.django_db

SCREENS = ["/admin/wire/sources/", "/admin/wire/log/", "/admin/wire/receipts/"]


def admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("chef", "c@example.org", "pw")
    admin_language(user, "en")
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", SCREENS)
def test_an_empty_screen_without_wires_says_to_add_one(editor, url, settings, tmp_path):
    settings.MANCHETTE_WIRE_DROP_DIR = str(tmp_path / "depot")
    html = editor.get(url).content.decode()
    assert "How to ingest agency dispatches" in html
    assert "manchette ingest FILE|FOLDER|URL…" in html
    assert str(tmp_path / "depot") in html
    assert 'href="/admin/wire/sources/new/"' in html


@pytest.mark.parametrize("url", SCREENS[1:])
def test_with_a_wire_the_push_address_and_token_are_given(editor, url, belga):
    belga.feed_url = "https://belga.example/feed.xml"
    belga.save()
    html = editor.get(url).content.decode()
    assert "http://testserver/wire/push/belga/" in html
    assert "Authorization: Bearer belga-token" in html
    assert "https://belga.example/feed.xml" in html and "polled every 5 minutes" in html


def test_who_may_not_edit_wires_does_not_see_the_tokens(client, belga):
    user = get_user_model().objects.create_user("lecteur", "l@example.org", "pw")
    group = Group.objects.create(name="Journal")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_receipt"),
    )
    user.groups.add(group)
    admin_language(user, "en")
    client.force_login(user)
    html = client.get("/admin/wire/receipts/").content.decode()
    assert "http://testserver/wire/push/belga/" in html
    assert "belga-token" not in html and "&lt;token&gt;" in html


def test_the_help_is_gone_once_something_arrived(editor, belga):
    ingest(ninjs(), transport="cli")
    assert "How to ingest agency dispatches" not in editor.get("/admin/wire/log/").content.decode()


def test_the_help_is_not_shown_for_a_search_that_finds_nothing(editor, belga):
    ingest(ninjs(), transport="cli")
    html = editor.get("/admin/wire/log/?q=introuvable").content.decode()
    assert "How to ingest agency dispatches" not in html


def test_the_help_is_in_the_admin_language(editor):
    admin_language(get_user_model().objects.get(username="chef"), "fr")
    html = editor.get("/admin/wire/log/").content.decode()
    assert "Comment recevoir les dépêches des agences" in html


def test_no_wire_is_needed_for_the_screens_to_answer(editor):
    assert not WireSource.objects.exists()
    assert all(editor.get(url).status_code == 200 for url in SCREENS)
