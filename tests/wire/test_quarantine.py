"""Bad input goes to the quarantine with a reason a person can act on; nothing is lost."""

import pytest

from manchette.newsroom.models import ArticlePage
from manchette.wire.ingest import ingest, retry
from manchette.wire.models import Receipt, WireSource
from tests import factory

from .builders import ninjs, sample

pytestmark = pytest.mark.django_db


def quarantined(raw):
    receipt = ingest(raw, transport="cli", origin="test")
    assert receipt.status == Receipt.Status.QUARANTINED
    assert not ArticlePage.objects.exists()
    # The bytes are kept, for a retry once the cause is fixed.
    assert bytes(receipt.raw) == raw
    return receipt.reason


def test_malformed_xml(belga):
    assert "Malformed XML" in quarantined(sample("bad-malformed.xml"))


def test_malformed_json(belga):
    assert "Malformed JSON" in quarantined(sample("bad-malformed.json"))


def test_schema_violation(belga):
    assert "ninjs 2.x schema violation" in quarantined(sample("bad-schema.json"))


def test_wrong_encoding(belga):
    assert "do not match the declared encoding" in quarantined(sample("bad-encoding.xml"))


def test_mixed_encodings(belga):
    assert "not valid UTF-8" in quarantined(sample("bad-mixed-encoding.json"))


def test_utf8_declared_as_latin1(belga):
    assert "UTF-8 read as Latin-1" in quarantined(sample("bad-mojibake.xml"))


def test_missing_headline(belga):
    assert "has no headline" in quarantined(sample("bad-no-headline.xml"))


def test_lone_surrogate_in_json(belga):
    raw = b'{"uri": "u", "headline": "Titre", "body_text": "\\ud800 texte"}'
    assert "lone surrogate" in quarantined(raw)


def test_entity_bomb(belga):
    assert "entities" in quarantined(sample("bad-entity-bomb.xml"))


def test_external_entity(belga):
    reason = quarantined(sample("bad-external-entity.xml"))
    assert "entities" in reason and "root:" not in reason


def test_unknown_format(belga):
    assert "Unknown format" in quarantined(sample("bad-unknown.xml"))


def test_empty_file(belga):
    assert "empty" in quarantined(b"  \n")


def test_oversized(belga, settings):
    settings.MANCHETTE_WIRE_MAX_BYTES = 100
    assert "over the limit of 100" in quarantined(ninjs())


def test_unknown_provider():
    factory.section("Monde")
    assert "No wire source for the provider “Belga”" in quarantined(ninjs())


def test_no_section(belga):
    belga.default_section = None
    belga.save()
    assert "No section for this dispatch" in quarantined(ninjs())


def test_one_bad_story_does_not_stop_the_others(belga):
    raw = (
        b"["
        + ninjs(guid="urn:a")
        + b", "
        + b'{"uri": "urn:b"}'
        + b", "
        + ninjs(guid="urn:c")
        + b"]"
    )
    receipt = ingest(raw, transport="cli")
    assert receipt.status == Receipt.Status.QUARANTINED
    assert ArticlePage.objects.count() == 2
    assert "Story 2" in receipt.reason and "no headline" in receipt.reason


def test_retry_after_the_fix_publishes():
    factory.section("Monde")
    receipt = ingest(ninjs(), transport="cli")
    assert receipt.status == Receipt.Status.QUARANTINED
    WireSource.objects.create(
        name="Belga", slug="belga", source=factory.source("Belga"),
        default_section=factory.section("Monde"),
    )  # fmt: skip
    retried = retry(receipt)
    assert retried.status == Receipt.Status.PROCESSED
    assert ArticlePage.objects.get().live


def test_retry_only_applies_to_quarantined_receipts(belga):
    receipt = ingest(ninjs(), transport="cli")
    assert retry(receipt) is None
    assert ArticlePage.objects.count() == 1


def test_time_that_is_not_iso_8601(belga):
    reason = quarantined(ninjs(versioncreated="le 16 septembre à 22h25"))
    assert "version time “le 16 septembre à 22h25” is not a real date and time" in reason


def test_date_that_does_not_exist(belga):
    reason = quarantined(ninjs(firstcreated="2015-02-30T10:00:00+01:00"))
    assert "first-created time “2015-02-30T10:00:00+01:00” is not a real date" in reason
