"""French spaces, curly apostrophes, units and credits, as readers see them."""

import pytest

from manchette.core.typography import credit, typeset, typeset_text
from tests import factory

pytestmark = pytest.mark.django_db

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("typed", "set"),
    [
        ("Mot-clé: Budget", f"Mot-clé{NBSP}: Budget"),
        ("Mot-clé : Budget", f"Mot-clé{NBSP}: Budget"),
        ("Vraiment ? Oui !", f"Vraiment{NNBSP}? Oui{NNBSP}!"),
        ("Quoi?!", f"Quoi{NNBSP}?!"),
        ("un budget « sans cap »", f"un budget «{NNBSP}sans cap{NNBSP}»"),
        ("«sans cap»", f"«{NNBSP}sans cap{NNBSP}»"),
        ("une hausse de 2,1 %", f"une hausse de 2,1{NNBSP}%"),
        ("une hausse de 2,1%", f"une hausse de 2,1{NNBSP}%"),
        ("1 000 000 euros", f"1{NNBSP}000{NNBSP}000 euros"),
        ("limité à 30 km/h", f"limité à 30{NBSP}km/h"),
        ("il fait 20 °C", f"il fait 20{NBSP}°C"),
        ("30 € de plus", f"30{NBSP}€ de plus"),
        ("L'État d'abord", "L’État d’abord"),
        ("aujourd'hui", "aujourd’hui"),
    ],
)
def test_french_text(typed, set):
    assert typeset_text(typed, "fr") == set


@pytest.mark.parametrize(
    "untouched",
    [
        "à 22:25",
        "https://example.org/?page=2&q=1",
        "le 3:0 final",
        "deux heures",
        "Ils sont 12 dans la salle",
    ],
)
def test_french_text_left_as_it_is(untouched):
    assert typeset_text(untouched, "fr") == untouched


def test_other_languages_keep_their_own_punctuation():
    assert (
        typeset_text("Wat? Nee: 30 km/h en 2,1 %", "nl") == f"Wat? Nee: 30{NBSP}km/h en 2,1{NBSP}%"
    )
    assert typeset_text("It's 5 km away", "en") == f"It’s 5{NBSP}km away"


def test_typesetting_twice_changes_nothing_more():
    once = typeset('<p lang="fr">« Quoi ? » dit-il : 2,1 % de l\'État</p>')
    assert typeset(once) == once


def test_only_text_changes_never_markup_code_or_attributes():
    html = (
        '<html lang="fr"><body><a href="/tag/l\'x/?a=1" title="Titre : x">Lien : ici</a>'
        "<code>x ; y l'z</code><pre>a : b</pre><textarea>l'avis : non</textarea>"
        '<script>var a = "l\'x : y";</script><p>fin ?</p></body></html>'
    )
    assert typeset(html) == (
        '<html lang="fr"><body><a href="/tag/l\'x/?a=1" title="Titre : x">Lien\u00a0: ici</a>'
        "<code>x ; y l'z</code><pre>a : b</pre><textarea>l'avis : non</textarea>"
        '<script>var a = "l\'x : y";</script><p>fin\u202f?</p></body></html>'
    )


def test_each_element_keeps_the_typography_of_its_language():
    html = '<html lang="fr"><p>Oui : <span lang="nl">Ja: echt?</span> non ?</p></html>'
    assert typeset(html) == (
        f'<html lang="fr"><p>Oui{NBSP}: <span lang="nl">Ja: echt?</span> non{NNBSP}?</p></html>'
    )


def test_escaped_text_stays_escaped():
    html = '<p lang="fr">AT&amp;T ; &lt;b&gt; l&#x27;a</p>'
    assert typeset(html) == f'<p lang="fr">AT&amp;T{NNBSP}; &lt;b&gt; l’a</p>'


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Belga", "© Belga"),
        ("© Photo Belga", "© Photo Belga"),
        ("© © Belga", "© Belga"),
        ("(c) AFP", "© AFP"),
        ("Copyright: Reuters", "© Reuters"),
        ("", ""),
    ],
)
def test_a_credit_has_one_copyright_sign(typed, shown):
    assert credit(typed) == shown


def test_article_page_in_french_typography(client):
    page = factory.article(
        headline="La vitesse limitée à 30 km/h",
        kicker="Mobilité",
        standfirst="Une hausse de 2,1 % des amendes ?",
        body=factory.paragraphs("L'échevin l'a dit : « c'est fini »."),
        cover=factory.image(),
        cover_credit="© Photo Belga",
    )
    html = client.get(page.url).content.decode()
    assert f'<span class="kicker">Mobilité{NBSP}:</span>' in html
    assert f"30{NBSP}km/h" in html and f"2,1{NNBSP}%" in html
    assert f"L’échevin l’a dit{NBSP}: «{NNBSP}c’est fini{NNBSP}»." in html
    assert '<span class="credit">© Photo Belga</span>' in html


def test_tag_page_label_has_its_french_space(client):
    factory.article(tags=["Budget"])
    html = client.get("/tag/budget/").content.decode()
    assert f'<span class="label">Mot-clé{NBSP}:</span> Budget' in html
