"""/flux/: every feed a reader can follow, linked from every page's footer."""

import re

import pytest
from django.conf import settings

from tests import factory

from .test_feeds import FEED_URLS

pytestmark = pytest.mark.django_db


def feeds_page(client, language=None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/flux/")
    assert response.status_code == 200
    return response.content.decode()


def test_lists_the_site_sections_tags_podcasts_and_comments(client):
    monde = factory.section("Monde")
    article = factory.article(in_section=monde, tags=["Syrie"])
    factory.article(headline="Brouillon", tags=["Secret"], publish=False)
    html = feeds_page(client)
    for href in [
        *FEED_URLS,
        "/listen/podcast/",
        "/listen/podcast/monde/",
        f"/comments/feed/{article.pk}/rss/",
    ]:
        assert f'href="{href}"' in html, href
    # A draft's tag is private until the draft is published.
    assert "/feeds/tag/secret/" not in html


def test_every_link_on_it_answers(client):
    factory.article(tags=["Syrie"])
    links = re.findall(
        r'href="(/(?:feeds|listen/podcast|comments/feed)/[^"]*)"', feeds_page(client)
    )
    assert len(links) >= 9
    for href in links:
        assert client.get(href).status_code == 200, href


def test_readers_of_another_language_get_feeds_in_theirs(client):
    section = factory.section("Belgique")
    section.title_de = "Belgien"
    section.save_revision().publish()
    factory.article(in_section=section)
    html = feeds_page(client, "de")
    assert '<span class="feed-name">Belgien</span>' in html
    assert 'href="/feeds/section/belgique/rss/?lang=de"' in html


def test_is_cached_until_the_next_publication(client):
    factory.article()
    response = client.get("/flux/")
    assert "feeds" in response["Surrogate-Key"].split()
    assert "public" in response["Cache-Control"]
