"""The live desk in the admin: posting, editing, pinning and deleting updates, each in the
page's history and purged from caches, through the real admin views."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from manchette.core.cache import purge_log_path
from manchette.live.models import LiveUpdate
from manchette.newsroom.models import ArticlePage
from tests import factory

# These tests read messages by their English wording.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "redactrice", "r@example.org", first_name="Marie", last_name="Dupont"
    )
    client.force_login(user)
    return client


@pytest.fixture
def coverage():
    return factory.live_page()


def desk(page):
    return reverse("live_desk", args=[page.pk])


def form(text="<p>Les bureaux ferment.</p>", **fields):
    data = {
        "title": "",
        "byline": "Marie Dupont",
        "body": streamfield([("paragraph", rich_text(text))]),
        **fields,
    }
    return nested_form_data(data)


def history(page):
    return list(
        PageLogEntry.objects.filter(page=page, action__startswith="live.")
        .order_by("pk")
        .values_list("action", "data__headline", "user__username")
    )


def purged_keys():
    return purge_log_path().read_text().split() if purge_log_path().exists() else []


def test_the_page_editor_leads_to_the_desk(editor, coverage):
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[coverage.pk])).content.decode()
    assert f'href="{desk(coverage)}"' in html and "Post updates" in html


def test_the_desk_offers_the_byline_of_the_editor(editor, coverage):
    html = editor.get(desk(coverage)).content.decode()
    assert 'value="Marie Dupont"' in html


def test_posting_an_update_needs_no_page_publish(
    editor, coverage, django_capture_on_commit_callbacks
):
    revisions = coverage.revisions.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(desk(coverage), form(title="Clôture", is_key_event="on"))

    assert response.status_code == 302
    update = LiveUpdate.objects.get()
    assert (update.page, update.title, update.is_key_event) == (coverage, "Clôture", True)
    assert update.posted_by.username == "redactrice" and update.byline == "Marie Dupont"
    assert "Les bureaux ferment." in update.text
    assert coverage.revisions.count() == revisions
    assert history(coverage) == [("live.update.post", "Clôture", "redactrice")]
    assert f"live-{coverage.pk}" in purged_keys()


def test_a_posted_update_reaches_readers_at_once(editor, client, coverage):
    editor.post(desk(coverage), form("<p>Premiers chiffres.</p>"))
    client.logout()
    assert "Premiers chiffres." in client.get(coverage.url + "updates/").content.decode()


def test_an_update_without_text_is_refused_with_the_reason(editor, coverage):
    response = editor.post(desk(coverage), form("<p></p>"))

    assert response.status_code == 200
    assert "An update needs some text." in response.content.decode()
    assert not LiveUpdate.objects.exists() and history(coverage) == []


def test_a_key_event_without_title_is_refused(editor, coverage):
    response = editor.post(desk(coverage), form(is_key_event="on"))

    assert "A key event needs a title" in response.content.decode()
    assert not LiveUpdate.objects.exists()


def test_a_title_too_long_is_refused(editor, coverage):
    response = editor.post(desk(coverage), form(title="x" * 201))

    assert response.status_code == 200 and not LiveUpdate.objects.exists()


def test_editing_an_update_keeps_it_in_the_history(editor, coverage):
    update = factory.live_update(coverage, "Premier chiffre.", title="Chiffres")
    url = reverse("live_update_edit", args=[coverage.pk, update.pk])

    assert "Premier chiffre." in editor.get(url).content.decode()
    response = editor.post(url, form("<p>Chiffre corrigé.</p>", title="Chiffres corrigés"))

    assert response.status_code == 302
    update.refresh_from_db()
    assert update.title == "Chiffres corrigés" and "Chiffre corrigé." in update.text
    assert update.edited_at is not None
    assert history(coverage) == [("live.update.edit", "Chiffres corrigés", "redactrice")]


def test_pinning_and_unpinning(editor, coverage):
    update = factory.live_update(coverage, title="À retenir")
    url = reverse("live_update_pin", args=[coverage.pk, update.pk])

    editor.post(url, {"pinned": "1"})
    update.refresh_from_db()
    assert update.is_pinned
    editor.post(url, {"pinned": "0"})
    update.refresh_from_db()
    assert not update.is_pinned
    assert history(coverage) == [
        ("live.update.pin", "À retenir", "redactrice"),
        ("live.update.unpin", "À retenir", "redactrice"),
    ]


def test_pinning_with_a_made_up_value_changes_nothing(editor, coverage):
    update = factory.live_update(coverage)
    response = editor.post(
        reverse("live_update_pin", args=[coverage.pk, update.pk]), {"pinned": "yes"}, follow=True
    )
    update.refresh_from_db()
    assert not update.is_pinned and "pinned=1 or pinned=0" in response.content.decode()


def test_pinning_is_not_done_by_a_get(editor, coverage):
    update = factory.live_update(coverage)
    url = reverse("live_update_pin", args=[coverage.pk, update.pk])
    assert editor.get(url).status_code == 405


def test_deleting_asks_first_then_keeps_a_note(editor, coverage):
    update = factory.live_update(coverage, title="Erreur")
    url = reverse("live_update_delete", args=[coverage.pk, update.pk])

    assert "Delete the update “Erreur”?" in editor.get(url).content.decode()
    assert LiveUpdate.objects.filter(pk=update.pk).exists()
    editor.post(url)

    assert not LiveUpdate.objects.filter(pk=update.pk).exists()
    assert history(coverage) == [("live.update.delete", "Erreur", "redactrice")]


def test_the_history_shows_each_change_in_words(editor, coverage):
    editor.post(desk(coverage), form(title="Clôture"))
    html = editor.get(reverse("wagtailadmin_pages:history", args=[coverage.pk])).content.decode()
    assert "Live update posted: “Clôture”" in html


def test_an_update_of_another_page_is_not_found(editor, coverage):
    other = factory.live_update(factory.live_page(title="Autre direct"))
    for name in ("live_update_edit", "live_update_delete"):
        assert editor.get(reverse(name, args=[coverage.pk, other.pk])).status_code == 404


def test_the_desk_of_a_page_that_is_not_live_coverage_is_not_found(editor):
    article = factory.article()
    assert editor.get(reverse("live_desk", args=[article.pk])).status_code == 404


def test_an_editor_without_rights_on_the_page_is_refused(client, django_user_model, coverage):
    user = django_user_model.objects.create_user("pigiste", "p@example.org", "x")
    reporters = Group.objects.create(name="Pigistes")
    reporters.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(reporters)
    other_section = factory.section("Sport")
    GroupPagePermission.objects.create(
        group=reporters, page=other_section, permission_type="change"
    )
    client.force_login(user)

    # The admin answers a refusal by sending back to its home page, with a message.
    refused = client.get(desk(coverage), follow=True)
    assert refused.redirect_chain == [("/admin/", 302)]
    assert "Sorry, you do not have permission" in refused.content.decode()
    assert client.post(desk(coverage), form())["Location"] == "/admin/"
    assert not LiveUpdate.objects.exists()


def test_an_update_becomes_a_draft_article(editor, coverage):
    factory.source("Rédaction", is_agency=False)
    update = factory.live_update(
        coverage, "Le ministre annonce sa démission.", title="Démission", byline="Marie Dupont"
    )

    response = editor.post(reverse("live_update_article", args=[coverage.pk, update.pk]))

    article = ArticlePage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert (article.title, article.byline, article.source.slug) == (
        "Démission",
        "Marie Dupont",
        "redaction",
    )
    assert article.get_parent().pk == coverage.get_parent().pk
    assert not article.live and article.latest_revision.user.username == "redactrice"
    assert "Le ministre annonce sa démission." in str(article.body[0].value)
    assert history(coverage) == [("live.update.article", "Démission", "redactrice")]
    # The update stays where it was: the coverage goes on.
    assert LiveUpdate.objects.filter(pk=update.pk).exists()


def test_without_a_newsroom_source_no_article_is_made(editor, coverage):
    update = factory.live_update(coverage)
    response = editor.post(
        reverse("live_update_article", args=[coverage.pk, update.pk]), follow=True
    )
    assert "own source (a source that is not an agency) first" in response.content.decode()
    assert not ArticlePage.objects.exists()
