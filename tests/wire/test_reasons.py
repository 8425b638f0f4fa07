"""Reasons are stored as what translates them and shown in the reader's language."""

import importlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from wagtail.users.models import UserProfile

from manchette.wire.dispatch import DispatchRejected
from manchette.wire.ingest import ingest
from manchette.wire.models import DispatchEntry, Receipt
from manchette.wire.parsers import parse
from manchette.wire.reasons import Reason
from tests import factory

from .builders import SAMPLES, ninjs, sample

pytestmark = pytest.mark.django_db

existing_rows = importlib.import_module("manchette.wire.migrations.0004_reasons_of_existing_rows")


def test_a_reason_is_stored_with_its_message_id_and_parameters(belga):
    receipt = ingest(ninjs(headline=""), transport="cli")
    entry = receipt.dispatches.get()
    assert entry.reason_message == {
        "msgid": "The dispatch %(guid)s has no headline.",
        "params": {"guid": "urn:belga.be:test:0001"},
    }
    assert entry.reason == "The dispatch urn:belga.be:test:0001 has no headline."


def test_it_is_shown_in_the_active_language(belga):
    receipt = ingest(sample("bad-malformed.xml"), transport="cli")
    with translation.override("fr"):
        assert receipt.reason_text().startswith("XML mal formé : ")
    with translation.override("de"):
        assert receipt.reason_text().startswith("Fehlerhaftes XML: ")


def test_a_story_s_reason_inside_a_file_s_is_translated_whole(belga):
    raw = b"[" + ninjs(guid="urn:a") + b', {"uri": "urn:b"}]'
    receipt = ingest(raw, transport="cli")
    with translation.override("nl"):
        assert receipt.quarantine_reasons() == ["Bericht 2: Het bericht urn:b heeft geen kop."]


def test_the_admin_shows_reasons_in_its_language(client, belga):
    ingest(sample("bad-malformed.xml"), transport="cli")
    user = get_user_model().objects.create_superuser("chef", "c@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(user)
    receipt = Receipt.objects.get()
    html = client.get(f"/admin/wire/receipts/inspect/{receipt.pk}/").content.decode()
    assert "XML mal formé" in html and "Malformed XML" not in html


def test_the_command_line_speaks_the_site_s_language(belga, settings):
    assert settings.LANGUAGE_CODE == "fr"
    out, err = io.StringIO(), io.StringIO()
    translation.deactivate()  # as on a terminal: LANGUAGE_CODE applies
    with pytest.raises(CommandError) as refused:
        call_command("ingest", str(SAMPLES / "bad-malformed.xml"), stdout=out, stderr=err)
    line = err.getvalue()
    assert "bad-malformed.xml: en quarantaine — XML mal formé : " in line
    assert "Malformed" not in line and "quarantined" not in line
    assert out.getvalue().strip() == "1 entrée : aucune dépêche"
    assert "1 entrée en quarantaine" in str(refused.value)


def test_numbers_are_grouped_as_the_language_writes_them():
    reason = Reason(
        "The file is %(size)s bytes, over the limit of %(limit)s.", size=5000001, limit=5000000
    )
    assert reason.english() == "The file is 5,000,001 bytes, over the limit of 5,000,000."
    with translation.override("de"):
        assert "5.000.001" in str(reason)


def test_a_row_from_before_keeps_its_english_text(belga):
    receipt = ingest(ninjs(headline=""), transport="cli")
    DispatchEntry.objects.update(reason="Some old reason.", reason_message=None)
    with translation.override("fr"):
        assert receipt.dispatches.get().reason_text() == "Some old reason."


@pytest.mark.parametrize(
    "stored",
    [{"msgid": 5}, {"params": {}}, "text", {"msgid": "Story %(position)s: %(reason)s"}],
)
def test_a_broken_stored_reason_does_not_break_the_page(belga, stored):
    entry = ingest(ninjs(headline=""), transport="cli").dispatches.get()
    entry.reason_message = stored
    entry.save()
    assert isinstance(entry.reason_text(), str)


@pytest.mark.parametrize(
    ("text", "msgid", "params"),
    [
        ("The file is empty.", "The file is empty.", {}),
        (
            "The dispatch urn:x has no headline.",
            "The dispatch %(guid)s has no headline.",
            {"guid": "urn:x"},
        ),
        (
            "Malformed XML: expected '>', line 3",
            "Malformed XML: %(error)s",
            {"error": "expected '>', line 3"},
        ),
        (
            "Version 1 is older than version 2, already ingested.",
            "Version %(old)s is older than version %(new)s, already ingested.",
            {"old": "1", "new": "2"},
        ),
    ],
)
def test_existing_rows_are_made_translatable(text, msgid, params):
    assert existing_rows.message_of(text) == {"msgid": msgid, "params": params}
    with translation.override("fr"):
        assert str(Reason.from_stored(existing_rows.message_of(text))) != text


def test_an_unknown_old_text_is_left_as_it_is():
    assert existing_rows.message_of("Something a library said.") is None


def test_a_newsml_g2_root_in_another_namespace_is_said_to_be_one():
    with pytest.raises(DispatchRejected) as refused:
        parse(
            b'<newsMessage xmlns="urn:example:other">'
            b'<itemSet><newsItem guid="x"/></itemSet></newsMessage>'
        )
    assert "is NewsML-G2's but is in another namespace" in refused.value.reason.english()
    assert "Unknown format" not in str(refused.value)


def test_a_newsml_g2_root_without_its_namespace_is_read_as_newsml_g2():
    # As TT sends it: the shape is NewsML-G2's, so its own checks apply.
    [refused] = parse(b'<newsMessage><itemSet><newsItem guid="x"/></itemSet></newsMessage>')
    assert "lacks its itemMeta" in refused.reason.english()


def test_a_dispatch_without_provider_says_so():
    factory.section("Monde")
    receipt = ingest(ninjs(copyrightholder=""), transport="cli")
    assert "names no provider" in receipt.quarantine_reasons()[0]


def test_outcome_counts_agree_with_their_number(belga):
    raw = b"[" + ninjs(guid="urn:a") + b", " + ninjs(guid="urn:b") + b"]"
    receipt = ingest(raw, transport="cli")
    with translation.override("fr"):
        assert receipt.summary() == "2 publiés"
    with translation.override("en"):
        assert receipt.summary() == "2 published"
