"""Podcast feeds of the site and of each section: articles whose audio is ready."""

import feedparser
import pytest
from lxml import etree

from tests import factory

pytestmark = pytest.mark.django_db

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PODCAST = "{https://podcastindex.org/namespace/1.0}"


def test_site_podcast_lists_articles_with_audio(client, publish):
    article = publish(headline="Le ministre parle", kicker="")
    factory.article(headline="Pas encore lu")  # published, its audio still queued
    response = client.get("/listen/podcast/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == ["Le ministre parle"]
    enclosure = feed.entries[0].enclosures[0]
    reading = article.audio
    assert enclosure.href == f"http://testserver{reading.mp3_url}"
    assert (enclosure.type, enclosure.length) == ("audio/mpeg", str(reading.mp3_size))


def test_podcast_tags(client, publish, settings):
    settings.MANCHETTE_LISTEN_PODCAST_EMAIL = "radio@example.org"
    settings.MANCHETTE_LISTEN_PODCAST_IMAGE = "https://example.org/cover.png"
    reading = publish().audio
    channel = etree.fromstring(client.get("/listen/podcast/").content).find("channel")
    assert channel.findtext(f"{ITUNES}author") == "manchette"
    assert channel.findtext(f"{ITUNES}explicit") == "false"
    assert channel.find(f"{ITUNES}category").get("text") == "News"
    assert channel.find(f"{ITUNES}image").get("href") == "https://example.org/cover.png"
    assert channel.findtext(f"{ITUNES}owner/{ITUNES}email") == "radio@example.org"
    assert len(channel.findtext(f"{PODCAST}guid")) == 36
    item = channel.find("item")
    assert item.findtext(f"{ITUNES}duration") == str(round(reading.duration))
    alternate = item.find(f"{PODCAST}alternateEnclosure")
    assert alternate.get("type") == "audio/ogg; codecs=opus"
    assert alternate.get("length") == str(reading.opus_size)
    assert alternate.find(f"{PODCAST}source").get("uri").endswith(reading.opus_url)
    assert item.findtext("guid") == f"http://testserver/a/{reading.article_id}/"


def test_section_podcast(client, publish):
    publish(headline="Dans le monde", kicker="", in_section=factory.section("Monde"))
    publish(headline="En Belgique", kicker="", in_section=factory.section("Belgique"))
    feed = feedparser.parse(client.get("/listen/podcast/belgique/").content)
    assert [entry.title for entry in feed.entries] == ["En Belgique"]
    assert "Belgique" in feed.feed.title


def test_unknown_section_podcast_is_404(client):
    assert client.get("/listen/podcast/nulle-part/").status_code == 404


def test_podcast_is_tagged_for_purges(client, publish):
    article = publish()
    keys = client.get("/listen/podcast/")["Surrogate-Key"].split()
    assert "podcast" in keys and f"article-{article.pk}" in keys
