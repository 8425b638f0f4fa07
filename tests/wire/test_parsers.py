"""Each format becomes the same Dispatch: one sample file per format, written for these tests."""

from datetime import UTC, datetime

import pytest

from manchette.wire.dispatch import CORRECTION, UPDATE, Dispatch, Subject
from manchette.wire.parsers import parse

from .builders import ninjs, sample

pytestmark = pytest.mark.django_db  # parse() reads the size limit from settings


def only(name):
    stories = parse(sample(name))
    assert len(stories) == 1 and isinstance(stories[0], Dispatch), stories
    return stories[0]


def test_ninjs_1_superdesk():
    story = only("ninjs-1-superdesk.json")
    assert story.format == "ninjs 1.x"
    assert story.guid == "urn:belga.be:superdesk:20240312:ecl-0001"
    assert story.slugline == "Éclairage" and not story.kicker
    assert story.byline == "Claire Dumont"
    assert story.dateline == "Namur" and story.urgency == 3 and story.provider == "Belga"
    assert story.standfirst.startswith("Le plan régional")
    assert story.subjects == (Subject("medtop:11000000", "politique"),)
    assert story.first_created == datetime(2024, 3, 12, 8, 15, tzinfo=UTC)


def test_ninjs_body_is_sanitised():
    story = only("ninjs-1-superdesk.json")
    assert "<script" not in story.body_html and "alert" not in story.body_html
    assert '<a href="https://example.org/plan">un tiers</a>' in story.body_html
    assert "<h2>Un chantier de six ans</h2>" in story.body_html


def test_ninjs_2():
    story = only("ninjs-2.json")
    assert story.format == "ninjs 2.x" and story.version == "2"
    assert story.headline == "Le port d'Anvers-Bruges bat son record de conteneurs"
    assert story.standfirst == "Le trafic a progressé de 4 % au premier trimestre."
    assert story.language == "fr-BE" and story.provider == "AFP"
    assert story.subjects[0].code == "medtop:04000000"


def test_ninjs_3_camel_case():
    story = only("ninjs-3.json")
    assert story.format == "ninjs 3.x" and story.urgency == 2
    assert story.version_created == datetime(2024, 5, 10, 15, 45, tzinfo=UTC)
    assert story.body_html.count("<p>") == 2


def test_newsml_g2_with_nitf_body():
    story = only("newsml-g2-nitf.xml")
    assert story.format == "NewsML-G2" and story.version == "3"
    assert story.provider == "Belga" and story.slugline == "Budget" and not story.kicker
    assert story.byline == "Sophie Lambert" and story.dateline == "Bruxelles"
    assert story.signals == {UPDATE}
    assert story.previous_version.endswith(":2")
    assert "<h2>Les pensions épargnées</h2>" in story.body_html
    assert story.keywords == ("budget", "fédéral")


def test_newsml_g2_with_xhtml_body():
    story = only("newsml-g2-xhtml.xml")
    assert story.urgency == 1 and story.provider == "Belga"
    assert story.body_html.startswith("<p>(Belga) Plusieurs quartiers")


def test_newsml_12_belga_zoneless_times_are_brussels_time():
    story = only("newsml12-belga.xml")
    assert story.format == "NewsML 1.2"
    assert story.guid == "urn:newsml:belga.be:20240916:TRAM0815" and story.version == "2"
    assert story.headline == "Le métro léger de Charleroi prolongé jusqu'à Gosselies"
    assert story.standfirst == "La nouvelle ligne ouvrira au printemps."
    # 22h25 in Brussels in September is 20h25 UTC.
    assert story.version_created == datetime(2024, 9, 16, 20, 25, tzinfo=UTC)
    assert story.signals == {UPDATE} and story.keywords == ("tram", "Charleroi")


def test_newsml_12_correction_instruction():
    raw = sample("newsml12-belga.xml").replace(
        b'<Status FormalName="Usable"/>',
        b'<Status FormalName="Usable"/><Instruction FormalName="Rectify"/>',
    )
    assert CORRECTION in parse(raw)[0].signals


def test_rss_items_with_full_text():
    first, second = parse(sample("rss.xml"))
    assert first.format == "RSS" and first.guid == "agence-example-2024-0901"
    assert first.body_html.startswith("<p>Six bibliothèques")
    assert first.standfirst == "Une ouverture à l'essai dans six communes."
    assert first.byline == "Nadia Benali" and first.keywords == ("culture",)
    assert second.body_html.startswith("Le parc de deux hectares")


def test_atom_entry():
    story = only("atom.xml")
    assert story.format == "Atom" and story.language == "nl"
    assert story.version_created == datetime(2024, 10, 5, 9, 30, tzinfo=UTC)
    assert story.body_html == "<p>De nieuwe fietsbrug werd zaterdag feestelijk geopend.</p>" + (
        "<p>Ze is 300 meter lang.</p>"
    )


def test_saved_html_article_page():
    story = only("article.html")
    assert story.format == "HTML page"
    assert story.guid == "https://quotidien.example/monde/climat-objectifs-1234"
    assert story.kicker == "Climat"
    assert story.headline == "La Belgique revoit ses objectifs climatiques pour 2035"
    assert story.provider == "Belga"
    assert story.version_created == datetime(2015, 9, 16, 20, 25, 2, tzinfo=UTC)
    assert set(story.keywords) == {"Belgique", "Climat"}
    assert "(Belga) Le comité de concertation" in story.body_html
    assert "Les plus lus" not in story.body_html and "Accueil" not in story.body_html


def test_html_page_without_json_ld_uses_its_markup():
    raw = (
        b'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>T</title></head>'
        b"<body><article><h1>Un titre de page</h1>"
        b'<time datetime="2020-02-03T10:00:00+01:00">3 f\xc3\xa9vrier</time>'
        + b"<p>Un paragraphe assez long pour que trafilatura le garde comme texte.</p>" * 3
        + b"</article></body></html>"
    )
    story = only_raw(raw)
    assert story.headline == "Un titre de page"
    assert story.first_created == datetime(2020, 2, 3, 9, 0, tzinfo=UTC)
    assert story.guid.startswith("sha256:")


def only_raw(raw):
    (story,) = parse(raw)
    assert isinstance(story, Dispatch), story
    return story


def test_a_standfirst_that_repeats_the_text_is_shown_once():
    raw = ninjs(
        descriptions=[{"role": "summary", "value": "Premier paragraphe et la su"}],
        bodies=[{"contenttype": "text/html", "value": "<p>Premier paragraphe et la suite.</p>"}],
    )
    (story,) = parse(raw)
    assert story.standfirst == "" and story.body_html == "<p>Premier paragraphe et la suite.</p>"
