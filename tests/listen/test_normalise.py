"""What the voice says, word for word, for one article in each language."""

import pytest

from manchette.listen.normalise import NoVoice, article_script, normalise
from tests import factory

pytestmark = pytest.mark.django_db


def quote(text, attribution=""):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def intertitle(text):
    return {"type": "intertitle", "value": text}


def test_french_article_is_said_in_words():
    article = factory.article(
        language="fr",
        kicker="Diplomatie",
        headline="L'UE et M. Dupont à Bruxelles le 1er octobre",
        standfirst="« Nous avançons », a déclaré Mme Martin à 22h25.",
        dateline="Bruxelles",
        byline="Marie Dupont",
        body=[
            *factory.paragraphs(
                "Le sommet réunira 1 500 délégués, soit 3,5 % de plus qu'en 2014, "
                "pour 12,5 millions €."
            ),
            intertitle("Un calendrier serré"),
            quote("L'EI recule — enfin.", "Le ministre"),
            *factory.paragraphs(
                "Rendez-vous le 16/09/2015 au <b>XXIe siècle</b> ; "
                '<a href="https://example.org/">voir ici</a>.'
            ),
        ],
    )
    assert article_script(article).text() == (
        "Diplomatie: L'Union européenne et Monsieur Dupont à Bruxelles le premier octobre.\n\n"
        "Nous avançons, a déclaré Madame Martin à vingt-deux heures vingt-cinq.\n\n"
        "Le sommet réunira mille cinq cents délégués, soit trois virgule cinq pour cent "
        "de plus qu'en deux mille quatorze, pour douze virgule cinq millions d'euros.\n\n"
        "Un calendrier serré.\n\n"
        "L'État islamique recule, enfin.\n\n"
        "Le ministre.\n\n"
        "Rendez-vous le seize septembre deux mille quinze au vingt et unième siècle; voir ici."
    )


def test_dutch_article_is_said_in_words():
    article = factory.article(
        language="nl",
        kicker="",
        headline="Dhr. Peeters ontmoet de EU om 22u25",
        standfirst="Op 3 maart 2016 kwamen 1.250 betogers, 4,5 procent meer dan in 2015.",
        body=[
            *factory.paragraphs("De 2de ronde kost € 3 miljoen, o.a. voor de VS."),
            quote("„We gaan door”", "De minister"),
        ],
    )
    assert article_script(article).text() == (
        "De heer Peeters ontmoet de Europese Unie om tweeëntwintig uur vijfentwintig.\n\n"
        "Op drie maart tweeduizend zestien kwamen duizend tweehonderdvijftig betogers, "
        "vier komma vijf procent meer dan in tweeduizend vijftien.\n\n"
        "De tweede ronde kost drie miljoen euro, onder andere voor de Verenigde Staten.\n\n"
        "We gaan door.\n\n"
        "De minister."
    )


def test_german_article_is_said_in_words():
    article = factory.article(
        language="de",
        kicker="",
        headline="Hr. Müller trifft die EU am 16. September",
        standfirst="Um 22.25 Uhr kamen 1.500 Menschen, z.B. aus den USA.",
        body=[
            *factory.paragraphs("Seit 1999 stieg die Zahl um 3,5 Prozent auf 12,5 Mio. €."),
            intertitle("Im 21. Jahrhundert"),
        ],
    )
    assert article_script(article).text() == (
        "Herr Müller trifft die E U am sechzehnten September.\n\n"
        "Um zweiundzwanzig Uhr fünfundzwanzig kamen eintausendfünfhundert Menschen, "
        "zum Beispiel aus den U S A.\n\n"
        "Seit neunzehnhundertneunundneunzig stieg die Zahl um drei Komma fünf Prozent "
        "auf zwölf Komma fünf Millionen Euro.\n\n"
        "Im einundzwanzigsten Jahrhundert."
    )


def test_english_article_is_said_in_words():
    article = factory.article(
        language="en",
        kicker="",
        headline="Mr. Smith meets the EU on September 16",
        standfirst="At 10:30 pm, 1,500 people, i.e. 3.5% of voters, gathered.",
        body=[
            *factory.paragraphs(
                "IS fighters left in 1999; the UN paid $1.5 billion on 16/09/2015."
            ),
            quote("“We will not stop,” he said."),
        ],
    )
    assert article_script(article).text() == (
        "Mister Smith meets the E U on September sixteenth.\n\n"
        "At ten thirty p m, one thousand five hundred people, that is three point five "
        "percent of voters, gathered.\n\n"
        "I S fighters left in nineteen ninety-nine; the U N paid one point five billion "
        "dollars on the sixteenth of September, twenty fifteen.\n\n"
        "We will not stop, he said."
    )


def test_sidebar_credits_and_captions_are_not_read():
    factory.article(headline="Un autre article du jour", tags=["Syrie"])
    article = factory.article(
        headline="Le titre",
        kicker="",
        tags=["Syrie"],
        dateline="Bruxelles",
        byline="Marie Dupont",
        cover=factory.image("Photo de couverture"),
        cover_caption="La légende de la couverture",
        body=[
            *factory.paragraphs("Le seul paragraphe."),
            {
                "type": "image",
                "value": {"image": factory.image().pk, "caption": "Légende", "credit": "AFP"},
            },
        ],
    )
    assert article_script(article).passages == ("Le titre.", "Le seul paragraphe.")


def test_empty_body_reads_the_headline_and_standfirst():
    article = factory.article(headline="Court", kicker="", standfirst="Rien de plus", body=[])
    assert article_script(article).passages == ("Court.", "Rien de plus.")


def test_a_language_without_rules_is_read_as_written_in_its_own_voice():
    article = factory.article(headline="El Sr. Pérez llega el 3 de mayo", kicker="")
    article.language = "es-ES"
    script = article_script(article)
    assert script.language == "es-ES"
    # espeak-ng's Spanish voice says numbers and abbreviations itself.
    assert script.passages[0] == "El Sr. Pérez llega el 3 de mayo."


def test_a_regional_tag_follows_its_language_rules():
    article = factory.article(headline="M. Dupont arrive", kicker="")
    article.language = "fr-BE"
    assert article_script(article).passages[0] == "Monsieur Dupont arrive."


def test_a_language_without_a_voice_is_not_read():
    article = factory.article(headline="Titre", kicker="")
    article.language = "tlh"
    with pytest.raises(NoVoice, match="tlh"):
        article_script(article)


def test_several_paragraphs_in_one_block_are_separate_passages():
    article = factory.article(
        headline="Titre",
        kicker="",
        body=[{"type": "paragraph", "value": "<p>Un.</p><p>Deux<br/>lignes.</p>"}],
    )
    assert article_script(article).passages == ("Titre.", "Un.", "Deux lignes.")


def test_control_characters_and_markup_are_not_spoken():
    assert normalise("Le <b>texte</b>\x00 « brut »\u200b\u00a0!", "fr") == "Le <b>texte</b> brut!"


def test_site_abbreviations_extend_the_built_in_ones(settings):
    settings.MANCHETTE_LISTEN_ABBREVIATIONS = {"fr": {"CPAS": "C P A S"}}
    assert normalise("Le CPAS de M. Dupont", "fr") == "Le C P A S de Monsieur Dupont."


def test_a_belgian_voice_says_septante_and_nonante(settings):
    settings.MANCHETTE_LISTEN_VOICES = {"fr": "fr-be", "nl": "nl", "de": "de", "en": "en"}
    assert normalise("En 1971, 97 % des 70 délégués ont voté le 1er mars.", "fr") == (
        "En mille neuf cent septante et un, nonante-sept pour cent des septante délégués "
        "ont voté le premier mars."
    )


@pytest.mark.parametrize(
    "language, written, said",
    [
        (
            "fr",
            "8h05 et 0h30, 1h et 21h",
            "huit heures cinq et zéro heure trente, une heure et vingt et une heures.",
        ),
        ("fr", "-3 degrés et 50km/h", "moins trois degrés et cinquante kilomètres heure."),
        (
            "fr",
            "Louis XIV, François Ier, les 1res places",
            "Louis quatorze, François premier, les premières places.",
        ),
        ("fr", "Le, la et les ne sont pas des nombres.", "Le, la et les ne sont pas des nombres."),
        ("fr", "1914-1918", "mille neuf cent quatorze à mille neuf cent dix-huit."),
        (
            "fr",
            "Appelez le 0475123456 etc. Merci",
            "Appelez le zéro quatre sept cinq un deux trois quatre cinq six et cetera. Merci.",
        ),
        ("nl", "Om 9.05 uur en 23:00", "Om negen uur vijf en drieëntwintig uur."),
        ("de", "Um 1 Uhr, am 1. Mai usw.", "Um ein Uhr, am ersten Mai und so weiter."),
        (
            "en",
            "At 7 am and 22:00, the 21st",
            "At seven a m and twenty-two hundred, the twenty-first.",
        ),
    ],
)
def test_times_dates_and_numbers(language, written, said):
    assert normalise(written, language) == said
