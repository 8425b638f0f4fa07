"""The article page shows the player only when there is something to play."""

import re

import pytest

from manchette.listen.models import ArticleAudio
from tests import factory

pytestmark = pytest.mark.django_db


def test_no_player_before_any_audio_is_asked_for(client):
    article = factory.article()
    ArticleAudio.objects.filter(article=article).delete()
    html = client.get(article.url).content.decode()
    assert "<audio" not in html and "data-listen-live" not in html


def test_while_the_audio_is_made_the_browser_may_read_aloud(client):
    # Published, its task not yet run (the tests run on-commit work only when asked).
    article = factory.article()
    assert ArticleAudio.objects.get(article=article).status == ArticleAudio.Status.QUEUED
    html = client.get(article.url).content.decode()
    assert "<audio" not in html
    section = re.search(r"<section [^>]*data-listen-live[^>]*>", html).group(0)
    assert " hidden" in section and 'data-listen="skip"' in section
    assert re.search(r'<script src="/static/listen/listen\.js" defer>', html)
    assert '<button type="button" data-listen-start>' in html


def test_live_reading_can_be_turned_off(client, settings):
    settings.MANCHETTE_LISTEN_LIVE_READING = False
    html = client.get(factory.article().url).content.decode()
    assert "data-listen-live" not in html and "listen.js" not in html


def test_the_player_appears_when_the_audio_is_ready(client, publish):
    article = publish()
    reading = article.audio
    html = client.get(article.url).content.decode()
    assert '<audio class="listen-audio" controls preload="metadata"' in html
    assert f'<source src="{reading.opus_url}" type="audio/ogg; codecs=opus">' in html
    assert f'<source src="{reading.mp3_url}" type="audio/mpeg">' in html
    seconds = round(reading.duration)
    assert f'<time datetime="PT0M{seconds}S">{seconds} s</time>' in html
    assert re.search(rf'<a href="{reading.mp3_url}" download>[^<]*MP3', html)
    assert "data-listen-live" not in html


def test_a_failed_reading_offers_the_browser_reading(client):
    article = factory.article()
    ArticleAudio.objects.filter(article=article).update(status="failed", error="x")
    html = client.get(article.url).content.decode()
    assert "data-listen-live" in html and "<audio" not in html


def test_the_player_labels_its_duration_in_minutes_and_seconds():
    from manchette.listen.templatetags.listen import iso_duration, spoken_duration

    assert (spoken_duration(125.4), iso_duration(125.4)) == ("2 min 05 s", "PT2M5S")
