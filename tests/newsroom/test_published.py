"""``PUBLISHED_SQL``, the comment post's plain SQL, says what ``published()`` says."""

import contextlib

import pytest
from django.http import Http404
from wagtail.models import PageViewRestriction

from manchette.comments.intake import published_target
from manchette.newsroom.models import ArticlePage
from tests import factory

pytestmark = pytest.mark.django_db


def published_by_sql(articles):
    found = set()
    for article in articles:
        with contextlib.suppress(Http404):
            found.add(published_target(article.pk).pk)
    return found


def test_plain_sql_and_the_queryset_agree_on_every_kind_of_article():
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
    expected = set(ArticlePage.objects.published().values_list("pk", flat=True))
    assert expected == {articles[0].pk, articles[6].pk}
    assert published_by_sql(articles) == expected


def test_a_section_is_not_an_article():
    section = factory.section("Monde")
    with pytest.raises(Http404):
        published_target(section.pk)


def test_the_target_carries_what_taking_a_comment_reads():
    article = factory.article()
    target = published_target(article.pk)
    assert (target.pk, target.path) == (article.pk, article.path)
    assert target.first_published_at == article.first_published_at
