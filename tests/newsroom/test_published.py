"""``published()``, the one definition of what readers may see, and the comments that ask it."""

import pytest
from wagtail.models import PageViewRestriction

from manchette.newsroom.models import ArticlePage
from tests import factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_kind():
    """One article of each kind, by headline; only "Publié" and "Voisin" are published."""
    public = factory.section("Monde")
    private = factory.section("Interne")
    articles = [
        factory.article(headline="Publié", in_section=public),
        factory.article(headline="Brouillon", in_section=public, publish=False),
        factory.scheduled_article(headline="Programmé", in_section=public),
        factory.unpublished_article(headline="Retiré", in_section=public),
        factory.article(headline="Note interne", in_section=private),
        factory.article(headline="Article privé", in_section=public),
        factory.article(headline="Voisin", in_section=public),
    ]
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    PageViewRestriction.objects.create(page=articles[5], restriction_type="password", password="x")
    return {article.title: article for article in articles}


def test_only_live_public_articles_with_a_publication_time_are_published(every_kind):
    published = ArticlePage.objects.published().values_list("title", flat=True)
    assert set(published) == {"Publié", "Voisin"}


def test_comments_are_taken_and_shown_on_published_articles_only(client, every_kind):
    for headline, article in every_kind.items():
        expected = 200 if headline in ("Publié", "Voisin") else 404
        assert client.get(f"/comments/api/{article.pk}/").status_code == expected, headline
        assert client.get(f"/comments/api/{article.pk}/token/").status_code == expected, headline


def test_a_section_takes_no_comments(client):
    section = factory.section("Monde")
    assert client.get(f"/comments/api/{section.pk}/").status_code == 404
