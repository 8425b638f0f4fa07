"""One story, version after version: update, correction, kill, embargo, idempotence."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from manchette.newsroom.models import ArticlePage
from manchette.wire.ingest import ingest
from manchette.wire.models import DispatchEntry, Receipt

from .builders import ninjs

pytestmark = pytest.mark.django_db

Outcome = DispatchEntry.Outcome
GUID = "urn:belga.be:test:0001"


def outcomes(receipt):
    return [entry.outcome for entry in receipt.dispatches.all()]


def the_article():
    return ArticlePage.objects.get(external_source="belga", external_guid=GUID)


def second_version(**fields):
    fields.setdefault("headline", "Titre mis à jour")
    fields.setdefault("versioncreated", "2024-03-12T12:30:00+01:00")
    return ninjs(version="2", **fields)


def test_first_version_is_published_with_the_agency_time(belga, client):
    receipt = ingest(ninjs(), transport="cli")
    assert receipt.status == Receipt.Status.PROCESSED
    assert outcomes(receipt) == [Outcome.PUBLISHED]
    article = the_article()
    assert article.live and article.title == "Premier titre" and article.source.name == "Belga"
    assert article.first_published_at == datetime(2024, 3, 12, 9, 0, tzinfo=UTC)
    html = client.get(article.url).content.decode()
    assert "Premier paragraphe." in html and "Publié le mardi 12 mars 2024 à 10h00" in html
    assert "All versions" not in html and "Toutes les versions" not in html


def test_same_version_twice_changes_nothing(belga):
    ingest(ninjs(), transport="cli")
    revisions = the_article().revisions.count()
    again = ingest(ninjs(), transport="cli")
    assert outcomes(again) == [Outcome.UNCHANGED]
    assert ArticlePage.objects.count() == 1
    assert the_article().revisions.count() == revisions


def test_update_is_a_new_revision_of_the_same_article(belga, client):
    ingest(ninjs(), transport="cli")
    receipt = ingest(second_version(), transport="cli")
    assert outcomes(receipt) == [Outcome.PUBLISHED]
    assert ArticlePage.objects.count() == 1
    article = the_article()
    assert article.title == "Titre mis à jour"
    assert article.revisions.count() == 2
    html = client.get(article.url).content.decode()
    assert "Mis à jour le mardi 12 mars 2024 à 12h30" in html


def test_an_older_version_after_a_newer_one_changes_nothing(belga):
    ingest(second_version(), transport="cli")
    receipt = ingest(ninjs(headline="Ancien titre"), transport="cli")
    assert outcomes(receipt) == [Outcome.UNCHANGED]
    assert "older" in receipt.dispatches.get().reason
    assert the_article().title == "Titre mis à jour"


def test_correction_shows_a_note(belga, client):
    ingest(ninjs(), transport="cli")
    ingest(
        second_version(ednote="Correction: le montant est de 12 millions, pas 21."),
        transport="cli",
    )
    html = client.get(the_article().url).content.decode()
    assert '<p class="correction-note" role="note">' in html
    assert "le montant est de 12 millions, pas 21." in html


def test_kill_unpublishes_and_leaves_a_notice(belga, client):
    ingest(ninjs(), transport="cli")
    url = the_article().url
    receipt = ingest(
        ninjs(version="2", pubstatus="canceled", ednote="Retrait pour raisons juridiques."),
        transport="cli",
    )
    assert outcomes(receipt) == [Outcome.WITHDRAWN]
    article = the_article()
    assert not article.live and article.withdrawn_at
    assert article not in ArticlePage.objects.published()
    response = client.get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "Retrait pour raisons juridiques." in html and "Premier paragraphe" not in html
    assert client.get(f"/a/{article.pk}/versions/").status_code == 404


def test_the_short_address_of_a_killed_article_answers_gone_too(belga, client):
    ingest(ninjs(), transport="cli")
    ingest(ninjs(version="2", pubstatus="canceled", ednote="Retrait."), transport="cli")
    response = client.get(f"/a/{the_article().pk}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "Retrait." in html and "Premier paragraphe" not in html


def test_the_short_address_of_a_draft_is_not_found(belga, client):
    belga.auto_publish = False
    belga.save()
    ingest(ninjs(), transport="cli")
    assert client.get(f"/a/{the_article().pk}/").status_code == 404


def test_a_version_after_the_kill_is_ignored(belga):
    ingest(ninjs(), transport="cli")
    ingest(ninjs(version="2", pubstatus="canceled"), transport="cli")
    receipt = ingest(ninjs(version="3", headline="Revenant"), transport="cli")
    assert outcomes(receipt) == [Outcome.UNCHANGED]
    assert not the_article().live


def test_embargo_publishes_at_its_time_not_before(belga, client):
    embargo = timezone.now() + timedelta(hours=2)
    receipt = ingest(ninjs(embargoed=embargo.isoformat()), transport="cli")
    assert outcomes(receipt) == [Outcome.SCHEDULED]
    article = the_article()
    assert not article.live
    assert client.get(article.url).status_code == 404
    call_command("publish_scheduled")
    assert not the_article().live
    with mock.patch("django.utils.timezone.now", return_value=embargo + timedelta(minutes=1)):
        call_command("publish_scheduled")
    assert the_article().live
    assert client.get(article.url).status_code == 200


def test_review_queue_keeps_a_draft_for_an_editor(belga):
    belga.auto_publish = False
    belga.save()
    receipt = ingest(ninjs(), transport="cli")
    assert outcomes(receipt) == [Outcome.HELD]
    article = the_article()
    assert not article.live and article.has_unpublished_changes
    assert article.get_latest_revision().content["title"] == "Premier titre"


def test_update_of_a_live_article_held_for_review_keeps_the_live_version(belga):
    ingest(ninjs(), transport="cli")
    belga.auto_publish = False
    belga.save()
    ingest(second_version(), transport="cli")
    article = the_article()
    assert article.live and article.title == "Premier titre"
    assert article.get_latest_revision().content["title"] == "Titre mis à jour"


def test_flash_badge_on_the_article_and_in_lists(belga, client):
    ingest(ninjs(urgency=1), transport="cli")
    article = the_article()
    badge = '<strong class="flash"'
    assert badge in client.get(article.url).content.decode()
    assert badge in client.get(article.get_parent().url).content.decode()


def test_ordinary_urgency_has_no_badge(belga, client):
    ingest(ninjs(urgency=4), transport="cli")
    assert 'class="flash"' not in client.get(the_article().url).content.decode()
