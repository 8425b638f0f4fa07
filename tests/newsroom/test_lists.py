"""Headline lists: the front page, sections, tags and sources, and their pages."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from manchette.core.dates import iso
from tests import factory

pytestmark = pytest.mark.django_db

LIST_URLS = ["/monde/", "/tag/syrie/", "/source/belga/"]


class ListReader(HTMLParser):
    """The headline lists of a page ("Kicker : Headline" per item, French spacing) and its feeds."""

    FEED_TYPES = {"application/rss+xml", "application/atom+xml"}

    def __init__(self, html):
        super().__init__()
        self.lists, self.feeds = [], []
        self._in_list, self._item = False, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and attrs.get("class") == "headlines":
            self.lists.append([])
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


# The front page


def test_front_page_top_stories_newest_first(client):
    three_articles()
    top_stories = headline_lists(client, "/")[0]
    assert top_stories == NEWEST_FIRST


def test_front_page_headline_is_kicker_headline_and_time(client):
    page = factory.article(headline="Moscou propose des discussions", kicker="Syrie")
    html = client.get("/").content.decode()
    assert (
        f'<a href="{page.url}"><span class="kicker">Syrie\u00a0:</span> '
        f'Moscou propose des discussions</a> <time datetime="{iso(page.first_published_at)}">'
    ) in html


def test_front_page_headline_without_kicker_has_no_colon(client):
    factory.article(headline="Sans surtitre", kicker="")
    assert headline_lists(client, "/")[0] == ["Sans surtitre"]


def test_front_page_shows_the_latest_of_each_section(client):
    three_articles()
    factory.article(
        headline="Au Sport", in_section=factory.section("Sport"), published_at=hours_ago(4)
    )
    top_stories, monde, sport = headline_lists(client, "/")
    assert top_stories == [*NEWEST_FIRST, "Syrie\u00a0: Au Sport"]
    assert monde == NEWEST_FIRST
    assert sport == ["Syrie\u00a0: Au Sport"]


def test_front_page_holds_the_chosen_number_of_headlines(client):
    three_articles()
    front = factory.home()
    front.headline_count, front.per_section = 2, 1
    front.save_revision().publish()
    top_stories, monde = headline_lists(client, "/")
    assert top_stories == NEWEST_FIRST[:2]
    assert monde == NEWEST_FIRST[:1]


def test_front_page_lists_only_published_articles(client):
    three_articles()
    hidden_articles()
    top_stories, monde = headline_lists(client, "/")
    assert top_stories == monde == NEWEST_FIRST


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
