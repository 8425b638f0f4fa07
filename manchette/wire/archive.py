"""Archive import: a site's past, thousands of dispatches, each the ordinary way.

Every input goes through ``ingest``, as a file given to ``manchette
ingest`` does: stored as a receipt, parsed, routed, upserted by identity
(a new story becomes a page added to its section, a revision, a
publication with its signals; a known one a new revision or nothing) and
logged. Running the same import twice changes nothing.

What an archive changes is around that path, not in it: inputs are taken
in batches of ``BATCH``, each in one transaction (the database commits once
a batch, not once an input), and the page-cache purges of a batch's
publications are written as one purge when it commits
(``manchette.core.cache.purges_held``). Inputs are read one at a time, so
memory does not grow with the archive. Publishing queues each article's
audio behind every reading of the day's news, or not at all with
``audio=False`` (``manchette.listen.tasks.archive_readings``): thousands of
old articles must not keep new ones silent for hours.
"""

from collections import Counter

from django.db import transaction

from manchette.core.cache import purges_held
from manchette.listen.tasks import archive_readings

from .ingest import ingest
from .models import Receipt

BATCH = 500


class ArchiveImport:
    """One import: ``add`` each input, then ``finish``; ``totals`` and ``quarantined`` report."""

    def __init__(
        self, transport=Receipt.Transport.CLI, wire_source=None, batch_size=BATCH, audio=True
    ):
        self.arrival = {"transport": transport, "wire_source": wire_source}
        self.audio = audio
        self.batch_size = batch_size
        self.pending = []
        self.totals = Counter()
        self.quarantined = []  # (origin, reasons in the active language)

    def add(self, origin, raw):
        self.pending.append((origin, raw))
        if len(self.pending) >= self.batch_size:
            self.flush()

    def finish(self):
        self.flush()
        return self.totals

    def flush(self):
        """Ingest what is pending, in one transaction."""
        items, self.pending = self.pending, []
        with transaction.atomic(), purges_held(), archive_readings(self.audio):
            receipts = [ingest(raw, origin=origin, **self.arrival) for origin, raw in items]
        for receipt in receipts:
            self.totals["inputs"] += 1
            self.totals.update(receipt.dispatches.values_list("outcome", flat=True))
            if receipt.status == Receipt.Status.QUARANTINED:
                self.quarantined.append((receipt.origin, "; ".join(receipt.quarantine_reasons())))
