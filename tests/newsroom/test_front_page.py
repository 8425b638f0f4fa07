"""The front page: a lead story and featured stories chosen by editors or,
left to themselves, the newest; then the latest of each section, each story
shown once."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from manchette.newsroom.models import FeaturedStory
from tests import factory
from tests.newsroom.test_lists import ListReader

pytestmark = pytest.mark.django_db


def front(client, url="/"):
    """The headlines of the top stories (lead first) and of each section's list."""
    response = client.get(url)
    assert response.status_code == 200
    reader = ListReader(response.content.decode())
    return reader.lists_of("top-stories"), reader.lists_of("headlines")


def dispatches(count, section=None, name="Dépêche"):
    """``count`` stories an hour apart, "Dépêche 1" the newest; no kicker, to read plainly."""
    now = timezone.now()
    return [
        factory.article(
            headline=f"{name} {number}",
            kicker="",
            in_section=section,
            published_at=now - timedelta(hours=number),
        )
        for number in range(1, count + 1)
    ]


def names(*numbers):
    return [f"Dépêche {number}" for number in numbers]


def choose(lead=None, featured=(), **fields):
    """What an editor publishes on the front page: a lead, featured stories in their order."""
    home = factory.home()
    home.lead_story = lead
    home.featured_stories = [FeaturedStory(article=story) for story in featured]
    for name, value in fields.items():
        setattr(home, name, value)
    home.save_revision().publish()


def test_left_alone_the_newest_leads_and_the_next_five_are_featured(client):
    dispatches(8)
    top, sections = front(client)
    assert top == [names(1, 2, 3, 4, 5, 6)]
    assert sections == [names(7, 8)]


def test_no_story_shows_twice(client):
    dispatches(6)
    dispatches(3, section=factory.section("Sport"), name="Sport")
    top, sections = front(client)
    shown = [headline for stories in top + sections for headline in stories]
    assert len(shown) == len(set(shown)) == 9


def test_editors_choose_the_lead_and_order_the_featured_stories(client):
    stories = dispatches(8)
    choose(lead=stories[7], featured=[stories[6], stories[4]])
    top, sections = front(client)
    assert top == [names(8, 7, 5, 1, 2, 3)]
    assert sections == [names(4, 6)]


def test_a_chosen_lead_stays_first_when_newer_stories_arrive(client):
    stories = dispatches(3)
    choose(lead=stories[2])
    factory.article(headline="Toute fraîche", kicker="", published_at=timezone.now())
    top, _ = front(client)
    assert top[0][:2] == ["Dépêche 3", "Toute fraîche"]


def test_an_unpublished_lead_drops_out_and_the_newest_takes_its_place(client):
    stories = dispatches(4)
    choose(lead=stories[2])
    stories[2].unpublish()
    top, _ = front(client)
    assert top == [names(1, 2, 4)]


def test_an_unpublished_featured_story_drops_out(client):
    stories = dispatches(8)
    choose(featured=[stories[7], stories[6]])
    stories[7].unpublish()
    top, _ = front(client)
    assert top == [names(1, 7, 2, 3, 4, 5)]


def test_a_story_chosen_twice_shows_once(client):
    stories = dispatches(3)
    choose(lead=stories[1], featured=[stories[1], stories[2], stories[2]])
    top, _ = front(client)
    assert top == [names(2, 3, 1)]


def test_a_chosen_draft_is_not_shown(client):
    dispatches(2)
    draft = factory.article(headline="Pas encore", kicker="", publish=False)
    choose(lead=draft)
    top, _ = front(client)
    assert top == [names(1, 2)]


def test_editors_set_how_many_stories_are_featured(client):
    dispatches(5)
    choose(featured_count=2, per_section=1)
    top, sections = front(client)
    assert top == [names(1, 2, 3)]
    assert sections == [names(4)]


def test_an_empty_newsroom_has_a_front_page_that_says_so(client):
    factory.section("Monde")
    assert front(client) == ([], [])
    assert "Aucun article pour le moment." in client.get("/").content.decode()


# Pictures and standfirsts


def test_lead_story_has_its_picture_and_standfirst(client):
    factory.article(
        headline="La une",
        standfirst="Le chapeau de la une.",
        cover=factory.image("Deux personnes se serrent la main", size=(1600, 900)),
    )
    html = client.get("/").content.decode()
    lead = re.search(r'<li class="teaser teaser-lead">.*?</li>', html, re.S).group()
    assert "Le chapeau de la une." in lead
    img = re.search(r"<img [^>]*>", lead).group()
    assert 'alt="Deux personnes se serrent la main"' in img
    assert re.findall(r" (\d+)w", img) == ["480", "800", "1200"]
    assert 'sizes="(min-width: 64em) 44rem, 100vw"' in img
    assert 'fetchpriority="high"' in img


def test_featured_stories_have_pictures_cropped_alike(client):
    factory.article(headline="La une")
    factory.article(
        headline="En vedette",
        standfirst="Ce chapeau attend l'article.",
        cover=factory.image("Un port", size=(1000, 1000)),
        published_at=timezone.now() - timedelta(hours=2),
    )
    html = client.get("/").content.decode()
    featured = re.search(r'<li class="teaser">.*?</li>', html, re.S).group()
    assert "En vedette" in featured and "Ce chapeau" not in featured
    img = re.search(r"<img [^>]*>", featured).group()
    assert re.findall(r" (\d+)w", img) == ["320", "640"]
    assert 'width="320" height="180"' in img
    assert 'sizes="(min-width: 64em) 21rem, (min-width: 40em) 45vw, 7.5rem"' in img
    assert 'loading="lazy"' in img


def test_a_story_in_another_language_says_so(client):
    factory.article(
        headline="Plastics treaty talks stall",
        language="en",
        standfirst="Negotiators leave without a text.",
        cover=factory.image("Plastic waste"),
    )
    html = client.get("/").content.decode()
    assert '<a href="/monde/plastics-treaty-talks-stall/" lang="en">' in html
    assert '<p class="teaser-standfirst" lang="en">' in html
    assert re.search(r'<img [^>]*alt="Plastic waste" lang="en"', html)


def test_the_front_page_reads_the_same_number_of_rows_however_many_stories(client):
    def queries():
        client.get("/")  # renditions are made on the first visit
        # and kept in memory by Wagtail: a fresh server process reads them from the database.
        get_image_model().get_rendition_model().cache_backend.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    sport = factory.section("Sport")
    for number in range(3):
        factory.article(headline=f"Petit {number}", cover=factory.image(f"Petit {number}"))
    few = queries()
    for number in range(12):
        factory.article(
            headline=f"Grand {number}",
            in_section=sport if number % 2 else None,
            cover=factory.image(f"Grand {number}"),
        )
    factory.section("Culture")
    assert queries() == few


# Choosing in the admin


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("chef", "chef@example.org", "pw"))
    return client


def front_form(lead=None, featured=(), featured_count=5):
    home = factory.home()
    return nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "lead_story": lead.pk if lead else "",
            "featured_count": featured_count,
            "per_section": 4,
            "featured_stories": inline_formset([{"article": story.pk} for story in featured]),
        }
    )


def test_editor_chooses_the_lead_in_the_admin(editor):
    stories = dispatches(4)
    edit_url = reverse("wagtailadmin_pages:edit", args=(factory.home().pk,))
    form = front_form(lead=stories[3], featured=[stories[2]])
    response = editor.post(edit_url, {**form, "action-publish": "action-publish"})
    assert response.status_code == 302
    editor.logout()
    assert front(editor)[0] == [names(4, 3, 1, 2)]


def test_editor_previews_a_new_lead_before_publishing_it(editor):
    stories = dispatches(3)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(factory.home().pk,))
    preview = editor.post(preview_url, front_form(lead=stories[2]))
    assert preview.json() == {"is_valid": True, "is_available": True}
    assert front(editor, preview_url)[0] == [names(3, 1, 2)]
    editor.logout()
    assert front(editor)[0] == [names(1, 2, 3)]


def test_too_many_featured_stories_is_refused_where_the_field_is(editor):
    dispatches(1)
    edit_url = reverse("wagtailadmin_pages:edit", args=(factory.home().pk,))
    form = front_form(featured_count=13)
    response = editor.post(edit_url, {**form, "action-publish": "action-publish"})
    assert response.status_code == 200
    assert "featured_count" in response.context["form"].errors
    factory.home().refresh_from_db()
    assert factory.home().featured_count == 5


def test_a_lead_that_is_not_an_article_is_refused(editor):
    dispatches(1)
    edit_url = reverse("wagtailadmin_pages:edit", args=(factory.home().pk,))
    form = front_form()
    form["lead_story"] = factory.section("Monde").pk
    response = editor.post(edit_url, {**form, "action-publish": "action-publish"})
    assert response.status_code == 200
    assert "lead_story" in response.context["form"].errors
