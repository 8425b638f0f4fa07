"""An editor's day in the Wagtail admin: write, preview, schedule, publish, update."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from manchette.newsroom.models import ArticlePage
from tests import factory

pytestmark = pytest.mark.django_db

PUBLIC_PLACES = [
    "/",
    "/monde/",
    "/tag/diplomatie/",
    "/source/belga/",
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/tag/diplomatie/rss/",
    "/news-sitemap.xml",
]


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def article_form(headline="Une dépêche écrite dans le back-office", **extra):
    return nested_form_data(
        {
            "title": headline,
            "slug": "une-depeche",
            "kicker": "Diplomatie",
            "standfirst": "Le chapeau de la dépêche.",
            "body": streamfield([("paragraph", rich_text("<p>Le corps de la dépêche.</p>"))]),
            "source": factory.source().pk,
            "language": "fr",
            "tags": "Diplomatie",
            **extra,
        }
    )


def add_url():
    return reverse("wagtailadmin_pages:add", args=("newsroom", "articlepage", factory.section().pk))


def seen_publicly(client, headline):
    """Every public place where the headline shows up."""
    client.logout()
    return [place for place in PUBLIC_PLACES if headline in client.get(place).content.decode()]


def test_editor_publishes_an_article(editor):
    response = editor.post(add_url(), {**article_form(), "action-publish": "action-publish"})
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="une-depeche")
    assert article.live
    page = editor.get(article.url).content.decode()
    assert "Publié le" in page and "Le corps de la dépêche." in page
    assert seen_publicly(editor, "Une dépêche écrite dans le back-office") == PUBLIC_PLACES


def test_published_article_is_in_the_sitemaps(editor):
    editor.post(add_url(), {**article_form(), "action-publish": "action-publish"})
    article = ArticlePage.objects.get(slug="une-depeche")
    assert article.full_url in editor.get("/sitemap-articles.xml").content.decode()
    assert article.full_url in editor.get("/news-sitemap.xml").content.decode()


def test_a_draft_appears_nowhere_public(editor):
    response = editor.post(add_url(), article_form())
    assert response.status_code == 302
    draft = ArticlePage.objects.get(slug="une-depeche")
    assert not draft.live
    assert seen_publicly(editor, "Une dépêche") == []
    assert editor.get("/monde/une-depeche/").status_code == 404
    assert editor.get(f"/a/{draft.pk}/").status_code == 404


def test_a_draft_is_not_related_to_published_articles(editor):
    neighbour = factory.article(headline="Voisine", tags=["Diplomatie"])
    editor.post(add_url(), article_form())
    editor.logout()
    assert "Une dépêche" not in editor.get(neighbour.url).content.decode()


def test_editor_previews_a_draft(editor):
    editor.post(add_url(), article_form())
    draft = ArticlePage.objects.get(slug="une-depeche")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(draft.pk,))
    changed = article_form(headline="Titre en cours de relecture")
    assert editor.post(preview_url, changed).json() == {"is_valid": True, "is_available": True}
    preview = editor.get(preview_url)
    assert preview.status_code == 200
    assert "Titre en cours de relecture" in preview.content.decode()
    assert seen_publicly(editor, "Titre en cours de relecture") == []


def test_scheduled_article_waits_for_its_time(editor):
    go_live = timezone.now() + timedelta(hours=2)
    form = article_form(go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M:%S"))
    editor.post(add_url(), {**form, "action-publish": "action-publish"})
    article = ArticlePage.objects.get(slug="une-depeche")
    assert not article.live and article.go_live_at is not None
    call_command("publish_scheduled")
    assert seen_publicly(editor, "Une dépêche") == []

    # Three hours later the clock's publish_scheduled finds it due.
    later = timezone.now() + timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    assert "Une dépêche" in editor.get("/").content.decode()


def test_publishing_an_update_turns_published_into_updated(editor):
    article = factory.article(published_at=timezone.now() - timedelta(hours=5))
    assert "Publié le" in editor.get(article.url).content.decode()
    edit_url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    form = article_form(headline="Titre corrigé")
    form["slug"] = article.slug
    assert editor.post(edit_url, {**form, "action-publish": "action-publish"}).status_code == 302
    editor.logout()
    page = editor.get(article.url).content.decode()
    assert "Titre corrigé" in page
    assert "Mis à jour le" in page and "Publié le" not in page
    article.refresh_from_db()
    assert article.updated_at is not None
    assert timezone.now() - article.updated_at < timedelta(minutes=1)


def test_unpublished_article_disappears_everywhere(editor):
    article = factory.article(headline="Bientôt retirée", tags=["Diplomatie"])
    editor.logout()
    assert seen_publicly(editor, "Bientôt retirée")
    article.unpublish()
    assert seen_publicly(editor, "Bientôt retirée") == []
    assert editor.get(article.url).status_code == 404


def test_articles_of_a_private_section_are_not_published(client):
    private = factory.section("Interne")
    hidden = factory.article(headline="Note interne", in_section=private)
    shown = factory.article(headline="Dépêche publique")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert list(ArticlePage.objects.published()) == [shown]
    assert "Note interne" not in client.get("/feeds/rss/").content.decode()
    assert client.get(f"/a/{hidden.pk}/").status_code == 404


def test_a_private_article_is_not_published_and_its_neighbours_are():
    section = factory.section("Monde")
    private = factory.article(headline="Note interne", in_section=section)
    before, after = (factory.article(headline=h, in_section=section) for h in ("Avant", "Après"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert set(ArticlePage.objects.published()) == {before, after}


# A first article, as an editor writes it: headline, body, section; nothing else.


def what_the_editor_fills(headline="Une première dépêche", **extra):
    """The add form as the browser sends it when only headline and body were typed:
    every other field as the form offered it."""
    return nested_form_data(
        {
            "title": headline,
            "slug": "",
            "body": streamfield([("paragraph", rich_text("<p>Le corps de la dépêche.</p>"))]),
            "source": factory.source("Rédaction", is_agency=False).pk,
            "language": "fr",
            "tags": "",
            **extra,
        }
    )


def test_a_new_article_is_credited_to_the_newsroom(editor):
    factory.source("Belga")
    own = factory.source("Rédaction", is_agency=False)
    form = editor.get(add_url()).context["form"]
    assert form["source"].value() == own.pk


def test_a_new_article_has_no_source_chosen_when_the_newsroom_has_none_of_its_own(editor):
    factory.source("Belga")
    assert editor.get(add_url()).context["form"]["source"].value() is None


def test_editor_publishes_a_first_article_with_only_headline_and_body(editor):
    response = editor.post(add_url(), {**what_the_editor_fills(), "action-publish": "publish"})
    assert response.status_code == 302
    article = ArticlePage.objects.get(title="Une première dépêche")
    assert article.live and article.slug == "une-premiere-depeche"
    assert article.source.slug == "redaction"
    editor.logout()
    assert "Une première dépêche" in editor.get("/").content.decode()


def test_two_stories_with_one_headline_get_two_addresses(editor):
    for _ in range(2):
        form = {**what_the_editor_fills(), "slug": "coupure-de-courant"}
        form["title"] = "Coupure de courant"
        assert editor.post(add_url(), {**form, "action-publish": "publish"}).status_code == 302
    slugs = set(ArticlePage.objects.values_list("slug", flat=True))
    assert slugs == {"coupure-de-courant", "coupure-de-courant-2"}


def test_a_published_article_keeps_its_address_and_is_told_why(editor):
    factory.article(headline="Premier", slug="premier")
    second = factory.article(headline="Second", slug="second")
    edit_url = reverse("wagtailadmin_pages:edit", args=(second.pk,))
    form = {**what_the_editor_fills(headline="Second"), "slug": "premier"}
    response = editor.post(edit_url, {**form, "action-publish": "publish"})
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    second.refresh_from_db()
    assert second.slug == "second"


def autosave(client, url, data):
    """What the editor's browser sends on its own while the editor types."""
    return client.post(url, data, headers={"Accept": "application/json"})


def test_autosave_keeps_a_new_article_as_its_headline_is_typed(editor):
    first = autosave(editor, add_url(), what_the_editor_fills(headline="U")).json()
    assert first["success"], first
    # From then on the browser edits the draft that the first save made.
    edit_url = reverse("wagtailadmin_pages:edit", args=(first["pk"],))
    revision = first["revision_id"]
    for typed in ("Une pre", "Une première dépêche"):
        form = {**what_the_editor_fills(headline=typed), "overwrite_revision_id": revision}
        answer = autosave(editor, edit_url, form).json()
        assert answer["success"], answer
        revision = answer["revision_id"]
    article = ArticlePage.objects.get()
    assert not article.live
    assert article.get_latest_revision_as_object().title == "Une première dépêche"
