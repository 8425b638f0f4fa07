"""RSS 2.0 and Atom feeds: what a feed reader receives."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from manchette.newsroom.models import SHARE_IMAGE_SPEC
from tests import factory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

FEED_URLS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/section/monde/rss/",
    "/feeds/section/monde/atom/",
    "/feeds/tag/syrie/rss/",
    "/feeds/tag/syrie/atom/",
]


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response, ET.fromstring(response.content)  # noqa: S314 (our own response)


def titles(client, url):
    """Item titles of an RSS or Atom feed, in the feed's order."""
    _, root = fetch(client, url)
    if root.tag == "rss":
        return [item.findtext("title") for item in root.iter("item")]
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_rss_channel_describes_the_site(client):
    factory.article()
    response, rss = fetch(client, "/feeds/rss/")
    channel = rss.find("channel")

    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert rss.get("version") == "2.0"
    assert channel.findtext("title") == "manchette"
    assert channel.findtext("link") == "http://testserver/"
    assert channel.findtext("language") == "fr"
    self_link = channel.find(f"{ATOM}link")
    assert (self_link.get("rel"), self_link.get("href")) == ("self", "http://testserver/feeds/rss/")


def test_rss_item_has_links_guid_dates_author_and_tags(client):
    first = datetime(2015, 9, 16, 18, 2, 2, tzinfo=UTC)
    page = factory.article(
        standfirst="Le chapeau.",
        byline="Jeanne Martin",
        tags=["Syrie", "Russie"],
        published_at=first,
    )
    _, rss = fetch(client, "/feeds/rss/")
    item = rss.find("channel/item")

    assert item.findtext("title") == "Syrie: Moscou propose des discussions"
    assert item.findtext("link") == f"http://testserver{page.url}"
    assert item.findtext("description") == "Le chapeau."
    guid = item.find("guid")
    assert (guid.text, guid.get("isPermaLink")) == (f"http://testserver/a/{page.pk}/", "true")
    assert parsedate_to_datetime(item.findtext("pubDate")) == first
    assert item.findtext(f"{DC}creator") == "Jeanne Martin"
    assert sorted(category.text for category in item.iter("category")) == ["Russie", "Syrie"]


def test_rss_item_without_byline_credits_the_source(client):
    factory.article(source=factory.source("AFP"))
    _, rss = fetch(client, "/feeds/rss/")
    assert rss.find("channel/item").findtext(f"{DC}creator") == "AFP"


def test_rss_enclosure_is_the_cover_with_its_size_in_bytes(client):
    page = factory.article(cover=factory.image())
    _, rss = fetch(client, "/feeds/rss/")
    enclosure = rss.find("channel/item/enclosure")

    rendition = page.cover.get_rendition(SHARE_IMAGE_SPEC)
    assert enclosure.get("url") == f"http://testserver{rendition.url}"
    assert enclosure.get("type") == "image/jpeg"
    image = client.get(rendition.url)
    assert int(enclosure.get("length")) == len(b"".join(image.streaming_content)) > 0


def test_article_without_cover_has_no_enclosure(client):
    factory.article()
    _, rss = fetch(client, "/feeds/rss/")
    assert rss.find("channel/item/enclosure") is None


def test_missing_cover_file_drops_the_enclosure_not_the_feed(client):
    page = factory.article(cover=factory.image())
    Path(page.cover.file.path).unlink()
    _, rss = fetch(client, "/feeds/rss/")
    item = rss.find("channel/item")
    assert item.findtext("title").endswith(page.title)
    assert item.find("enclosure") is None


def test_atom_feed_has_self_link_language_and_entries(client):
    first = datetime(2015, 9, 16, 18, 2, 2, tzinfo=UTC)
    updated = datetime(2015, 9, 16, 20, 25, 2, tzinfo=UTC)
    page = factory.article(tags=["Syrie"], published_at=first, updated_at=updated)
    response, atom = fetch(client, "/feeds/atom/")

    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert atom.get(XML_LANG) == "fr"
    links = {link.get("rel"): link.get("href") for link in atom.findall(f"{ATOM}link")}
    assert links == {"alternate": "http://testserver/", "self": "http://testserver/feeds/atom/"}
    entry = atom.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == f"http://testserver/a/{page.pk}/"
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{page.url}"
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == first
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == updated
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Belga"
    assert entry.find(f"{ATOM}category").get("term") == "Syrie"


def test_feed_language_is_the_publications_not_the_readers(client):
    factory.article()
    _, rss = fetch(client, "/feeds/rss/", HTTP_ACCEPT_LANGUAGE="en")
    assert rss.findtext("channel/language") == "fr"


def test_feed_in_another_language_is_asked_for_in_its_address(client):
    section = factory.section("Belgique")
    section.title_nl = "België"
    section.save_revision().publish()
    factory.article(in_section=section)
    _, rss = fetch(client, "/feeds/section/belgique/rss/?lang=nl")
    channel = rss.find("channel")
    assert channel.findtext("language") == "nl"
    assert channel.findtext("title") == "België — manchette"
    assert channel.findtext("description") == "Het laatste nieuws in de rubriek België"
    assert channel.find(f"{ATOM}link").get("href").endswith("/feeds/section/belgique/rss/?lang=nl")


@pytest.mark.parametrize("asked", ["xx", "", "<script>", "nl-be"])
def test_feed_asked_in_an_unknown_language_is_in_the_sites(client, asked):
    factory.article()
    _, rss = fetch(client, "/feeds/rss/", QUERY_STRING=f"lang={asked}")
    assert rss.findtext("channel/language") == "fr"


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_feed_opened_in_a_browser_is_styled(client, url):
    factory.article()
    response = client.get(url)
    head = response.content.decode()[:300]
    assert (
        '<?xml-stylesheet href="/static/syndication/feed.css" media="screen" type="text/css"?>'
        in head
    )


@pytest.mark.parametrize("url", FEED_URLS)
def test_feed_lists_newest_first(client, url):
    factory.article(headline="Ancien", tags=["Syrie"], published_at=hours_ago(5))
    factory.article(headline="Récent", tags=["Syrie"], published_at=hours_ago(1))
    factory.article(headline="Moyen", tags=["Syrie"], published_at=hours_ago(3))
    assert titles(client, url) == ["Syrie: Récent", "Syrie: Moyen", "Syrie: Ancien"]


@pytest.mark.parametrize("url", FEED_URLS)
def test_feed_holds_at_most_the_feed_size(client, settings, url):
    settings.MANCHETTE_FEED_SIZE = 2
    for hours in (3, 2, 1):
        factory.article(headline=f"Il y a {hours} h", tags=["Syrie"], published_at=hours_ago(hours))
    assert titles(client, url) == ["Syrie: Il y a 1 h", "Syrie: Il y a 2 h"]


@pytest.mark.parametrize("url", FEED_URLS)
def test_feed_leaves_out_drafts(client, url):
    factory.article(headline="Publié", tags=["Syrie"])
    factory.article(headline="Brouillon", tags=["Syrie"], publish=False)
    assert titles(client, url) == ["Syrie: Publié"]


@pytest.mark.parametrize("url", FEED_URLS)
def test_feed_leaves_out_scheduled_articles(client, url):
    factory.article(headline="Publié", tags=["Syrie"])
    scheduled = factory.scheduled_article(headline="Programmé", tags=["Syrie"])
    assert not scheduled.live
    assert titles(client, url) == ["Syrie: Publié"]


@pytest.mark.parametrize("url", FEED_URLS)
def test_feed_leaves_out_unpublished_articles(client, url):
    factory.article(headline="Publié", tags=["Syrie"])
    factory.unpublished_article(headline="Retiré", tags=["Syrie"])
    assert titles(client, url) == ["Syrie: Publié"]


def test_section_feed_lists_only_its_section(client):
    factory.article(headline="Au Monde")
    factory.article(headline="Au Sport", in_section=factory.section("Sport"))
    assert titles(client, "/feeds/section/sport/rss/") == ["Syrie: Au Sport"]
    _, rss = fetch(client, "/feeds/section/sport/rss/")
    assert rss.findtext("channel/link") == "http://testserver/sport/"


def test_tag_feed_lists_only_its_tag(client):
    factory.article(headline="Sur la Syrie", tags=["Syrie"])
    factory.article(headline="Sur la Russie", tags=["Russie"])
    assert titles(client, "/feeds/tag/russie/atom/") == ["Syrie: Sur la Russie"]
    _, rss = fetch(client, "/feeds/tag/russie/rss/")
    assert rss.findtext("channel/link") == "http://testserver/tag/russie/"


def test_unknown_section_feed_is_not_found(client):
    factory.article()
    assert client.get("/feeds/section/nulle-part/rss/").status_code == 404


def test_unpublished_section_feed_is_not_found(client):
    factory.article()
    factory.section("Sport").unpublish()
    assert client.get("/feeds/section/sport/atom/").status_code == 404


def test_unknown_tag_feed_is_not_found(client):
    factory.article(tags=["Syrie"])
    assert client.get("/feeds/tag/inconnu/rss/").status_code == 404


def test_tag_of_a_draft_only_has_no_feed(client):
    factory.article(publish=False, tags=["Embargo"])
    assert client.get("/feeds/tag/embargo/rss/").status_code == 404


def test_feed_is_public_and_tagged_with_its_articles(client):
    pages = [factory.article(headline=f"Article {n}", tags=["Syrie"]) for n in range(2)]
    response = client.get("/feeds/section/monde/rss/")
    keys = set(response["Surrogate-Key"].split())
    section = factory.section()
    assert keys == {"feeds", f"section-{section.pk}", *(f"article-{p.pk}" for p in pages)}
    assert "public" in response["Cache-Control"]


def test_tag_feed_carries_the_tag_key(client):
    factory.article(tags=["Syrie"])
    response = client.get("/feeds/tag/syrie/atom/")
    assert "tag-syrie" in response["Surrogate-Key"].split()


def test_unchanged_feed_answers_not_modified(client):
    factory.article()
    first = client.get("/feeds/rss/")
    again = client.get("/feeds/rss/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_feed_queries_do_not_grow_with_its_items(client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get("/feeds/rss/")
        return len(captured.captured_queries)

    picture = factory.image()
    factory.article(headline="Premier", tags=["Syrie"], cover=picture)
    client.get("/feeds/rss/")  # renditions are made on the first request only
    few = queries()
    for n in range(4):
        factory.article(headline=f"Encore {n}", tags=["Syrie", f"T{n}"], cover=factory.image())
    client.get("/feeds/rss/")
    assert queries() == few
