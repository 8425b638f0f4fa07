"""The interface in fr, nl, de and en: choice, negotiation, fallbacks and lang attributes."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

from manchette.newsroom.models import ArticlePage
from tests import factory

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
LOCALE_DIR = Path(settings.LOCALE_PATHS[0])


def html_lang(html):
    return re.search(r'<html lang="([^"]*)"', html).group(1)


def front_page(client, **headers):
    factory.home()
    response = client.get("/", headers=headers)
    assert response.status_code == 200
    return response.content.decode()


# Choosing a language


@pytest.mark.parametrize("code", ["fr", "nl", "de", "en"])
def test_choosing_a_language_sets_the_cookie_and_goes_back(client, code):
    response = client.get(f"/langue/{code}/", {"next": "/tag/syrie/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/tag/syrie/?page=2"
    assert response.cookies[COOKIE].value == code
    assert response.cookies[COOKIE]["samesite"] == "Lax"


def test_unknown_language_code_falls_back_to_french(client):
    response = client.get("/langue/xx/")
    assert response.cookies[COOKIE].value == "fr"
    assert response["Location"] == "/"


def test_language_code_in_capitals_is_understood(client):
    assert client.get("/langue/NL/").cookies[COOKIE].value == "nl"


def test_language_choice_is_never_cached(client):
    assert "no-store" in client.get("/langue/nl/")["Cache-Control"]


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example", "javascript:alert(1)", "/\\evil.example"],
)
def test_language_choice_never_leaves_the_site(client, target):
    response = client.get("/langue/nl/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


# Which language a reader gets


def test_french_is_the_default(client):
    html = front_page(client)
    assert html_lang(html) == "fr"
    assert "À la une" in html


def test_accept_language_chooses_dutch_without_a_cookie(client):
    html = front_page(client, accept_language="nl-BE,nl;q=0.9")
    assert html_lang(html) == "nl"
    assert "Belangrijkste nieuws" in html


def test_unknown_accept_language_gives_french(client):
    html = front_page(client, accept_language="xx")
    assert html_lang(html) == "fr"
    assert "À la une" in html


def test_garbage_cookie_gives_french(client):
    client.cookies[COOKIE] = "<script>"
    html = front_page(client)
    assert html_lang(html) == "fr"
    assert "À la une" in html


def test_cookie_wins_over_accept_language(client):
    client.cookies[COOKIE] = "en"
    html = front_page(client, accept_language="nl")
    assert html_lang(html) == "en"
    assert "Top stories" in html


def test_german_reader_gets_a_german_interface(client):
    client.cookies[COOKIE] = "de"
    html = front_page(client)
    assert html_lang(html) == "de"
    assert "Top-Themen" in html and "Zum Inhalt springen" in html


def test_language_switch_names_each_language_in_itself(client):
    html = front_page(client)
    for code, name in [("fr", "Français"), ("nl", "Nederlands"), ("de", "Deutsch")]:
        assert re.search(
            rf'lang="{code}" hreflang="{code}"[^>]*>{code.upper()}<span [^>]*> — {name}', html
        )


# lang attributes follow the article's language


def dutch_article(client, reader_language):
    client.cookies[COOKIE] = reader_language
    page = factory.article(headline="Moskou stelt gesprekken voor", language="nl", tags=["Syrië"])
    return client.get(page.url).content.decode()


def test_dutch_article_read_by_a_french_reader(client):
    html = dutch_article(client, "fr")
    assert html_lang(html) == "fr"
    assert re.search(r'<article [^>]*lang="nl"', html)
    assert re.search(r'<p class="article-meta" lang="fr">.*Publié le', html)
    assert re.search(r'<footer class="tags" lang="fr">\s*<h2>En savoir \+</h2>', html)


def test_dutch_article_read_by_an_english_reader(client):
    html = dutch_article(client, "en")
    assert html_lang(html) == "en"
    assert re.search(r'<article [^>]*lang="nl"', html)
    assert re.search(r'<p class="article-meta" lang="en">.*Published on', html)
    assert re.search(r'<footer class="tags" lang="en">\s*<h2>Read more</h2>', html)


def test_headline_lists_mark_articles_in_another_language(client):
    factory.article(headline="Moskou stelt gesprekken voor", language="nl")
    factory.article(headline="Moscou propose des discussions", language="fr")
    html = front_page(client)
    # A Dutch headline keeps Dutch punctuation on a French page; a French one gets French spaces.
    assert re.search(r'<a href="[^"]*" lang="nl"><span class="kicker">Syrie:</span> Moskou', html)
    assert re.search(r'<a href="[^"]*"><span class="kicker">Syrie\u00a0:</span> Moscou', html)


# The 404 page


def test_not_found_page_is_in_the_readers_language(client):
    factory.home()
    client.cookies[COOKIE] = "nl"
    response = client.get("/nergens/")
    html = response.content.decode()
    assert response.status_code == 404
    assert html_lang(html) == "nl"
    assert "Pagina niet gevonden" in html
    assert "manchette/site.css" in html


def test_not_found_page_defaults_to_french(client):
    factory.home()
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


# The catalogs themselves


def read_catalog(language):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po)


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_catalog_is_complete_and_compilable(language):
    catalog = read_catalog(language)
    # pybabel compile skips a catalog whose header is fuzzy.
    assert not catalog.fuzzy
    untranslated = [message.id for message in catalog if message.id and not translated(message)]
    assert untranslated == []


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_translations_keep_the_placeholders(language):
    """A msgstr that drops or renames %(name)s would fail when the page is rendered."""
    problems = [
        f"{message.id!r}: {errors}" for message, errors in read_catalog(language).check() if errors
    ]
    assert problems == []


def translated(message):
    forms = message.string if message.pluralizable else (message.string,)
    return all(forms) and not message.fuzzy


def test_editors_see_french_field_names():
    with translation.override("fr"):
        assert ArticlePage._meta.get_field("kicker").verbose_name == "surtitre"
        assert ArticlePage._meta.get_field("standfirst").verbose_name == "chapeau"
