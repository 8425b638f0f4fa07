"""A page saved as text with fragments of its HTML imports like a saved HTML page."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from manchette.newsroom.demo import ensure_home, ensure_sections, ensure_sources
from manchette.newsroom.demo.wires import ensure_wires
from manchette.newsroom.models import ArticlePage
from manchette.wire.dispatch import DispatchRejected
from manchette.wire.ingest import ingest
from manchette.wire.models import Receipt
from manchette.wire.parsers import parse

from .builders import sample

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed" / "000_f49ba7ca7e6a4f5a.txt"


def test_the_saved_text_becomes_one_story():
    (dispatch,) = parse(sample("scraped-page.txt"))
    assert dispatch.format == "HTML page"
    # The article's <header>, not the bullet line's copy, nor a paragraph of the body.
    assert dispatch.headline == (
        "Namur: la passerelle sur la Meuse rouvrira au printemps, annonce la Ville"
    )
    assert dispatch.first_created == datetime(2024, 3, 12, 15, 40, tzinfo=UTC)
    assert dispatch.provider == "Belga News"
    assert dispatch.body_html.startswith("<p>(Belga) La passerelle piétonne")
    assert dispatch.body_html.count("<p>") == 1
    for chrome in ("Belga News", "<p>Belga</p>", "En savoir", "Commentaire", "rouvrira</p>"):
        assert chrome not in dispatch.body_html


def test_a_bullet_line_is_the_headline_when_there_is_no_header():
    raw = (
        "• Le marché de Ciney déménage\n\n<article>\n"
        "Le marché hebdomadaire de Ciney s'installera sur la place du Monument dès le mois "
        "prochain, le temps des travaux de voirie, a décidé le collège communal mardi soir.\n"
        "Les maraîchers garderont leurs emplacements habituels dans le même ordre.\n"
        "</article>\n"
    ).encode()
    (dispatch,) = parse(raw)
    assert dispatch.headline == "Le marché de Ciney déménage"
    assert "Le marché hebdomadaire" in dispatch.body_html


def test_text_without_tags_is_still_refused():
    with pytest.raises(DispatchRejected):
        parse(b"Juste une ligne de texte, sans balise ni article.\n")


def test_tags_without_article_text_are_refused():
    with pytest.raises(DispatchRejected, match="No article text"):
        parse(b"\xe2\x80\xa2 Titre\n<article><header>Titre</header>\n</article>\n")


@pytest.mark.django_db
def test_on_the_demo_site_it_is_published_by_the_belga_wire():
    ensure_wires(ensure_sections(ensure_home("http://testserver")), ensure_sources())
    receipt = ingest(sample("scraped-page.txt"), transport="cli")
    assert receipt.status == Receipt.Status.PROCESSED
    article = ArticlePage.objects.get()
    assert article.live and article.source.slug == "belga"
    assert article.get_parent().slug == "belgique"


def test_the_page_this_project_started_from():
    if not SEED.is_file():
        pytest.skip(f"{SEED} is absent")
    (dispatch,) = parse(SEED.read_bytes())
    assert dispatch.provider == "Belga News"
    assert dispatch.first_created == datetime(2015, 9, 16, 20, 25, 2, tzinfo=UTC)
    assert dispatch.body_html.count("<p>") == 1 and "(Belga)" in dispatch.body_html
