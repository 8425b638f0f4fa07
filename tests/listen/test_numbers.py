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
    assert numbers.NUMBERS["fr"].cardinal(n) == said


@pytest.mark.parametrize(
    "n, said",
    [
        (1, "premier"),
        (3, "troisième"),
        (5, "cinquième"),
        (9, "neuvième"),
        (21, "vingt et unième"),
        (80, "quatre-vingtième"),
        (200, "deux centième"),
    ],
)
def test_french_ordinals(n, said):
    assert numbers.NUMBERS["fr"].ordinal(n) == said


def test_french_feminine_forms():
    french = numbers.NUMBERS["fr"]
    assert [french.cardinal(n, feminine=True) for n in (1, 21, 2)] == [
        "une",
        "vingt et une",
        "deux",
    ]
    assert french.ordinal(1, feminine=True) == "première"


@pytest.mark.parametrize(
    "n, said",
    [
        (70, "septante"),
        (71, "septante et un"),
        (72, "septante-deux"),
        (77, "septante-sept"),
        (80, "quatre-vingts"),
        (81, "quatre-vingt-un"),
        (90, "nonante"),
        (91, "nonante et un"),
        (96, "nonante-six"),
        (99, "nonante-neuf"),
        (201, "deux cent un"),
        (1971, "mille neuf cent septante et un"),
        (90_000, "nonante mille"),
        (1_000_001, "un million un"),
    ],
)
def test_belgian_french_cardinals(n, said):
    assert numbers.NUMBERS["fr-BE"].cardinal(n) == said


@pytest.mark.parametrize(
    "n, said",
    [
        (70, "septantième"),
        (71, "septante et unième"),
        (74, "septante-quatrième"),
        (75, "septante-cinquième"),
        (80, "quatre-vingtième"),
        (99, "nonante-neuvième"),
    ],
)
def test_belgian_french_ordinals(n, said):
    assert numbers.NUMBERS["fr-BE"].ordinal(n) == said


@pytest.mark.parametrize(
    "language, voice, spoken",
    [("fr", "fr-be", "fr-BE"), ("fr", "fr", "fr"), ("fr", "fr-fr", "fr"), ("en", "en-us", "en")],
)
def test_a_voice_says_its_regions_numbers(language, voice, spoken):
    assert numbers.for_voice(language, voice) is numbers.NUMBERS[spoken]


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
    assert numbers.NUMBERS["nl"].cardinal(n) == said


@pytest.mark.parametrize(
    "n, said", [(2, "tweede"), (1000, "duizendste"), (2001, "tweeduizend eerste")]
)
def test_dutch_ordinals(n, said):
    assert numbers.NUMBERS["nl"].ordinal(n) == said


@pytest.mark.parametrize(
    "n, said",
    [
        (1, "eins"),
        (21, "einundzwanzig"),
        (101, "einhunderteins"),
        (2015, "zweitausendfünfzehn"),
        (1_000_000, "eine Million"),
        (2_500_000, "zwei Millionen fünfhunderttausend"),
        (101_000, "einhunderteintausend"),
    ],
)
def test_german_cardinals(n, said):
    assert numbers.NUMBERS["de"].cardinal(n) == said


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
    assert numbers.NUMBERS[language].year(n) == said


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
    assert numbers.NUMBERS["en"].ordinal(n) == said
