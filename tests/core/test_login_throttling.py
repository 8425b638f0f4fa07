"""Sign-in throttling (django-axes): a lock after too many failed sign-ins, a clear page,
and a lock an administrator can lift."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-long"  # noqa: S105 - the test's own administrator
LIMIT = 10


@pytest.fixture
def chief():
    return get_user_model().objects.create_superuser("chef", "chef@example.org", PASSWORD)


def sign_in(client, username="chef", password=PASSWORD, address="198.51.100.7", **headers):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_the_right_password_works(client, chief):
    assert signed_in(sign_in(client))


def test_after_too_many_wrong_passwords_even_the_right_one_is_refused(client, chief, english):
    for _attempt in range(LIMIT - 1):
        assert sign_in(client, password="devine").status_code == 200
    assert sign_in(client, password="devine").status_code == 429
    locked = sign_in(client)
    assert locked.status_code == 429 and not signed_in(locked)
    text = locked.content.decode()
    assert "Too many failed sign-ins" in text and "Try again in 15 minutes" in text
    assert "An administrator can lift the lock at once." in text


def test_the_lock_holds_for_the_user_name_from_another_address(client, chief):
    for _attempt in range(LIMIT):
        sign_in(client, password="devine")
    assert sign_in(client, address="203.0.113.9").status_code == 429


def test_an_address_guessing_many_user_names_is_locked(client, chief):
    for attempt in range(LIMIT):
        sign_in(client, username=f"user{attempt}", password="devine")
    assert sign_in(client).status_code == 429
    assert signed_in(sign_in(client, address="203.0.113.9"))


def test_an_administrator_lifts_the_lock(client, chief):
    for _attempt in range(LIMIT):
        sign_in(client, password="devine")
    call_command("axes_reset_username", "chef", stdout=io.StringIO())
    call_command("axes_reset_ip", "198.51.100.7", stdout=io.StringIO())
    assert signed_in(sign_in(client))


def test_a_successful_sign_in_clears_the_count(client, chief):
    for _attempt in range(LIMIT - 1):
        sign_in(client, password="devine")
    assert signed_in(sign_in(client))
    client.logout()
    for _attempt in range(LIMIT - 1):
        sign_in(client, password="devine")
    assert signed_in(sign_in(client))


@override_settings(MANCHETTE_TRUSTED_PROXIES=["10.0.0.2"])
def test_behind_the_proxy_each_reader_address_counts_apart(client, chief):
    for attempt in range(LIMIT):
        sign_in(client, username=f"user{attempt}", password="devine", address="10.0.0.2",
                HTTP_X_FORWARDED_FOR="203.0.113.9")  # fmt: skip
    assert signed_in(sign_in(client, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7"))


def test_a_spoofed_forwarded_for_does_not_escape_the_lock(client, chief):
    for attempt in range(LIMIT):
        sign_in(client, username=f"user{attempt}", password="devine",
                HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")  # fmt: skip
    assert sign_in(client, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def lock_out(client, username="chef"):
    for _attempt in range(LIMIT):
        sign_in(client, username=username, password="devine")


def test_an_administrator_lifts_the_lock_in_the_admin(client, chief, english):
    from axes.models import AccessAttempt

    lock_out(client)
    attempt = AccessAttempt.objects.get(username="chef")
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    listing = client.get("/admin/sign-in-locks/")
    assert listing.status_code == 200 and "198.51.100.7" in listing.content.decode()
    lifted = client.post(f"/admin/sign-in-locks/delete/{attempt.pk}/")
    assert lifted.status_code == 302 and not AccessAttempt.objects.exists()
    client.logout()
    assert signed_in(sign_in(client))


def test_an_editor_cannot_see_or_lift_locks(client, chief):
    from axes.models import AccessAttempt
    from django.contrib.auth.models import Group

    lock_out(client)
    editor = get_user_model().objects.create_user("redac", "r@example.org", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    attempt = AccessAttempt.objects.get(username="chef")
    assert client.get("/admin/sign-in-locks/").status_code in (302, 403)
    client.post(f"/admin/sign-in-locks/delete/{attempt.pk}/")
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
