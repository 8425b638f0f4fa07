"""Numbers in words, checked against how each language writes them."""

import pytest

from manchette.listen import numbers


@pytest.mark.parametrize(
    "n, said",
    [
        (0, "zéro"),
        (21, "vingt et un"),
        (71, "soixante et onze"),
        (80, "quatre-vingts"),
        (81, "quatre-vingt-un"),
        (91, "quatre-vingt-onze"),
        (200, "deux cents"),
        (201, "deux cent un"),
        (1000, "mille"),
        (80_000, "quatre-vingt mille"),
        (200_000_000, "deux cents millions"),
        (1_000_001, "un million un"),
    ],
)
def test_french_cardinals(n, said):
    assert numbers.fr_cardinal(n) == said


@pytest.mark.parametrize(
    "n, said",
    [(1, "premier"), (3, "troisième"), (5, "cinquième"), (9, "neuvième"), (21, "vingt et unième")],
)
def test_french_ordinals(n, said):
    assert numbers.fr_ordinal(n) == said


@pytest.mark.parametrize(
    "n, said",
    [
        (1, "één"),
        (21, "eenentwintig"),
        (22, "tweeëntwintig"),
        (101, "honderdeen"),
        (1250, "duizend tweehonderdvijftig"),
        (2_000_000, "twee miljoen"),
    ],
)
def test_dutch_cardinals(n, said):
    assert numbers.nl_cardinal(n) == said


@pytest.mark.parametrize(
    "n, said",
    [
        (1, "eins"),
        (21, "einundzwanzig"),
        (101, "einhunderteins"),
        (2015, "zweitausendfünfzehn"),
        (1_000_000, "eine Million"),
        (2_500_000, "zwei Millionen fünfhunderttausend"),
    ],
)
def test_german_cardinals(n, said):
    assert numbers.de_cardinal(n) == said


@pytest.mark.parametrize(
    "language, n, said",
    [
        ("de", 1999, "neunzehnhundertneunundneunzig"),
        ("nl", 1999, "negentienhonderdnegenennegentig"),
        ("en", 1999, "nineteen ninety-nine"),
        ("en", 1905, "nineteen oh five"),
        ("en", 2005, "two thousand five"),
        ("en", 2015, "twenty fifteen"),
    ],
)
def test_years(language, n, said):
    assert numbers.YEARS[language](n) == said


@pytest.mark.parametrize(
    "n, said",
    [
        (1, "first"),
        (12, "twelfth"),
        (20, "twentieth"),
        (21, "twenty-first"),
        (100, "one hundredth"),
    ],
)
def test_english_ordinals(n, said):
    assert numbers.en_ordinal(n) == said
