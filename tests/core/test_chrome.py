"""What every page carries: search box, sections in the reader's language, icons, footer."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import translation
from wagtail.models import Task, Workflow

from tests import factory

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def page_html(client, path="/", language=None):
    if language:
        client.cookies[COOKIE] = language
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def named_section():
    section = factory.section("Belgique")
    section.title_nl, section.title_de, section.title_en = "België", "Belgien", "Belgium"
    section.save_revision().publish()
    return section


def test_every_page_has_a_search_box(client):
    factory.home()
    page = factory.article()
    for path in ["/", page.url, "/tag/nulle-part/"]:
        html = client.get(path).content.decode()
        assert re.search(
            r'<form class="site-search" method="get" action="/recherche/" role="search"', html
        )
        assert 'name="q"' in html


@pytest.mark.parametrize(
    ("language", "name", "heading"),
    [("fr", "Belgique", "Belgique"), ("nl", "België", "Laatste nieuws in België"),
     ("de", "Belgien", "Neu im Ressort Belgien"), ("en", "Belgium", "Latest in Belgium")],
)  # fmt: skip
def test_sections_are_named_in_the_readers_language(client, language, name, heading):
    section = named_section()
    article = factory.article(in_section=section)
    factory.article(in_section=section, headline="Une autre")
    nav = page_html(client, "/", language)
    assert re.search(
        rf'<nav class="sections"[^>]*>\s*<ul>\s*<li><a href="[^"]*"[^>]*>{name}</a>', nav
    )
    assert f"<h1>{name}</h1>" in page_html(client, section.url, language)
    if language != "fr":
        assert heading in page_html(client, article.url, language)


def test_a_section_without_a_name_in_a_language_shows_its_title(client):
    section = factory.section("Monde")
    assert f"<h1>{section.title}</h1>" in page_html(client, section.url, "de")


def test_section_name_follows_the_active_language():
    section = named_section()
    with translation.override("nl"):
        assert section.name == "België"
    with translation.override("fr"):
        assert section.name == "Belgique"


def test_editors_submit_to_a_workflow_named_in_the_site_language():
    assert Workflow.objects.filter(name="Validation éditoriale").exists()
    assert Task.objects.filter(name="Validation éditoriale").exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_favicon_is_served_where_browsers_look(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_pages_link_their_icons_and_manifest(client):
    factory.home()
    html = page_html(client)
    assert '<link rel="icon" href="/static/manchette/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html


def test_manifest_names_the_site_and_its_icons(client, settings):
    settings.MANCHETTE_PUBLICATION_NAME = "Le Quotidien"
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Le Quotidien"
    assert manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL))


def test_footer_links_the_feeds_page(client):
    factory.home()
    footer = page_html(client).split('<footer class="site-footer">')[1]
    assert 'href="/flux/">Flux d’actualité (RSS, Atom, podcasts)</a>' in footer
    assert "/feeds/rss/" not in footer
