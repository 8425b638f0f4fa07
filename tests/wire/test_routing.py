"""Routing rules: subjects and keywords send a dispatch to a section, with tags."""

import pytest

from manchette.newsroom.models import ArticlePage
from manchette.wire.ingest import ingest
from manchette.wire.models import WireRoute
from tests import factory

from .builders import ninjs, sample

pytestmark = pytest.mark.django_db


def test_subject_code_routes_to_a_section_with_tags(belga):
    sport = factory.section("Sport")
    WireRoute.objects.create(wire_source=belga, match="MEDTOP:15019000", section=sport, tags="Vélo")
    ingest(sample("ninjs-3.json"), transport="cli")
    article = ArticlePage.objects.get()
    assert article.get_parent().pk == sport.pk
    assert {tag.name for tag in article.tags.all()} == {"Vélo", "cyclisme"}


def test_keyword_rule_adds_tags_but_the_first_section_wins(belga):
    economie = factory.section("Économie", slug="economie")
    WireRoute.objects.create(wire_source=belga, match="énergie", section=economie, tags="Énergie")
    WireRoute.objects.create(wire_source=belga, match="wallonie", tags="Régions")
    ingest(sample("ninjs-1-superdesk.json"), transport="cli")
    article = ArticlePage.objects.get()
    assert article.get_parent().pk == economie.pk
    assert {"Énergie", "Régions", "Wallonie"} <= {tag.name for tag in article.tags.all()}


def test_no_rule_matching_uses_the_default_section(belga):
    ingest(sample("ninjs-3.json"), transport="cli")
    assert ArticlePage.objects.get().get_parent().pk == belga.default_section.pk


def test_keywords_can_stay_out_of_tags(belga):
    belga.keywords_as_tags = False
    belga.save()
    ingest(sample("ninjs-3.json"), transport="cli")
    assert not ArticlePage.objects.get().tags.exists()


def test_provider_names_find_the_wire(belga):
    ingest(sample("newsml12-belga.xml"), transport="cli")
    assert ArticlePage.objects.get().external_source == "belga"


def test_withheld_dispatch_waits_for_an_editor(belga):
    ingest(ninjs(pubstatus="withheld"), transport="cli")
    assert not ArticlePage.objects.get().live


@pytest.mark.parametrize(
    ("given", "kept"), [("sw", "sw"), ("nb_NO", "nb-NO"), ("zh-hant", "zh-Hant")]
)
def test_the_story_keeps_the_language_the_dispatch_gives(belga, given, kept):
    ingest(ninjs(language=given), transport="cli")
    assert ArticlePage.objects.get().language == kept


@pytest.mark.parametrize("given", ["x-default", "not a language", ""])
def test_a_dispatch_without_a_language_tag_is_in_the_site_language(belga, given):
    ingest(ninjs(language=given), transport="cli")
    assert ArticlePage.objects.get().language == "fr"


def test_headline_too_long_is_cut(belga):
    ingest(ninjs(headline="Mot " * 200), transport="cli")
    assert len(ArticlePage.objects.get().title) == 255


def test_same_headline_twice_gets_distinct_addresses(belga):
    ingest(ninjs(guid="urn:a"), transport="cli")
    ingest(ninjs(guid="urn:b"), transport="cli")
    slugs = sorted(ArticlePage.objects.values_list("slug", flat=True))
    assert slugs == ["premier-titre", "premier-titre-2"]


def test_body_blocks(belga):
    body = "<p>Un <strong>gras</strong>.</p><h3>Intertitre</h3><blockquote>Citation</blockquote>"
    ingest(ninjs(bodies=[{"contenttype": "text/html", "value": body}]), transport="cli")
    blocks = ArticlePage.objects.get().body
    assert [block.block_type for block in blocks] == ["paragraph", "intertitle", "quote"]
    assert blocks[0].value.source == "<p>Un <b>gras</b>.</p>"
