"""The demo newsroom: its dispatches, its covers, and `manchette demo` itself.

Loading the demo takes a few seconds, so one test loads it and checks the
site it makes, and one more loads it twice.
"""

import io
import re
from datetime import timedelta
from html import escape

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpRequest
from django.utils import timezone
from PIL import Image as PILImage
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from manchette.live.models import LivePage, LiveUpdate
from manchette.newsroom.demo import ADMIN_PASSWORD, ADMIN_USERNAME, covers, load_demo
from manchette.newsroom.demo.dispatches import DISPATCHES, SECTIONS, SOURCES
from manchette.newsroom.demo.live import RAIL_STORY
from manchette.newsroom.models import ArticlePage, ArticleTag, SectionPage, Source
from manchette.newsroom.slugs import SLUG_LENGTH, headline_slug
from manchette.wire.ingest import ingest
from manchette.wire.models import WireLiveRoute, WireRoute, WireSource
from tests import factory
from tests.wire.builders import ninjs

ASCII_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED = {"guid", "section", "source", "kicker", "headline", "dateline", "tags", "hours_ago"}


@pytest.mark.parametrize("dispatch", DISPATCHES, ids=lambda dispatch: dispatch["guid"])
def test_dispatch_is_complete(dispatch):
    assert dispatch.keys() >= REQUIRED
    assert dispatch["section"] in {slug for slug, _, _ in SECTIONS}
    assert dispatch["source"] in {source["slug"] for source in SOURCES}
    assert 2 <= len(dispatch["tags"]) <= 4
    assert 3 <= sum(block["type"] == "paragraph" for block in dispatch["body"]) <= 6
    assert set(dispatch["cover"]) == {"caption", "credit"}
    # An update needs both its text and its time, and comes after the first version.
    assert ("update" in dispatch) == ("updated_hours_ago" in dispatch)
    if "update" in dispatch:
        assert 0 < dispatch["updated_hours_ago"] < dispatch["hours_ago"]


@pytest.mark.parametrize(
    "identity",
    [
        lambda dispatch: dispatch["guid"],
        lambda dispatch: headline_slug(dispatch["headline"]),
    ],
    ids=["guid", "slug"],
)
def test_dispatch_identities_are_unique(identity):
    values = [identity(dispatch) for dispatch in DISPATCHES]
    assert len(values) == len(set(values))


def test_headline_slug_is_ascii_and_cut_between_words():
    slug = headline_slug(
        "L'œuvre complète d'un écrivain liégeois rééditée en vingt-quatre volumes "
        "numérotés par une maison d'édition bruxelloise"
    )
    assert slug == "l-oeuvre-complete-d-un-ecrivain-liegeois-reeditee-en-vingt-quatre-volumes"
    assert len(slug) <= SLUG_LENGTH


def test_cover_is_a_full_size_jpeg():
    picture = PILImage.open(io.BytesIO(covers.draw_cover("Économie", "demo-test", 0.3)))
    assert picture.format == "JPEG"
    assert picture.size == (covers.WIDTH, covers.HEIGHT)


@pytest.mark.parametrize(
    ("hue", "language", "words"),
    [
        (0.6, "fr", "Illustration : cercles bleus translucides"),
        (0.3, "nl", "Illustratie: doorschijnende groene cirkels"),
        (0.8, "de", "Illustration: durchscheinende violette Kreise"),
        (0.5, "en", "Illustration: translucent turquoise circles"),
    ],
)
def test_cover_description_says_what_was_drawn(hue, language, words):
    picture = covers.draw_cover("Économie", "demo-test", hue)
    description = covers.describe_cover(picture, "Économie", language)
    assert description.startswith(words)
    assert "Économie" in description


def test_cover_description_reads_the_colour_from_the_picture():
    red = io.BytesIO()
    PILImage.new("RGB", (covers.WIDTH, covers.HEIGHT), (200, 30, 30)).save(red, "JPEG")
    assert "cercles rouges" in covers.describe_cover(red.getvalue(), "Sport", "fr")


@pytest.mark.parametrize(
    ("hue", "name"),
    [(0.0, "rouges"), (0.05, "orange"), (0.15, "jaunes"), (0.3, "verts"), (0.5, "turquoise")]
    + [(0.6, "bleus"), (0.78, "violets"), (0.9, "roses"), (0.98, "rouges")],
)
def test_colour_names_follow_the_colour_wheel(hue, name):
    assert covers.colour_name(hue, "fr") == name


@pytest.fixture
def without_system_fonts(monkeypatch):
    monkeypatch.setattr(covers, "FONT_FILES", ("no-such-font.ttf",))
    covers._font_file.cache_clear()
    yield
    covers._font_file.cache_clear()


@pytest.mark.usefixtures("without_system_fonts")
def test_cover_without_system_fonts_drops_accents_rather_than_drawing_boxes():
    assert covers.printable("Matières premières") == "Matieres premieres"
    assert covers.draw_cover("Économie", "demo-test").startswith(b"\xff\xd8")


@pytest.mark.django_db
def test_demo_newsroom(client):
    report = load_demo()

    assert report == {
        "created": len(DISPATCHES),
        "existing": 0,
        "admin": f"{ADMIN_USERNAME} / {ADMIN_PASSWORD}",
    }
    articles = list(ArticlePage.objects.published().select_related("source"))
    assert 28 <= len(articles) == len(DISPATCHES)
    for section in SectionPage.objects.all():
        assert section.articles().exists(), section.title
    assert {article.source.slug for article in articles} == {"belga", "afp", "redaction"}
    assert all(article.cover_id for article in articles)
    for article in articles:
        # What a screen reader hears is what the picture shows, in the story's language.
        description = article.cover.description
        assert description.startswith(("Illustration", "Illustratie")), description
        assert article.kicker in description
    assert {article.language for article in articles} == {"fr", "nl", "de", "en"}

    updated = [article for article in articles if article.updated_at]
    assert len(updated) == sum("update" in dispatch for dispatch in DISPATCHES)
    assert 0 < len(updated) < len(articles)
    for article in updated:
        assert article.revisions.count() == 2
        assert (
            article.revisions.order_by("created_at").last().created_at == article.last_published_at
        )

    times = sorted(article.first_published_at for article in articles)
    assert times[-1] - times[0] > timedelta(days=3)
    assert sum(time > timezone.now() - timedelta(days=1) for time in times) >= 2

    assert all(ASCII_SLUG.match(article.slug) for article in articles)
    assert all(ASCII_SLUG.match(tag.slug) for tag in Tag.objects.all())
    assert ArticleTag.objects.values("tag").distinct().count() >= 20

    for language in ("nl", "de", "en"):
        article = next(article for article in articles if article.language == language)
        response = client.get(article.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert re.search(
            rf'<article [^>]*data-article-id="{article.pk}"[^>]* lang="{language}"', html
        )
        assert f'alt="{escape(article.cover.description)}"' in html

    # Agency files have somewhere to go: Belga, AFP, and a catch-all for the others.
    wires = {wire.slug: wire for wire in WireSource.objects.select_related("default_section")}
    assert set(wires) == {"belga", "afp", "autres-agences"}
    assert all(wire.default_section for wire in wires.values())
    assert [wire.slug for wire in wires.values() if wire.catch_all] == ["autres-agences"]

    live = LivePage.objects.get()
    assert live.live and live.status == LivePage.Status.LIVE
    assert live.coverage_start < timezone.now() < live.coverage_end
    assert live.updates.count() == 12
    assert live.updates.filter(is_key_event=True).count() == 2
    assert live.updates.filter(is_pinned=True).count() == 1
    html = client.get(live.url).content.decode()
    assert "Moments clés" in html and "data-poll-url" in html
    rail = ArticlePage.objects.get(external_guid=RAIL_STORY)
    assert f'href="{rail.url}"' in html
    # Belga's dispatches on the storm wait on the page's desk.
    ingest(ninjs(keywords=["oriane"]), transport="cli")
    assert live.updates.get(is_draft=True).title == "Premier titre"

    # The sign-in throttle (django-axes) needs the request it counts against.
    assert client.login(request=HttpRequest(), username=ADMIN_USERNAME, password=ADMIN_PASSWORD)


def _snapshot():
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "sources": Source.objects.count(),
        "wires": list(WireSource.objects.values_list("pk", "slug")),
        "routes": WireRoute.objects.count(),
        "users": get_user_model().objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "tags": Tag.objects.count(),
        "live updates": LiveUpdate.objects.count(),
        "rules to live pages": WireLiveRoute.objects.count(),
        "articles": list(
            ArticlePage.objects.order_by("pk").values_list(
                "pk",
                "slug",
                "title",
                "first_published_at",
                "last_published_at",
                "latest_revision_id",
            )
        ),
    }


@pytest.mark.django_db
def test_running_the_demo_again_changes_nothing():
    load_demo()
    before = _snapshot()
    output = io.StringIO()

    call_command("demo", stdout=output)

    assert _snapshot() == before
    assert f"0 articles created, {len(DISPATCHES)} already there" in output.getvalue()


@pytest.mark.django_db
def test_running_the_demo_again_describes_covers_it_drew_without_a_description():
    load_demo()
    covers_of = get_image_model().objects.filter(title__startswith="Illustration ")
    honest = dict(covers_of.values_list("pk", "description"))
    covers_of.update(description="")

    load_demo()

    assert dict(covers_of.values_list("pk", "description")) == honest


@pytest.mark.django_db
def test_running_the_demo_again_leaves_a_picture_an_editor_chose_alone():
    load_demo()
    article = ArticlePage.objects.filter(external_source="demo").first()
    article.cover = factory.image("Photo de la rédaction")
    article.save()

    load_demo()

    article.cover.refresh_from_db()
    assert article.cover.description == ""
