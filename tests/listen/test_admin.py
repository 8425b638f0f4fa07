"""Editors see which articles could not be read aloud, why, and can try again."""

import pytest
from django.urls import reverse

from manchette.listen import speech
from manchette.listen.models import ArticleAudio
from tests import factory

# These tests read messages by their English wording.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.org", "pw"))
    return client


@pytest.fixture
def failed(publish, monkeypatch):
    def broken(*args):
        raise speech.SpeechError("espeak-ng failed: internal error")

    monkeypatch.setattr(speech, "say", broken)
    article = publish(headline="Un article muet", kicker="")
    monkeypatch.undo()
    return article


def test_failures_are_listed_first_with_their_error(editor, failed, publish):
    publish(headline="Un article lu", kicker="")
    html = editor.get(reverse("listen_audio_report")).content.decode()
    assert html.index("Un article muet") < html.index("Un article lu")
    assert "SpeechError: espeak-ng failed: internal error" in html


def test_the_report_filters_by_status(editor, failed, publish):
    publish(headline="Un article lu", kicker="")
    html = editor.get(reverse("listen_audio_report") + "?status=ready").content.decode()
    assert "Un article lu" in html and "Un article muet" not in html


def test_the_dashboard_warns_of_failures(editor, failed):
    html = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 article could not be read aloud." in html


def test_the_dashboard_is_quiet_without_failures(editor):
    html = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "could not be read aloud" not in html


def test_try_again_queues_a_new_reading(editor, failed, django_capture_on_commit_callbacks):
    reading = ArticleAudio.objects.get(article=failed)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(reverse("listen_audio_retry", args=[reading.pk]))
    assert response.status_code == 302
    reading.refresh_from_db()
    assert (reading.status, reading.error, reading.attempts) == ("ready", "", 1)


def test_try_again_needs_a_post(editor, failed):
    reading = ArticleAudio.objects.get(article=failed)
    assert editor.get(reverse("listen_audio_retry", args=[reading.pk])).status_code == 405


def test_try_again_needs_the_right_to_publish(client, django_user_model, failed):
    user = django_user_model.objects.create_user("reader", "r@example.org", "pw")
    client.force_login(user)
    reading = ArticleAudio.objects.get(article=failed)
    response = client.post(reverse("listen_audio_retry", args=[reading.pk]))
    assert response.status_code in (302, 403)
    reading.refresh_from_db()
    assert reading.status == "failed"


def test_the_report_needs_an_editor(client):
    factory.article()
    response = client.get(reverse("listen_audio_report"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
