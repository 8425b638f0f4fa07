"""Reading words per language, and the reader's query syntax."""

import pytest
from django.db import connection

from manchette.search.languages import analyser, analysers, fold
from manchette.search.query import Clause, ReaderQuery


@pytest.mark.parametrize(
    ("typed", "folded"),
    [("Économie", "economie"), ("ŒUVRE", "oeuvre"), ("Straße", "strasse"), ("Ærø", "aero")],
)
def test_case_and_accents_fold_away(typed, folded):
    assert fold(typed) == folded


@pytest.mark.parametrize(
    ("language", "text", "terms"),
    [
        ("fr", "Les économies de l'État", ["le", "econom", "etat"]),
        ("nl", "De vakbonden en de overstromingen", ["vakbond", "overstroom"]),
        ("de", "Die Ökonomen der Gewerkschaften", ["okonom", "gewerkschaft"]),
        ("en", "The unions and the floods", ["union", "flood"]),
    ],
)
def test_terms_are_stems_without_stop_words(language, text, terms):
    assert analyser(language).terms(text) == terms


def test_a_language_without_a_stemmer_is_read_as_the_sites():
    assert analyser("es").language == "fr"


def test_a_regional_tag_is_read_in_its_language():
    assert analyser("nl-BE").language == "nl" and analyser("en-US").language == "en"


@pytest.mark.parametrize(
    ("typed", "clauses"),
    [
        ("budget  syndicats", [Clause("budget"), Clause("syndicats")]),
        (
            '"aide d\'urgence" -grue',
            [Clause("aide d'urgence", phrase=True), Clause("grue", excluded=True)],
        ),
        ('-"mise à jour"', [Clause("mise à jour", phrase=True, excluded=True)]),
        ('grue "distance', [Clause("grue"), Clause("distance", phrase=True)]),
        ('" - -- """', []),
        ("a-b", [Clause("a-b")]),
    ],
)
def test_query_syntax(typed, clauses):
    assert list(ReaderQuery.parse(typed).clauses) == clauses


def test_a_query_of_stop_words_asks_for_nothing_in_their_language():
    query = ReaderQuery.parse("de la")
    assert not query.reads_in(analyser("fr"))
    assert query.reads_in(analyser("en"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's configurations")
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "text", "lexemes"),
    [
        ("fr", "Des ÉCONOMIES pour l'État", "econom etat"),
        ("nl", "De vakbonden", "vakbond"),
        ("de", "Die Gewerkschaften", "gewerkschaft"),
        ("en", "The unions", "union"),
    ],
)
def test_postgresql_configurations_fold_accents_stem_and_drop_stop_words(language, text, lexemes):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_to_string(array_agg(lexeme ORDER BY lexeme), ' ') "
            "FROM unnest(to_tsvector(%s::regconfig, %s))",
            [f"manchette_{language}", text],
        )
        assert cursor.fetchone()[0] == lexemes


def test_every_language_has_an_analyser():
    assert [reading.language for reading in analysers()] == ["fr", "nl", "de", "en"]
