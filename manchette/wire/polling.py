"""Polling each wire source's feed: conditional GET, and patience with a failing server.

A wire source with a feed address is polled every ``poll_minutes``. The
ETag and Last-Modified of the last answer go back to the server, so an
unchanged feed costs a 304 and nothing else. A failure (refused address, no
connection, timeout, error status, oversized answer) is written on the wire source and the next poll
waits twice as long each time, up to MANCHETTE_WIRE_POLL_MAX_BACKOFF.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from manchette.core.conf import setting
from manchette.core.fetch import FetchFailed, fetch

from .ingest import ingest
from .models import Receipt, WireSource


def fetch_dispatch(url, etag="", last_modified=""):
    """What url answers, within the wire's size cap and poll timeout (see core.fetch)."""
    return fetch(
        url,
        max_bytes=setting("MANCHETTE_WIRE_MAX_BYTES"),
        timeout=setting("MANCHETTE_WIRE_POLL_TIMEOUT"),
        etag=etag,
        last_modified=last_modified,
    )


def due(now=None):
    now = now or timezone.now()
    return (
        WireSource.objects.filter(active=True)
        .exclude(feed_url="")
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
    )


def backoff(wire_source):
    """Seconds until the next poll: the interval, doubled for each failure in a row."""
    interval = max(wire_source.poll_minutes, 1) * 60
    return min(interval * 2**wire_source.poll_failures, setting("MANCHETTE_WIRE_POLL_MAX_BACKOFF"))


def poll(wire_source):
    """Poll one feed; the receipt of what it sent, or None (unchanged, or failed)."""
    try:
        fetched = fetch_dispatch(
            wire_source.feed_url, wire_source.feed_etag, wire_source.feed_last_modified
        )
    except FetchFailed as error:
        wire_source.poll_failures += 1
        wire_source.last_poll_error = str(error)
        _schedule(wire_source)
        return None
    wire_source.poll_failures = 0
    wire_source.last_poll_error = ""
    wire_source.feed_etag, wire_source.feed_last_modified = fetched.etag, fetched.last_modified
    _schedule(wire_source)
    if fetched.not_modified:
        return None
    return ingest(
        fetched.body,
        transport=Receipt.Transport.FEED,
        origin=wire_source.feed_url,
        wire_source=wire_source,
    )


def _schedule(wire_source):
    wire_source.next_poll_at = timezone.now() + timedelta(seconds=backoff(wire_source))
    WireSource.objects.filter(pk=wire_source.pk).update(
        poll_failures=wire_source.poll_failures,
        last_poll_error=wire_source.last_poll_error,
        feed_etag=wire_source.feed_etag,
        feed_last_modified=wire_source.feed_last_modified,
        next_poll_at=wire_source.next_poll_at,
    )


def poll_due():
    return [poll(wire_source) for wire_source in due()]
