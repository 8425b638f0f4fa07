"""The drop folder, feed polling with conditional GET and back-off, ingest by URL."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from manchette.newsroom.models import ArticlePage
from manchette.wire import dropfolder, polling
from manchette.wire.models import Receipt

from .builders import ninjs, sample

pytestmark = pytest.mark.django_db


def test_drop_folder_moves_files_by_outcome(tmp_path, belga):
    (tmp_path / "good.json").write_bytes(ninjs())
    (tmp_path / "bad.xml").write_bytes(sample("bad-malformed.xml"))
    (tmp_path / ".uploading.json").write_bytes(ninjs(guid="urn:later"))
    (tmp_path / "half.json.part").write_bytes(b"{")
    receipts = dropfolder.scan(tmp_path)
    assert len(receipts) == 2
    assert [p.name.endswith("good.json") for p in (tmp_path / "processed").iterdir()] == [True]
    assert [p.name.endswith("bad.xml") for p in (tmp_path / "quarantine").iterdir()] == [True]
    assert (tmp_path / ".uploading.json").exists() and (tmp_path / "half.json.part").exists()
    assert ArticlePage.objects.count() == 1


def test_watcher_round_ingests_the_drop_folder(tmp_path, belga, settings):
    settings.MANCHETTE_WIRE_DROP_DIR = str(tmp_path)
    (tmp_path / "depeche.xml").write_bytes(sample("newsml12-belga.xml"))
    call_command("watch_wire", "--once")
    assert ArticlePage.objects.get().external_guid == "urn:newsml:belga.be:20240916:TRAM0815"
    assert not (tmp_path / "depeche.xml").exists()


def test_watcher_recovers_receipts_whose_task_was_lost(belga):
    receipt = Receipt.objects.create(raw=ninjs(), size=1, transport="push", wire_source=belga)
    call_command("watch_wire", "--once", "--recover-after", "0")
    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.PROCESSED
    assert ArticlePage.objects.get().live


@pytest.fixture
def polled(belga, agency_server):
    belga.feed_url = agency_server.url()
    belga.save()
    return belga


def test_feed_poll_then_conditional_get(polled, agency_server):
    agency_server.answer = (200, {"ETag": '"v1"', "Last-Modified": "Mon, 02 Sep 2024 07:30:00 GMT"},
                            sample("rss.xml"))  # fmt: skip
    receipt = polling.poll(polled)
    assert receipt.transport == Receipt.Transport.FEED and ArticlePage.objects.count() == 2
    agency_server.answer = (304, {}, b"")
    assert polling.poll(polled) is None
    assert agency_server.requests[-1]["If-None-Match"] == '"v1"'
    assert agency_server.requests[-1]["If-Modified-Since"] == "Mon, 02 Sep 2024 07:30:00 GMT"
    assert Receipt.objects.count() == 1


def test_feed_not_due_is_not_polled(polled, agency_server):
    polled.next_poll_at = timezone.now() + timedelta(minutes=3)
    polled.save()
    assert polling.poll_due() == []
    assert agency_server.requests == []


def test_feed_errors_back_off(polled, agency_server):
    agency_server.answer = (500, {}, b"oops")
    for failures in (1, 2):
        before = timezone.now()
        assert polling.poll(polled) is None
        polled.refresh_from_db()
        assert polled.poll_failures == failures and "HTTP 500" in polled.last_poll_error
        wait = (polled.next_poll_at - before).total_seconds()
        assert wait == pytest.approx(5 * 60 * 2**failures, abs=5)


def test_back_off_has_a_ceiling(polled, settings):
    settings.MANCHETTE_WIRE_POLL_MAX_BACKOFF = 600
    polled.poll_failures = 10
    assert polling.backoff(polled) == 600


def test_feed_timeout_is_a_failure(polled, agency_server, settings):
    settings.MANCHETTE_WIRE_POLL_TIMEOUT = 0.3
    agency_server.delay = 1
    agency_server.answer = (200, {}, sample("rss.xml"))
    assert polling.poll(polled) is None
    polled.refresh_from_db()
    assert "could not be fetched" in polled.last_poll_error and polled.poll_failures == 1


def test_feed_answer_over_the_limit_is_a_failure(polled, agency_server, settings):
    settings.MANCHETTE_WIRE_MAX_BYTES = 200
    agency_server.answer = (200, {}, sample("rss.xml"))
    assert polling.poll(polled) is None
    polled.refresh_from_db()
    assert "more than 200 bytes" in polled.last_poll_error


def test_a_feed_on_loopback_is_refused_without_reaching_it(polled, agency_server, settings):
    settings.MANCHETTE_FETCH_ALLOWED_HOSTS = []
    assert polling.poll(polled) is None
    polled.refresh_from_db()
    assert polled.last_poll_error == f"{agency_server.url()} could not be fetched."
    assert agency_server.requests == []


def test_ingest_of_a_loopback_url_is_quarantined(belga, agency_server, settings):
    settings.MANCHETTE_FETCH_ALLOWED_HOSTS = []
    agency_server.answer = (200, {}, sample("newsml-g2-nitf.xml"))
    with pytest.raises(CommandError):
        call_command("ingest", agency_server.url("/x"), stdout=io.StringIO(), stderr=io.StringIO())
    assert Receipt.objects.get().reason.endswith("could not be fetched.")
    assert agency_server.requests == [] and ArticlePage.objects.count() == 0


def test_ingest_a_url(belga, agency_server):
    agency_server.answer = (200, {}, sample("newsml-g2-nitf.xml"))
    out = io.StringIO()
    call_command("ingest", agency_server.url("/depeche.xml"), stdout=out)
    assert "1 published" in out.getvalue()


def test_an_address_too_long_to_log_whole_is_cut(belga, agency_server):
    agency_server.answer = (404, {}, b"")
    address = agency_server.url("/" + "depeche" * 100)
    with pytest.raises(CommandError):
        call_command("ingest", address, stdout=io.StringIO(), stderr=io.StringIO())
    receipt = Receipt.objects.get()
    assert receipt.status == Receipt.Status.QUARANTINED
    assert receipt.origin == address[: Receipt._meta.get_field("origin").max_length]
