"""manchette watch_wire: the wire's worker loop, beside the server.

Every MANCHETTE_WIRE_WATCH_INTERVAL seconds: ingest the drop folder, poll
the feeds that are due, and process receipts whose task never ran (a
worker killed mid-batch leaves them "received"; nothing acknowledged is
lost). A failing round is logged and the loop goes on.
"""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from manchette.core.conf import setting
from manchette.wire import dropfolder, polling
from manchette.wire.ingest import process_waiting

log = logging.getLogger("manchette.wire")


class Command(BaseCommand):
    help = "Watch the drop folder, poll feeds and recover unprocessed receipts, until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run one round and stop (cron).")
        parser.add_argument(
            "--recover-after",
            type=float,
            default=None,
            help="Seconds a receipt may wait for its task before the watcher processes it.",
        )

    def handle(self, once, recover_after, **options):
        interval = setting("MANCHETTE_WIRE_WATCH_INTERVAL")
        if recover_after is None:
            recover_after = setting("MANCHETTE_WIRE_RECOVER_AFTER")
        while True:
            for name, step in (
                ("drop folder", dropfolder.scan),
                ("feed polling", polling.poll_due),
                ("recovery", lambda: process_waiting(older_than_seconds=recover_after)),
            ):
                try:
                    step()
                except Exception:  # one failing step must not stop the watcher
                    log.exception("wire watcher: %s failed; retrying next round", name)
            if once:
                return
            # A connection broken by a failed round, or too old, is replaced for the next one.
            close_old_connections()
            time.sleep(interval)
