"""A published text that changed says so, however soon it changed, and links its versions."""

import pytest

from tests import factory

pytestmark = pytest.mark.django_db


def republish(article, **changes):
    for field, value in changes.items():
        setattr(article, field, value)
    article.save_revision().publish()
    return article


def test_a_correction_within_the_grace_period_is_marked(client, settings):
    # The factory dates the first publication an hour back: the correction comes within the period.
    settings.MANCHETTE_UPDATE_GRACE_SECONDS = 3 * 3600
    article = factory.article(body=factory.paragraphs("Le chômage baisse de 2 %."))
    republish(article, body=factory.paragraphs("Le chômage baisse de 0,2 %."))
    html = client.get(article.url).content.decode()
    assert '<strong class="corrected-mark">Corrigé</strong>' in html
    assert f'<a class="versions" href="/a/{article.pk}/versions/">Toutes les versions</a>' in html
    # Within the grace period the label still says when it was published.
    assert "Publié le" in html and "Mis à jour" not in html


def test_a_republication_without_change_is_not_a_correction(client):
    article = factory.article()
    republish(article)
    html = client.get(article.url).content.decode()
    assert "corrected-mark" not in html


def test_an_article_published_once_has_no_mark(client):
    html = client.get(factory.article().url).content.decode()
    assert "corrected-mark" not in html and 'class="versions"' not in html
