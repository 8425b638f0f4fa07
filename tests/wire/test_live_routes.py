"""Dispatches routed to a live page: drafts an editor publishes, or updates published at once;
versions, kills, pages that cannot take them, and the rules as the admin checks them."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from manchette.core.cache import purge_log_path
from manchette.live import updates
from manchette.live.models import LivePage, LiveUpdate
from manchette.newsroom.models import ArticlePage
from manchette.push.models import Alert
from manchette.wire.ingest import ingest
from manchette.wire.models import DispatchEntry, WireLiveRoute
from tests import factory

from .builders import ninjs

pytestmark = pytest.mark.django_db
Outcome = DispatchEntry.Outcome

BODY = "<p>Les bureaux de vote ferment à 16 heures.</p><p>Le dépouillement commence.</p>"


@pytest.fixture
def coverage():
    return factory.live_page("Élections : la soirée en direct")


@pytest.fixture
def to_drafts(belga, coverage):
    return WireLiveRoute.objects.create(wire_source=belga, match="ÉLECTIONS", live_page=coverage)


@pytest.fixture
def to_readers(belga, coverage):
    return WireLiveRoute.objects.create(
        wire_source=belga, match="medtop:11000000", live_page=coverage, mode="publish"
    )


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(user)
    return client


def election(version="1", headline="Les bureaux de vote ferment", **fields):
    fields.setdefault("keywords", ["élections"])
    fields.setdefault("bodies", [{"contenttype": "text/html", "value": BODY}])
    return ninjs(version=version, headline=headline, **fields)


def politics(**fields):
    subjects = [{"uri": "medtop:11000000", "name": "politique"}]
    return election(keywords=[], subjects=subjects, **fields)


def entry():
    return DispatchEntry.objects.latest("pk")


def history(page):
    return list(
        PageLogEntry.objects.filter(page=page, action__startswith="live.")
        .order_by("pk")
        .values_list("action", "data__headline", "user__username")
    )


def stream_ids(html):
    return [int(found) for found in re.findall(r'data-update-id="(\d+)"', html)]


def json_ld_updates(client, page):
    html = client.get(page.url).content.decode()
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [posting["url"] for posting in json.loads(script)["liveBlogUpdate"]]


def poll_ids(client, page):
    return [item["id"] for item in client.get(page.url + "updates/").json()["updates"]]


def test_a_matching_dispatch_waits_on_the_desk_as_a_draft(to_drafts, coverage):
    ingest(election(byline="Marie Dupont"), transport="cli")

    update = LiveUpdate.objects.get()
    assert (update.page, update.is_draft) == (coverage, True)
    assert update.title == "Les bureaux de vote ferment"
    assert update.text == "Les bureaux de vote ferment à 16 heures. Le dépouillement commence."
    assert update.byline == "Marie Dupont, Belga" and update.source.name == "Belga"
    assert not ArticlePage.objects.exists()
    assert (entry().outcome, entry().live_page) == (Outcome.HELD, coverage)
    assert "desk of the live page" in entry().reason_text()
    assert history(coverage) == [("live.update.wait", "Les bureaux de vote ferment", None)]


def test_a_draft_is_nowhere_readers_look(to_drafts, coverage, client):
    shown = factory.live_update(coverage, "Déjà publié.")
    ingest(election(), transport="cli")
    draft = LiveUpdate.objects.get(is_draft=True)

    assert stream_ids(client.get(coverage.url).content.decode()) == [shown.pk]
    assert poll_ids(client, coverage) == [shown.pk]
    assert json_ld_updates(client, coverage) == [shown.get_full_url()]
    assert client.get(draft.get_url()).status_code == 404


def test_a_draft_purges_nothing_readers_have(to_drafts, coverage):
    purge_log_path().unlink(missing_ok=True)
    ingest(election(), transport="cli")
    assert not purge_log_path().exists()


def test_a_flash_without_a_body_is_its_headline(to_drafts):
    ingest(election(headline="URGENT Le Premier ministre démissionne", bodies=[]), transport="cli")
    update = LiveUpdate.objects.get()
    assert (update.title, update.text) == ("", "URGENT Le Premier ministre démissionne")


def test_a_rule_to_readers_publishes_the_update_at_once(
    to_readers, coverage, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ingest(politics(), transport="cli")

    update = LiveUpdate.objects.get()
    assert not update.is_draft and update.byline == "Belga"
    assert stream_ids(client.get(coverage.url).content.decode()) == [update.pk]
    # The stored English text: the request left its own language active.
    assert (entry().outcome, entry().reason) == (
        Outcome.PUBLISHED,
        "Posted on the live page “Élections : la soirée en direct”.",
    )
    assert history(coverage) == [("live.update.post", "Les bureaux de vote ferment", None)]
    assert f"live-{coverage.pk}" in purge_log_path().read_text().split()


@pytest.mark.parametrize(
    ("wire", "dispatch"),
    [
        ({"auto_publish": False}, {}),
        ({}, {"pubstatus": "withheld"}),
    ],
    ids=["wire-held-for-review", "withheld-by-the-agency"],
)
def test_published_at_once_still_waits_when_the_wire_waits(belga, to_readers, wire, dispatch):
    for field, value in wire.items():
        setattr(belga, field, value)
    belga.save()
    ingest(politics(**dispatch), transport="cli")
    assert LiveUpdate.objects.get().is_draft


@pytest.mark.usefixtures("english")
def test_the_editor_publishes_a_draft_from_the_desk(
    editor, to_drafts, coverage, client, django_capture_on_commit_callbacks
):
    ingest(election(), transport="cli")
    draft = LiveUpdate.objects.get()
    desk = reverse("live_desk", args=[coverage.pk])
    publish = reverse("live_update_publish", args=[coverage.pk, draft.pk])
    html = editor.get(desk).content.decode()
    assert "From the wire, waiting" in html and f'action="{publish}"' in html

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(publish, follow=True)

    assert "Update published: “Les bureaux de vote ferment”." in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_draft and draft.posted_by.username == "chef"
    assert "From the wire, waiting" not in editor.get(desk).content.decode()
    client.logout()
    assert stream_ids(client.get(coverage.url).content.decode()) == [draft.pk]
    assert poll_ids(client, coverage) == [draft.pk]
    assert history(coverage)[-1] == ("live.update.post", "Les bureaux de vote ferment", "chef")
    assert f"live-{coverage.pk}" in purge_log_path().read_text().split()


@pytest.mark.usefixtures("english")
def test_publishing_twice_says_it_is_done(editor, to_drafts, coverage):
    ingest(election(), transport="cli")
    draft = LiveUpdate.objects.get()
    publish = reverse("live_update_publish", args=[coverage.pk, draft.pk])
    editor.post(publish)
    response = editor.post(publish, follow=True)
    assert "This update was already published." in response.content.decode()
    assert history(coverage).count(("live.update.post", draft.headline, "chef")) == 1


def test_publishing_needs_post(editor, to_drafts, coverage):
    ingest(election(), transport="cli")
    draft = LiveUpdate.objects.get()
    response = editor.get(reverse("live_update_publish", args=[coverage.pk, draft.pk]))
    assert response.status_code == 405 and LiveUpdate.objects.get().is_draft


def test_a_key_event_made_of_a_draft_alerts_only_once_published(editor, to_drafts, coverage):
    ingest(election(), transport="cli")
    draft = LiveUpdate.objects.get()
    draft.is_key_event = True
    updates.edit(draft)
    assert not Alert.objects.exists()

    editor.post(reverse("live_update_publish", args=[coverage.pk, draft.pk]))

    assert Alert.objects.get().text == "Les bureaux de vote ferment"


def test_a_draft_made_an_article_is_credited_to_the_agency(editor, to_drafts, coverage):
    ingest(election(), transport="cli")
    draft = LiveUpdate.objects.get()
    editor.post(reverse("live_update_article", args=[coverage.pk, draft.pk]))
    article = ArticlePage.objects.get()
    assert (article.source.name, article.live) == ("Belga", False)


def test_the_same_version_twice_adds_nothing(to_drafts, coverage):
    ingest(election(), transport="cli")
    ingest(election(), transport="cli")
    assert LiveUpdate.objects.count() == 1
    assert entry().outcome == Outcome.UNCHANGED and entry().live_page == coverage
    assert len(history(coverage)) == 1


def test_a_new_version_edits_the_update(to_readers, coverage):
    ingest(politics(), transport="cli")
    ingest(politics(version="2", headline="Les bureaux de vote ont fermé"), transport="cli")

    update = LiveUpdate.objects.get()
    assert update.title == "Les bureaux de vote ont fermé" and update.edited_at is not None
    assert not update.is_draft and entry().outcome == Outcome.PUBLISHED
    assert [action for action, *_ in history(coverage)] == ["live.update.post", "live.update.edit"]


def test_a_new_version_of_a_draft_stays_a_draft(to_drafts):
    ingest(election(), transport="cli")
    ingest(election(version="2", headline="Nouveau titre"), transport="cli")
    update = LiveUpdate.objects.get()
    assert (update.title, update.is_draft) == ("Nouveau titre", True)


def test_an_older_version_changes_nothing(to_drafts):
    ingest(election(version="3"), transport="cli")
    ingest(election(version="2", headline="Ancien titre"), transport="cli")
    assert LiveUpdate.objects.get().title == "Les bureaux de vote ferment"
    assert entry().outcome == Outcome.UNCHANGED


def test_a_kill_deletes_the_update_and_later_versions_are_ignored(to_readers, coverage):
    ingest(politics(), transport="cli")
    ingest(politics(version="2", pubstatus="canceled"), transport="cli")

    assert not LiveUpdate.objects.exists()
    assert entry().outcome == Outcome.WITHDRAWN
    assert history(coverage)[-1][0] == "live.update.delete"

    ingest(politics(version="3", headline="Revenu"), transport="cli")
    assert not LiveUpdate.objects.exists() and not ArticlePage.objects.exists()
    assert entry().outcome == Outcome.UNCHANGED
    assert "deleted" in entry().reason_text()


def test_an_update_the_editor_deleted_stays_deleted(to_drafts):
    ingest(election(), transport="cli")
    updates.delete(LiveUpdate.objects.get())
    ingest(election(version="2"), transport="cli")
    assert not LiveUpdate.objects.exists() and not ArticlePage.objects.exists()


def test_a_dispatch_already_an_article_stays_one(belga, coverage):
    ingest(election(), transport="cli")
    WireLiveRoute.objects.create(wire_source=belga, match="élections", live_page=coverage)
    ingest(election(version="2", headline="Suite"), transport="cli")
    assert ArticlePage.objects.get().title == "Suite" and not LiveUpdate.objects.exists()


def end(page):
    page.status = LivePage.Status.ENDED
    page.save_revision().publish()


def pause(page):
    page.status = LivePage.Status.PAUSED
    page.save_revision().publish()


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (end, "“Élections : la soirée en direct” has ended"),
        (pause, "“Élections : la soirée en direct” is paused"),
        (lambda page: page.unpublish(), "“Élections : la soirée en direct” is not published"),
        (lambda page: page.delete(), "its live page was deleted"),
    ],
    ids=["ended", "paused", "unpublished", "deleted"],
)
def test_a_page_that_cannot_take_it_sends_the_dispatch_to_its_section(
    belga, to_drafts, coverage, change, why
):
    change(coverage)
    ingest(election(), transport="cli")

    article = ArticlePage.objects.get()
    assert article.live and article.get_parent().pk == belga.default_section.pk
    assert not LiveUpdate.objects.exists()
    assert entry().outcome == Outcome.PUBLISHED and entry().live_page is None
    assert entry().reason_text() == f"Not sent to a live page: {why}. Routed as an article instead."


def test_the_next_rule_whose_page_is_live_takes_it(belga, to_drafts, coverage):
    end(coverage)
    tonight = factory.live_page("Le second tour en direct")
    WireLiveRoute.objects.create(wire_source=belga, match="élections", live_page=tonight)
    ingest(election(), transport="cli")
    assert LiveUpdate.objects.get().page == tonight and not ArticlePage.objects.exists()


def test_an_embargoed_dispatch_waits_as_an_article(to_drafts):
    ingest(election(embargoed="2999-01-01T00:00:00+00:00"), transport="cli")
    assert not LiveUpdate.objects.exists() and not ArticlePage.objects.get().live
    assert entry().outcome == Outcome.SCHEDULED
    assert "it is under embargo" in entry().reason_text()


def test_with_no_section_either_both_reasons_are_kept(belga, to_drafts, coverage):
    belga.default_section = None
    belga.save()
    end(coverage)
    ingest(election(), transport="cli")
    assert entry().outcome == Outcome.QUARANTINED
    assert "has ended" in entry().reason_text() and "no default section" in entry().reason_text()


@pytest.mark.usefixtures("english")
def test_the_ingest_log_says_why_it_did_not_go_live(editor, to_drafts, coverage):
    end(coverage)
    ingest(election(), transport="cli")
    html = editor.get("/admin/wire/log/").content.decode()
    assert "Not sent to a live page: “Élections : la soirée en direct” has ended." in html


def test_the_ingest_command_routes_a_file_to_the_live_page(to_drafts, tmp_path):
    path = tmp_path / "depeche.json"
    path.write_bytes(election())
    call_command("ingest", str(path), stdout=io.StringIO())
    assert LiveUpdate.objects.get().is_draft


# The rules as the wire source's form in the admin takes them.


def wire_form(belga, routes=(), live_routes=()):
    fields = {
        "name": belga.name,
        "slug": belga.slug,
        "source": belga.source.pk,
        "provider_names": belga.provider_names,
        "default_section": belga.default_section.pk,
        "auto_publish": "on",
        "keywords_as_tags": "on",
        "push_token": belga.push_token,
        "poll_minutes": 5,
        "active": "on",
        "routes": inline_formset(list(routes)),
        "live_routes": inline_formset([{"mode": "draft", **rule} for rule in live_routes]),
    }
    return nested_form_data(fields)


def save_wire(editor, belga, **live_rule):
    return editor.post(
        reverse("wiresource:edit", args=[belga.pk]), wire_form(belga, live_routes=[live_rule])
    )


@pytest.mark.usefixtures("english")
def test_the_admin_saves_a_rule_to_a_live_page(editor, belga, coverage):
    response = save_wire(editor, belga, match="élections", live_page=coverage.pk, mode="publish")
    assert response.status_code == 302
    rule = WireLiveRoute.objects.get()
    assert (rule.match, rule.live_page, rule.mode) == ("élections", coverage, "publish")


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("match", ["", "   "], ids=["empty", "blank"])
def test_a_rule_without_a_subject_or_keyword_is_refused(editor, belga, coverage, match):
    response = save_wire(editor, belga, match=match, live_page=coverage.pk)
    assert response.status_code == 200 and not WireLiveRoute.objects.exists()
    assert "Give the subject code, subject name or keyword" in response.content.decode()


@pytest.mark.usefixtures("english")
def test_a_section_rule_without_a_subject_or_keyword_is_refused(editor, belga):
    form = wire_form(belga, routes=[{"match": " ", "section": belga.default_section.pk}])
    response = editor.post(reverse("wiresource:edit", args=[belga.pk]), form)
    assert response.status_code == 200 and not belga.routes.exists()
    assert "Give the subject code, subject name or keyword" in response.content.decode()


@pytest.mark.usefixtures("english")
def test_a_rule_without_a_live_page_is_refused(editor, belga):
    response = save_wire(editor, belga, match="élections", live_page="")
    assert response.status_code == 200 and not WireLiveRoute.objects.exists()
    assert "Choose the live page these dispatches go to" in response.content.decode()


@pytest.mark.usefixtures("english")
def test_the_live_page_chooser_takes_only_live_pages(editor, belga):
    response = save_wire(editor, belga, match="élections", live_page=belga.default_section.pk)
    assert response.status_code == 200 and not WireLiveRoute.objects.exists()
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.usefixtures("english")
def test_a_rule_with_an_unknown_mode_is_refused(editor, belga, coverage):
    response = save_wire(editor, belga, match="élections", live_page=coverage.pk, mode="shout")
    assert response.status_code == 200 and not WireLiveRoute.objects.exists()
    assert "Select a valid choice" in response.content.decode()
