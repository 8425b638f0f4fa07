"""Story lists: sections, tags and sources, their pages and feeds (the front page's
choices are in test_front_page.py)."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model

from manchette.core.dates import iso
from tests import factory

pytestmark = pytest.mark.django_db

LIST_URLS = ["/monde/", "/tag/syrie/", "/source/belga/"]


class ListReader(HTMLParser):
    """The story lists of a page ("Kicker : Headline" per item, French spacing) and its feed links.

    Teasers (section, tag and source pages, the front page's top stories) and
    plain headline lists (the front page's sections, sidebars) alike.
    """

    FEED_TYPES = {"application/rss+xml", "application/atom+xml"}
    LIST_CLASSES = {"teasers", "top-stories", "headlines"}

    def __init__(self, html):
        super().__init__()
        self.lists, self.classes, self.feeds = [], [], []
        self._in_list, self._item = False, None
        self.feed(html)

    def lists_of(self, css_class):
        return [
            items
            for items, found in zip(self.lists, self.classes, strict=True)
            if found == css_class
        ]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and attrs.get("class") in self.LIST_CLASSES:
            self.lists.append([])
            self.classes.append(attrs["class"])
            self._in_list = True
        elif tag == "a" and self._in_list:
            self._item = ""
        elif (
            tag == "link"
            and attrs.get("rel") == "alternate"
            and attrs.get("type") in self.FEED_TYPES
        ):
            self.feeds.append(attrs["href"])

    def handle_data(self, data):
        if self._item is not None:
            self._item += data

    def handle_endtag(self, tag):
        if tag == "a" and self._item is not None:
            self.lists[-1].append(self._item.strip())
            self._item = None
        elif tag == "ul":
            self._in_list = False


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ListReader(response.content.decode())


def headline_lists(client, url):
    return read(client, url).lists


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def three_articles():
    """Published an hour apart in Monde, tagged Syrie, from Belga: newest first in every list."""
    return [
        factory.article(headline=headline, tags=["Syrie"], published_at=hours_ago(hours))
        for headline, hours in (("Récent", 1), ("Moyen", 2), ("Ancien", 3))
    ]


def hidden_articles():
    """A draft, a scheduled and an unpublished article: none may be listed."""
    factory.article(headline="Brouillon", tags=["Syrie"], publish=False)
    factory.scheduled_article(headline="Programmé", tags=["Syrie"])
    factory.unpublished_article(headline="Retiré", tags=["Syrie"])


NEWEST_FIRST = ["Syrie\u00a0: Récent", "Syrie\u00a0: Moyen", "Syrie\u00a0: Ancien"]


# Section, tag and source pages


@pytest.mark.parametrize("url", LIST_URLS)
def test_list_page_newest_first(client, url):
    three_articles()
    assert headline_lists(client, url) == [NEWEST_FIRST]


@pytest.mark.parametrize("url", LIST_URLS)
def test_list_page_lists_only_published_articles(client, url):
    three_articles()
    hidden_articles()
    assert headline_lists(client, url) == [NEWEST_FIRST]


@pytest.mark.parametrize("url", LIST_URLS)
def test_list_page_teaser_has_headline_standfirst_time_and_picture(client, url):
    story = factory.article(
        headline="Les quais rouvrent",
        tags=["Syrie"],
        standfirst="Le trafic reprend lundi.",
        cover=factory.image("Un quai de gare désert", size=(1600, 900)),
    )
    teaser = re.search(r'<li class="teaser">.*?</li>', client.get(url).content.decode(), re.S)
    assert teaser, url
    teaser = teaser.group()
    assert (
        f'<h2 class="teaser-headline"><a href="{story.url}">'
        '<span class="kicker">Syrie\u00a0:</span> Les quais rouvrent</a></h2>'
    ) in teaser
    assert '<p class="teaser-standfirst">Le trafic reprend lundi.</p>' in teaser
    assert f'<time datetime="{iso(story.first_published_at)}">' in teaser
    img = re.search(r"<img [^>]*>", teaser).group()
    assert 'alt="Un quai de gare désert"' in img
    assert re.findall(r" (\d+)w", img) == ["320", "640"]
    assert 'sizes="(min-width: 40em) 14rem, 7.5rem"' in img


@pytest.mark.parametrize("url", LIST_URLS)
def test_list_page_teaser_without_a_cover_has_no_picture(client, url):
    factory.article(headline="Sans image", tags=["Syrie"])
    teaser = re.search(r'<li class="teaser">.*?</li>', client.get(url).content.decode(), re.S)
    assert "Sans image" in teaser.group() and "<img" not in teaser.group()


@pytest.mark.parametrize("url", LIST_URLS)
def test_list_page_reads_the_same_number_of_rows_however_many_pictures(client, url):
    def queries():
        client.get(url)  # renditions are made on the first visit
        # and kept in memory by Wagtail: a fresh server process reads them from the database.
        get_image_model().get_rendition_model().cache_backend.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    factory.article(headline="Seule", tags=["Syrie"], cover=factory.image("Seule"))
    one = queries()
    for number in range(6):
        factory.article(headline=f"Encore {number}", tags=["Syrie"], cover=factory.image("Encore"))
    assert queries() == one


def test_section_page_lists_only_its_section(client):
    factory.article(headline="Au Monde")
    factory.article(headline="Au Sport", in_section=factory.section("Sport"))
    assert headline_lists(client, "/sport/") == [["Syrie\u00a0: Au Sport"]]


def test_tag_page_lists_only_its_tag(client):
    factory.article(headline="Sur la Syrie", tags=["Syrie"])
    factory.article(headline="Sur la Russie", tags=["Russie"])
    assert headline_lists(client, "/tag/russie/") == [["Syrie\u00a0: Sur la Russie"]]


def test_source_page_lists_only_its_source(client):
    factory.article(headline="De Belga")
    factory.article(headline="De l'AFP", source=factory.source("AFP"))
    assert headline_lists(client, "/source/afp/") == [["Syrie\u00a0: De l’AFP"]]


def test_unknown_tag_is_not_found(client):
    factory.article(tags=["Syrie"])
    assert client.get("/tag/inconnu/").status_code == 404


def test_tag_of_a_draft_only_is_not_found(client):
    factory.article(publish=False, tags=["Embargo"])
    assert client.get("/tag/embargo/").status_code == 404


def test_unknown_source_is_not_found(client):
    factory.article()
    assert client.get("/source/inconnue/").status_code == 404


# Pagination


@pytest.fixture
def two_pages(settings):
    """Three articles, two headlines a page."""
    settings.MANCHETTE_PAGE_SIZE = 2
    three_articles()


@pytest.mark.parametrize("url", LIST_URLS)
def test_first_page_links_to_the_older_page(client, two_pages, url):
    html = client.get(url).content.decode()
    assert headline_lists(client, url) == [NEWEST_FIRST[:2]]
    assert 'rel="next" href="?page=2"' in html
    assert 'rel="prev"' not in html


@pytest.mark.parametrize("url", LIST_URLS)
def test_second_page_holds_the_older_headlines(client, two_pages, url):
    html = client.get(f"{url}?page=2").content.decode()
    assert headline_lists(client, f"{url}?page=2") == [NEWEST_FIRST[2:]]
    assert 'rel="prev" href="?page=1"' in html
    assert 'rel="next"' not in html


@pytest.mark.parametrize("url", LIST_URLS)
def test_single_page_has_no_pagination(client, url):
    factory.article(tags=["Syrie"])
    assert 'class="pagination"' not in client.get(url).content.decode()


def assert_every_list_not_found(client, page):
    for url in LIST_URLS:
        assert client.get(url, {"page": page}).status_code == 404, url


def test_negative_page_is_not_found(client, two_pages):
    assert_every_list_not_found(client, "-1")


def test_page_zero_is_not_found(client, two_pages):
    assert_every_list_not_found(client, "0")


def test_page_that_is_not_a_number_is_not_found(client, two_pages):
    assert_every_list_not_found(client, "abc")


def test_fractional_page_is_not_found(client, two_pages):
    assert_every_list_not_found(client, "1.5")


def test_empty_page_number_is_not_found(client, two_pages):
    assert_every_list_not_found(client, "")


def test_page_past_the_last_is_not_found(client, two_pages):
    assert_every_list_not_found(client, "3")


def test_very_large_page_is_not_found(client, two_pages):
    assert_every_list_not_found(client, "999999999")


def test_page_beyond_any_integer_type_is_not_found(client, two_pages):
    assert_every_list_not_found(client, str(10**30))


def test_page_of_thousands_of_digits_is_not_found(client, two_pages):
    # Past Python's int() digit limit: must still be a 404, not a 500.
    assert_every_list_not_found(client, "9" * 5000)


def test_empty_list_first_page_says_so(client):
    factory.section("Sport")
    response = client.get("/sport/")
    assert response.status_code == 200
    assert headline_lists(client, "/sport/") == []


# Feeds of each list


def test_front_page_links_to_the_site_feeds(client):
    factory.article()
    assert read(client, "/").feeds == ["/feeds/rss/", "/feeds/atom/"]


def test_section_page_links_to_its_feeds(client):
    factory.article()
    assert read(client, "/monde/").feeds == [
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/section/monde/rss/",
        "/feeds/section/monde/atom/",
    ]


def test_tag_page_links_to_its_feeds(client):
    factory.article(tags=["Syrie"])
    assert read(client, "/tag/syrie/").feeds == [
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/tag/syrie/rss/",
        "/feeds/tag/syrie/atom/",
    ]


def test_source_page_links_to_the_site_feeds(client):
    factory.article()
    assert read(client, "/source/belga/").feeds == ["/feeds/rss/", "/feeds/atom/"]


@pytest.mark.parametrize("url", ["/", *LIST_URLS])
def test_every_feed_a_list_links_to_exists(client, url):
    factory.article(tags=["Syrie"])
    for feed in read(client, url).feeds:
        assert client.get(feed).status_code == 200, feed
