"""A page dated by its day alone shows that day, never a made-up "à 00h00"."""

import json

import pytest

from manchette.newsroom.models import ArticlePage
from manchette.wire.ingest import ingest
from manchette.wire.parsers import parse

pytestmark = pytest.mark.django_db

PARAGRAPHS = "".join(
    f"<p>Paragraphe {n} du récit, assez long pour que l'extraction le garde comme texte "
    f"de l'article et non comme un menu ou un pied de page du site.</p>"
    for n in range(1, 6)
)


def page(published, modified=None):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Le conseil communal vote le budget",
        "datePublished": published,
        "publisher": {"@type": "Organization", "name": "Belga"},
        "url": "https://example.org/budget",
    }
    if modified:
        data["dateModified"] = modified
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        f'<script type="application/ld+json">{json.dumps(data)}</script></head>'
        f"<body><article><h1>Le conseil communal vote le budget</h1>{PARAGRAPHS}"
        "</article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("published", "modified", "date_only"),
    [
        ("2019-10-01", None, True),
        ("20191001", None, True),
        ("2019-10-01T14:30:00+02:00", None, False),
        ("2019-10-01", "2019-10-02T09:00:00+02:00", False),
    ],
)
def test_the_parser_says_whether_a_time_was_given(published, modified, date_only):
    (dispatch,) = parse(page(published, modified))
    assert dispatch.date_only is date_only


def test_the_article_shows_the_day_without_midnight(belga, client):
    ingest(page("2019-10-01"), transport="cli")
    article = ArticlePage.objects.get()
    assert article.live and article.date_only
    html = client.get(article.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Publié le mardi 1 octobre 2019<" in html
    assert "00h00" not in html
