"""Receive first, process after: the path of every dispatch, whatever its transport.

``receive`` stores the raw bytes as a ``Receipt`` and returns once it is
committed: from then on the dispatch cannot be lost. ``process`` reads it
(parsers), finds its wire and section (routing) and upserts the article
(upsert) or a live page's update (live_routes), all in one transaction
with the receipt's new status, so a process killed half-way leaves the
receipt "received" and nothing half done: the next worker, or the
watcher's recovery round, does it again. A receipt is processed once even
when two workers reach it together: the second finds it no longer
"received".

Nothing a dispatch contains can stop the loop: a story that cannot be
read, routed or saved goes to the quarantine with its reason, and the
next one is processed.
"""

import hashlib
import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from manchette.core.conf import setting

from .dispatch import DispatchRejected
from .live_routes import deliver
from .models import DispatchEntry, Receipt
from .parsers import parse
from .reasons import Reason
from .routing import wire_source_for

log = logging.getLogger("manchette.wire")
Outcome = DispatchEntry.Outcome
ORIGIN_LENGTH = Receipt._meta.get_field("origin").max_length
CONTENT_TYPE_LENGTH = Receipt._meta.get_field("content_type").max_length
VERSION_LENGTH = DispatchEntry._meta.get_field("version").max_length


def receive(raw, *, transport, origin="", wire_source=None, content_type=""):
    """Keep the bytes. Call outside a transaction to be sure they are committed on return."""
    return Receipt.objects.create(
        raw=raw,
        size=len(raw),
        digest=hashlib.sha256(raw).hexdigest(),
        transport=transport,
        origin=origin[:ORIGIN_LENGTH],
        wire_source=wire_source,
        content_type=content_type[:CONTENT_TYPE_LENGTH],
    )


def refuse(reason, *, transport, origin="", wire_source=None, size=0):
    """Log an arrival whose bytes could not be had or kept: quarantined at once, with why."""
    receipt = Receipt(
        raw=b"",
        size=size,
        transport=transport,
        origin=origin[:ORIGIN_LENGTH],
        wire_source=wire_source,
        status=Receipt.Status.QUARANTINED,
        processed_at=timezone.now(),
    )
    receipt.set_reason(reason)
    receipt.save()
    return receipt


def refuse_oversized(size, **arrival):
    """Log an arrival too big to keep: quarantined at once, without its bytes."""
    reason = Reason(
        gettext_noop(
            "The file is %(size)s bytes, over the limit of %(limit)s "
            "(MANCHETTE_WIRE_MAX_BYTES); it was not kept."
        ),
        size=size,
        limit=setting("MANCHETTE_WIRE_MAX_BYTES"),
    )
    return refuse(reason, size=size, **arrival)


def ingest(raw, **arrival):
    """Receive and process at once (command line, drop folder, feed polling)."""
    return process(receive(raw, **arrival).pk)


def read_receipt(receipt):
    """The stories in a receipt's bytes, and the reason if none could be read."""
    try:
        return parse(bytes(receipt.raw)), None
    except DispatchRejected as error:
        return [], error.reason
    except Exception as error:  # a parser bug must not stop the loop: quarantine, and say so
        log.exception("Receipt %s: the parser failed", receipt.pk)
        return [], Reason(
            gettext_noop("Internal error while reading the dispatch (%(error)s); it was logged."),
            error=repr(error),
        )


def process(receipt_id):
    """Process a received receipt; returns it, or None if another worker had it already."""
    receipt = Receipt.objects.filter(pk=receipt_id, status=Receipt.Status.RECEIVED).first()
    if receipt is None:
        return None
    # Parsing needs no lock: only writing does.
    stories, failure = read_receipt(receipt)
    with transaction.atomic():
        claimed = (
            Receipt.objects.select_for_update(of=("self",))
            .select_related("wire_source__source")
            .filter(pk=receipt_id, status=Receipt.Status.RECEIVED)
            .first()
        )
        if claimed is None:
            return None
        entries = [record(story, claimed) for story in stories]
        quarantined = [entry.reason for entry in entries if entry.outcome == Outcome.QUARANTINED]
        claimed.status = (
            Receipt.Status.QUARANTINED if failure or quarantined else Receipt.Status.PROCESSED
        )
        # The stories' reasons are in their entries; the English text here is for search.
        claimed.set_reason(failure)
        claimed.reason = claimed.reason or "\n".join(quarantined)
        claimed.processed_at = timezone.now()
        claimed.attempts += 1
        claimed.save(
            update_fields=["status", "reason", "reason_message", "processed_at", "attempts"]
        )
    return claimed


def record(story, receipt):
    """Apply one story and write its line of the ingest log."""
    entry = DispatchEntry(receipt=receipt, wire_source=receipt.wire_source)
    if isinstance(story, DispatchRejected):
        entry.outcome = Outcome.QUARANTINED
        entry.set_reason(story.reason)
        entry.save()
        return entry
    entry.guid, entry.version = story.guid, story.version[:VERSION_LENGTH]
    entry.format, entry.headline = story.format, story.headline
    entry.fingerprint = story.fingerprint
    try:
        with transaction.atomic():
            entry.wire_source = wire_source_for(story, receipt.wire_source)
            result = deliver(story, entry.wire_source)
    except DispatchRejected as error:
        entry.outcome = Outcome.QUARANTINED
        entry.set_reason(error.reason)
    except Exception as error:  # one broken story must not stop the others
        log.exception("Receipt %s: dispatch %s failed", receipt.pk, story.guid)
        entry.outcome = Outcome.QUARANTINED
        entry.set_reason(
            Reason(
                gettext_noop(
                    "Internal error while saving the dispatch (%(error)s); it was logged."
                ),
                error=repr(error),
            )
        )
    else:
        entry.outcome, entry.article = result.outcome, result.article
        entry.live_page = result.live_page
        entry.set_reason(result.reason)
    entry.save()
    return entry


def retry(receipt):
    """Process a quarantined receipt again, after its wire or the file was fixed."""
    updated = Receipt.objects.filter(pk=receipt.pk, status=Receipt.Status.QUARANTINED).update(
        status=Receipt.Status.RECEIVED, reason="", reason_message=None
    )
    return process(receipt.pk) if updated else None


def process_waiting(older_than_seconds=0, limit=None):
    """Process receipts still waiting: their task was lost (a killed worker) or never queued."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    waiting = Receipt.objects.filter(status=Receipt.Status.RECEIVED, received_at__lte=cutoff)
    done = 0
    for receipt_id in waiting.order_by("pk").values_list("pk", flat=True)[:limit]:
        if process(receipt_id) is not None:
            done += 1
    return done
