"""What an uncached reader page costs the database: a few queries, in a new process too.

Behind a page cache every purge becomes a burst of renders, so the article
page and the front page each stay within RENDER_QUERIES, however many
stories, tags and comments they show, and on the first request of a server
process (its caches empty) as on later ones.
"""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from tests import factory
from tests.comments.helpers import comment

pytestmark = pytest.mark.django_db

RENDER_QUERIES = 8


def forget_process_caches():
    """What a new server process starts without: content types, the cache, renditions."""
    ContentType.objects.clear_cache()
    for cache in caches.all():
        cache.clear()
    get_image_model().get_rendition_model().cache_backend.clear()


def queries_of(client, url, new_process=False):
    if new_process:
        forget_process_caches()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def render_costs(client, url):
    """(first request of a process, a later one); renditions made by an earlier visit."""
    client.get(url)
    return queries_of(client, url, new_process=True), queries_of(client, url)


def newsroom(stories=3, comments=2):
    """An article with cover, tags and comments among others sharing its tags and section."""
    sport = factory.section("Sport")
    article = factory.article(
        headline="Le sommet",
        tags=["Diplomatie", "Syrie"],
        cover=factory.image("Sommet"),
        cover_caption="Les délégations",
    )
    for number in range(stories):
        factory.article(
            headline=f"Voisin {number}",
            tags=["Syrie"] if number % 2 else [],
            in_section=sport if number % 3 == 2 else None,
            cover=factory.image(f"Voisin {number}"),
        )
    for number in range(comments):
        top = comment(article, text=f"Avis {number}")
        comment(top.article, parent=top, text=f"Réponse {number}")
    return article


@pytest.mark.parametrize("size", [(3, 1), (14, 12)])
def test_an_article_page_renders_in_a_few_queries_however_much_it_shows(client, size):
    article = newsroom(*size)
    first, later = render_costs(client, article.url)
    assert first <= RENDER_QUERIES
    assert later <= RENDER_QUERIES


def test_a_corrected_article_tells_so_without_more_queries(client):
    article = newsroom()
    article.body = factory.paragraphs("Un paragraphe corrigé.")
    article.save_revision().publish()
    first, later = render_costs(client, article.url)
    assert first <= RENDER_QUERIES and later <= RENDER_QUERIES
    assert 'class="corrected-mark"' in client.get(article.url).content.decode()


@pytest.mark.parametrize("size", [(3, 1), (14, 12)])
def test_the_front_page_renders_in_a_few_queries_however_much_it_shows(client, size):
    newsroom(*size)
    factory.section("Culture")
    first, later = render_costs(client, "/")
    assert first <= RENDER_QUERIES
    assert later <= RENDER_QUERIES


def test_section_and_tag_pages_take_no_more_than_the_front_page(client):
    newsroom(6, 0)
    for url in ("/monde/", "/tag/syrie/"):
        first, later = render_costs(client, url)
        assert first <= RENDER_QUERIES and later <= RENDER_QUERIES, url


def sidebar(html, heading):
    found = re.search(rf"<h2>{heading}</h2>(.*?)</section>", html, re.S)
    return (
        re.findall(
            r'<a href="[^"]+"[^>]*>(?:<span class="kicker">[^<]*</span> )?([^<]+)</a>',
            found.group(1),
        )
        if found
        else []
    )


def test_the_sidebar_ranks_related_by_shared_tags_and_latest_by_date(client, english):
    article = factory.article(headline="Centre", tags=["A", "B", "C"])
    factory.article(headline="Un tag", tags=["A"], in_section=factory.section("Sport"))
    factory.article(
        headline="Trois tags", tags=["A", "B", "C"], in_section=factory.section("Sport")
    )
    factory.article(headline="Sans tag")
    html = client.get(article.url).content.decode()
    assert sidebar(html, "Related") == ["Trois tags", "Un tag"]
    assert sidebar(html, "Latest in Monde") == ["Sans tag"]


def test_the_sidebar_leaves_out_what_readers_may_not_see(client, english):
    article = factory.article(headline="Centre", tags=["A"])
    private = factory.section("Interne")
    factory.article(headline="Note interne", tags=["A"], in_section=private)
    factory.article(headline="Brouillon", tags=["A"], publish=False)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = client.get(article.url).content.decode()
    assert "Note interne" not in html and "Brouillon" not in html
    assert "Interne" not in re.search(r'<nav class="sections".*?</nav>', html, re.S).group()


def test_an_article_in_a_private_section_still_asks_readers_to_log_in(client):
    private = factory.section("Interne")
    hidden = factory.article(headline="Note interne", in_section=private)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get(hidden.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_article_shows_its_tags_in_order_of_name(client):
    article = factory.article(headline="Centre", tags=["Syrie", "Budget", "Écoles"])
    html = client.get(article.url).content.decode()
    tags = re.search(r'<footer class="tags".*?</footer>', html, re.S).group()
    assert re.findall(r'rel="tag">([^<]+)<', tags) == ["Budget", "Syrie", "Écoles"]
