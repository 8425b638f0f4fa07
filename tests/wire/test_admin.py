"""The wire desk in the admin: wire sources, the ingest log, a retry from the quarantine."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from manchette.newsroom.models import ArticlePage
from manchette.wire.ingest import ingest
from manchette.wire.models import Receipt, WireSource
from tests import factory

from .builders import ninjs, sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(user)
    return client


def test_ingest_log_lists_outcomes_and_reasons(editor, belga):
    ingest(ninjs(), transport="cli")
    ingest(sample("bad-no-headline.xml"), transport="cli")
    html = editor.get("/admin/wire/log/").content.decode()
    assert "Premier titre" in html and "published" in html
    # Reasons in the admin's language: French here, the site's.
    assert "n'a pas de titre" in html.replace("&#x27;", "'") and "quarantined" in html


def test_receipts_list_filters_quarantined(editor, belga):
    ingest(ninjs(), transport="cli", origin="good.json")
    ingest(sample("bad-malformed.xml"), transport="cli", origin="bad.xml")
    html = editor.get("/admin/wire/receipts/?status=quarantined").content.decode()
    assert "bad.xml" in html and "good.json" not in html


def test_quarantined_receipt_shows_its_reason_and_a_retry(editor, belga):
    receipt = ingest(sample("bad-malformed.xml"), transport="cli")
    html = editor.get(f"/admin/wire/receipts/inspect/{receipt.pk}/").content.decode()
    assert "XML mal formé" in html and f'action="/admin/wire/receipts/retry/{receipt.pk}/"' in html


def test_retry_after_a_fix(editor):
    factory.section("Monde")
    receipt = ingest(ninjs(), transport="cli")
    assert receipt.status == Receipt.Status.QUARANTINED
    WireSource.objects.create(
        name="Belga", slug="belga", source=factory.source(), default_section=factory.section()
    )
    response = editor.post(f"/admin/wire/receipts/retry/{receipt.pk}/")
    assert response.status_code == 302
    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.PROCESSED
    assert ArticlePage.objects.get().live


def test_retry_needs_post(editor, belga):
    receipt = ingest(sample("bad-malformed.xml"), transport="cli")
    assert editor.get(f"/admin/wire/receipts/retry/{receipt.pk}/").status_code == 405


def test_retry_needs_permission(client, belga):
    receipt = ingest(sample("bad-malformed.xml"), transport="cli")
    reader = get_user_model().objects.create_user("lecteur", password="pw")
    reader.groups.add(Group.objects.get(name="Editors"))
    client.force_login(reader)
    client.post(f"/admin/wire/receipts/retry/{receipt.pk}/")
    receipt.refresh_from_db()
    assert receipt.attempts == 1


def test_received_data_cannot_be_edited(editor, belga):
    receipt = ingest(ninjs(), transport="cli")
    assert editor.get(f"/admin/wire/receipts/edit/{receipt.pk}/").status_code == 404
    assert editor.get("/admin/wire/receipts/new/").status_code == 404


def test_wire_source_form_has_routing_rules(editor, belga):
    html = editor.get(f"/admin/wire/sources/edit/{belga.pk}/").content.decode()
    assert 'name="routes-TOTAL_FORMS"' in html and 'name="push_token"' in html
