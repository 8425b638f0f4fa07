"""Audio is made when an article is published, remade for each new text, removed with it."""

import logging
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.tasks.backends.immediate import ImmediateBackend
from django.utils import timezone

from manchette.core.cache import purge_log_path
from manchette.listen import speech, tasks
from manchette.listen.models import ArticleAudio
from manchette.newsroom.models import ArticlePage
from tests import factory

pytestmark = pytest.mark.django_db


def stored(reading):
    return default_storage.exists(reading.opus.name) and default_storage.exists(reading.mp3.name)


def test_publishing_makes_the_audio_and_purges_the_cached_page(publish):
    article = publish()
    reading = article.audio
    assert reading.status == ArticleAudio.Status.READY
    assert reading.language == "fr" and reading.words == 9 and reading.attempts == 1
    assert reading.revision_id == article.live_revision_id
    assert stored(reading)
    assert reading.opus_size == default_storage.size(reading.opus.name)
    purged = purge_log_path().read_text().split()
    assert f"listen-{article.pk}" in purged and "podcast" in purged


def test_a_new_text_replaces_the_audio_and_removes_the_old_files(publish, republish):
    article = publish()
    before = article.audio
    article = republish(article, title="Un autre titre")
    after = ArticleAudio.objects.get(article=article)
    assert after.status == ArticleAudio.Status.READY
    assert after.opus.name != before.opus.name and stored(after)
    assert not default_storage.exists(before.opus.name)
    assert not default_storage.exists(before.mp3.name)


def test_a_revision_that_says_the_same_keeps_the_files(publish, republish):
    article = publish()
    before = article.audio
    article = republish(article, tags=["Nouveau"])
    after = ArticleAudio.objects.get(article=article)
    assert (after.opus.name, after.attempts) == (before.opus.name, 0)
    assert after.revision_id == article.live_revision_id and stored(after)


def test_unpublishing_removes_the_audio(publish, django_capture_on_commit_callbacks):
    article = publish()
    reading = article.audio
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert not ArticleAudio.objects.filter(article=article).exists()
    assert not default_storage.exists(reading.opus.name)


def test_deleting_the_article_removes_the_files(publish, django_capture_on_commit_callbacks):
    reading = publish().audio
    with django_capture_on_commit_callbacks(execute=True):
        reading.article.delete()
    assert not default_storage.exists(reading.mp3.name)


def test_a_scheduled_publication_is_read_when_it_goes_live(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = factory.scheduled_article()
    assert not ArticleAudio.objects.filter(article=article).exists()


def test_nothing_is_read_when_listening_is_off(publish, settings):
    settings.MANCHETTE_LISTEN = False
    assert not ArticleAudio.objects.filter(article=publish()).exists()


def test_empty_body_is_read_from_the_headline(publish):
    reading = publish(body=[], standfirst="").audio
    assert reading.status == ArticleAudio.Status.READY and reading.words == 5


@pytest.mark.parametrize(("language", "voice"), [("es", "es"), ("fi", "fi"), ("zh-Hant", "cmn")])
def test_any_language_espeak_ng_speaks_is_read_in_its_own_voice(language, voice, monkeypatch):
    voices = []
    monkeypatch.setattr(tasks, "digest", lambda script, used: voices.append(used) or "d" * 64)
    article = factory.article()
    ArticlePage.objects.filter(pk=article.pk).update(language=language)
    assert tasks.make_audio(article.pk) == "ready"
    reading = ArticleAudio.objects.get(article=article)
    assert (reading.status, reading.language, voices) == (
        ArticleAudio.Status.READY,
        language,
        [voice],
    )


def test_a_language_without_a_voice_is_skipped_with_its_reason():
    article = factory.article()
    ArticlePage.objects.filter(pk=article.pk).update(language="tlh")
    assert tasks.make_audio(article.pk) == "skipped"
    reading = ArticleAudio.objects.get(article=article)
    assert reading.status == ArticleAudio.Status.SKIPPED and not reading.playable
    assert "tlh" in reading.error and reading.attempts == 0


ORIGINAL_SAY = speech.say


def broken_voice(*args):
    raise speech.SpeechError("espeak-ng failed: internal error")


def test_a_synthesis_failure_is_retried_then_kept_for_editors(publish, monkeypatch, caplog, client):
    monkeypatch.setattr(speech, "say", broken_voice)
    with caplog.at_level(logging.ERROR, logger="manchette.listen"):
        article = publish()
    reading = ArticleAudio.objects.get(article=article)
    assert reading.status == ArticleAudio.Status.FAILED
    assert reading.attempts == 3
    assert reading.error == "SpeechError: espeak-ng failed: internal error"
    assert "attempt 3 of 3" in caplog.text
    assert not reading.opus and not reading.mp3
    # The article itself is untouched.
    assert client.get(article.url).status_code == 200


def test_a_failure_followed_by_a_success(publish, monkeypatch):
    calls = []

    def fails_once(*args):
        calls.append(args)
        if len(calls) == 1:
            broken_voice()
        return ORIGINAL_SAY(*args)

    monkeypatch.setattr(speech, "say", fails_once)
    reading = publish().audio
    assert (reading.status, reading.attempts, reading.error) == ("ready", 2, "")


@pytest.mark.parametrize("attempts, delay", [(1, 60), (2, 120)])
def test_a_retry_waits_longer_each_time_when_the_backend_can_wait(
    monkeypatch, django_capture_on_commit_callbacks, attempts, delay
):
    article = factory.article()
    ArticleAudio.objects.filter(article=article).update(attempts=attempts, status="queued")
    token = tasks.claim(article.pk)
    queued = []
    # The database backend of dev and production can defer; the tests' immediate one cannot.
    monkeypatch.setattr(ImmediateBackend, "supports_defer", True)
    monkeypatch.setattr(ImmediateBackend, "enqueue", lambda self, task, a, kw: queued.append(task))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.give_up_or_retry(article.pk, token, OSError("disk full")) == "retrying"
    wanted = timezone.now() + timedelta(seconds=delay)
    assert abs((queued[0].run_after - wanted).total_seconds()) < 5


def test_text_with_nothing_to_say_fails_without_retrying(publish):
    reading = publish(headline="« »", slug="vide", kicker="", standfirst="", body=[]).audio
    assert (reading.status, reading.attempts) == ("failed", 1)
    assert reading.error.startswith("NothingToRead")


def test_an_article_over_the_word_limit_is_skipped_and_says_why(publish, settings):
    settings.MANCHETTE_LISTEN_MAX_WORDS = 8
    reading = publish(
        body=factory.paragraphs("Un deux trois quatre cinq six sept huit neuf.")
    ).audio
    assert reading.status == "skipped" and not reading.playable
    assert "words, over the limit of 8 (MANCHETTE_LISTEN_MAX_WORDS)" in reading.error


def queued_tasks(monkeypatch):
    queued = []
    monkeypatch.setattr(ImmediateBackend, "enqueue", lambda self, task, a, kw: queued.append(task))
    return queued


def test_readings_wait_in_their_own_queue(monkeypatch, django_capture_on_commit_callbacks):
    queued = queued_tasks(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        factory.article()
    readings = [task for task in queued if task.name == "generate_audio"]
    assert [(task.queue_name, task.priority) for task in readings] == [("audio", 0)]
    assert not [task for task in queued if task.queue_name == "audio" and task not in readings]


def test_an_archive_reading_comes_after_the_news(monkeypatch, django_capture_on_commit_callbacks):
    queued = queued_tasks(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True), tasks.archive_readings():
        article = factory.article()
    assert [task.priority for task in queued if task.name == "generate_audio"] == [-50]
    assert article.audio.status == "queued"


def test_an_archive_without_audio_queues_none(monkeypatch, django_capture_on_commit_callbacks):
    queued = queued_tasks(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True), tasks.archive_readings(audio=False):
        article = factory.article()
    assert not [task for task in queued if task.name == "generate_audio"]
    assert article.audio.status == "skipped" and "archive import" in article.audio.error
