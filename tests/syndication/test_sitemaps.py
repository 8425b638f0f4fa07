"""sitemap.xml, the Google News sitemap and robots.txt: what crawlers read."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from manchette.core.dates import iso
from manchette.newsroom.models import SectionPage
from manchette.syndication.sitemaps import ArticleSitemap
from tests import factory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def locations(root):
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def lastmods(root):
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }


def test_sitemap_is_an_index_of_pages_and_articles(client):
    factory.article()
    index = fetch(client, "/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    assert locations(index) == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-articles.xml",
    ]
    assert all(sitemap.findtext(f"{SITEMAP}lastmod") for sitemap in index)


def test_pages_sitemap_lists_front_page_and_live_sections(client):
    factory.article()
    factory.section("Sport")
    factory.section("Culture").unpublish()
    pages = fetch(client, "/sitemap-pages.xml")
    assert locations(pages) == [
        "http://testserver/",
        "http://testserver/monde/",
        "http://testserver/sport/",
    ]


def test_section_lastmod_follows_its_newest_article(client):
    monde = factory.section()
    SectionPage.objects.filter(pk=monde.pk).update(
        last_published_at=timezone.now() - timedelta(days=2)
    )
    page = factory.article()
    pages = fetch(client, "/sitemap-pages.xml")
    assert lastmods(pages)["http://testserver/monde/"] == iso(page.last_published_at)


def test_articles_sitemap_lists_published_articles_with_lastmod(client):
    published = factory.article(
        headline="Publié",
        published_at=timezone.now() - timedelta(hours=5),
        updated_at=timezone.now() - timedelta(hours=1),
    )
    factory.article(headline="Brouillon", publish=False)
    factory.scheduled_article(headline="Programmé")
    factory.unpublished_article(headline="Retiré")
    articles = fetch(client, "/sitemap-articles.xml")
    assert lastmods(articles) == {f"http://testserver{published.url}": iso(published.updated_at)}


def test_articles_sitemap_lists_newest_first(client):
    old = factory.article(headline="Ancien", published_at=timezone.now() - timedelta(days=3))
    new = factory.article(headline="Récent")
    articles = fetch(client, "/sitemap-articles.xml")
    assert locations(articles) == [f"http://testserver{p.url}" for p in (new, old)]


def test_index_names_every_page_of_articles(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    for n in range(3):
        factory.article(headline=f"Article {n}")
    index = fetch(client, "/sitemap.xml")
    assert "http://testserver/sitemap-articles.xml?p=2" in locations(index)
    assert len(locations(fetch(client, "/sitemap-articles.xml?p=2"))) == 1


def test_unknown_sitemap_is_not_found(client):
    assert client.get("/sitemap-inconnu.xml").status_code == 404


def test_sitemap_page_that_is_not_a_number_is_not_found(client):
    factory.article()
    assert client.get("/sitemap-articles.xml?p=abc").status_code == 404


def test_news_sitemap_describes_each_article_for_google_news(client):
    page = factory.article(headline="L'Etat & les <régions>", kicker="Belgique", language="nl")
    news = fetch(client, "/news-sitemap.xml")
    url = news.find(f"{SITEMAP}url")

    assert url.findtext(f"{SITEMAP}loc") == f"http://testserver{page.url}"
    entry = url.find(f"{NEWS}news")
    assert entry.findtext(f"{NEWS}publication/{NEWS}name") == "manchette"
    assert entry.findtext(f"{NEWS}publication/{NEWS}language") == "nl"
    assert entry.findtext(f"{NEWS}publication_date") == iso(page.first_published_at)
    assert entry.findtext(f"{NEWS}title") == "Belgique: L'Etat & les <régions>"


def test_news_sitemap_uses_the_publication_name(client, settings):
    settings.MANCHETTE_PUBLICATION_NAME = "Le Courrier"
    factory.article()
    news = fetch(client, "/news-sitemap.xml")
    assert news.findtext(f"{SITEMAP}url/{NEWS}news/{NEWS}publication/{NEWS}name") == "Le Courrier"


def test_news_sitemap_leaves_out_articles_older_than_two_days(client):
    recent = factory.article(headline="Récent", published_at=timezone.now() - timedelta(days=1))
    factory.article(headline="Ancien", published_at=timezone.now() - timedelta(days=2, hours=1))
    news = fetch(client, "/news-sitemap.xml")
    assert locations(news) == [f"http://testserver{recent.url}"]


def test_news_sitemap_window_follows_the_setting(client, settings):
    settings.MANCHETTE_NEWS_SITEMAP_DAYS = 5
    factory.article(headline="Ancien", published_at=timezone.now() - timedelta(days=3))
    assert len(locations(fetch(client, "/news-sitemap.xml"))) == 1


def test_news_sitemap_leaves_out_unpublished_articles(client):
    factory.article(headline="Brouillon", publish=False)
    factory.scheduled_article(headline="Programmé")
    factory.unpublished_article(headline="Retiré")
    assert locations(fetch(client, "/news-sitemap.xml")) == []


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/sitemap-pages.xml", "/sitemap-articles.xml", "/news-sitemap.xml"]
)
def test_sitemaps_are_public_and_purged_with_publications(client, url):
    factory.article()
    response = client.get(url)
    assert "sitemaps" in response["Surrogate-Key"].split()
    assert "public" in response["Cache-Control"]


def test_robots_txt_names_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /langue/" in lines
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        "Sitemap: http://testserver/sitemap.xml",
        "Sitemap: http://testserver/news-sitemap.xml",
    ]


def test_robots_txt_follows_the_host_and_scheme(client):
    response = client.get("/robots.txt", HTTP_HOST="news.example.org", secure=True)
    assert "Sitemap: https://news.example.org/sitemap.xml" in response.content.decode()
