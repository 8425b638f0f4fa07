import json
import re
from datetime import UTC, datetime

import pytest

from tests import factory

pytestmark = pytest.mark.django_db


def test_article_page_has_every_part_of_the_reference_page(client):
    first = datetime(2015, 9, 16, 18, 2, 2, tzinfo=UTC)
    updated = datetime(2015, 9, 16, 20, 25, 2, tzinfo=UTC)
    page = factory.article(
        standfirst="Le chapeau.",
        dateline="Washington",
        cover=factory.image("Kerry"),
        cover_caption="John Kerry",
        cover_credit="Belga",
        tags=["Syrie", "Russie"],
        published_at=first,
        updated_at=updated,
    )
    factory.article(headline="Autre article", tags=["Syrie"])
    html = client.get(page.url).content.decode()

    assert f'data-article-id="{page.pk}"' in html
    assert '<span class="kicker">Syrie\u00a0:</span> Moscou propose des discussions</h1>' in html
    assert re.search(r"<figure class=\"cover\">.*<figcaption>John Kerry", html, re.S)
    assert 'data-listen="skip"' in html and "Autre article" in html
    assert "Belga News" in html
    assert (
        '<time datetime="2015-09-16T22:25:02+02:00">'
        "Mis à jour le mercredi 16 septembre 2015 à 22h25</time>"
    ) in html
    assert "WASHINGTON (Belga)" in html
    assert "En savoir +" in html and 'href="/tag/russie/"' in html


def test_never_updated_article_says_published(client):
    page = factory.article(published_at=datetime(2015, 9, 16, 20, 25, 2, tzinfo=UTC))
    html = client.get(page.url).content.decode()
    assert "Publié le mercredi 16 septembre 2015 à 22h25" in html
    assert "Mis à jour" not in html


def test_news_article_structured_data(client):
    page = factory.article(tags=["Syrie"], cover=factory.image(), byline="Jeanne Martin")
    html = client.get(page.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.title
    assert data["author"] == [{"@type": "Person", "name": "Jeanne Martin"}]
    assert data["articleSection"] == "Monde"
    assert data["keywords"] == ["Syrie"]
    assert data["inLanguage"] == "fr"
    assert data["image"][0].startswith("http://testserver/media/")
    assert {"datePublished", "dateModified", "publisher"} <= data.keys()


def test_short_link_redirects_to_the_article(client):
    page = factory.article()
    response = client.get(f"/a/{page.pk}/")
    assert response.status_code == 301
    assert response["Location"] == page.url


def test_short_link_of_a_draft_is_not_found(client):
    draft = factory.article(publish=False)
    assert client.get(f"/a/{draft.pk}/").status_code == 404


def test_sharing_metadata(client):
    page = factory.article(standfirst="Le chapeau.", cover=factory.image(), tags=["Syrie"])
    html = client.get(page.url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{page.url}">' in html
    assert '<meta property="og:title" content="Syrie: Moscou propose des discussions">' in html
    assert '<meta property="og:description" content="Le chapeau.">' in html
    assert '<meta property="og:image" content="http://testserver/media/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="article:tag" content="Syrie">' in html
    assert 'type="application/rss+xml"' in html and 'href="/feeds/section/monde/rss/"' in html


def test_article_without_cover_has_a_small_card(client):
    html = client.get(factory.article().url).content.decode()
    assert '<meta name="twitter:card" content="summary">' in html
    assert "og:image" not in html and '<figure class="cover">' not in html


@pytest.mark.parametrize("number", ["0", "99999", "2147483648", "99999999999999999999999"])
def test_short_link_to_no_article_is_not_found(client, number):
    assert client.get(f"/a/{number}/").status_code == 404
