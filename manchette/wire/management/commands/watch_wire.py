"""manchette watch_wire: the wire's worker loop, beside the server.

Every MANCHETTE_WIRE_WATCH_INTERVAL seconds: ingest the drop folder, poll
the feeds that are due, and process receipts whose task never ran (a
worker killed mid-batch leaves them "received"; nothing acknowledged is
lost). A failing round is logged and the loop goes on.
"""

import logging

from django.core.management.base import BaseCommand

from manchette.core.conf import setting
from manchette.core.rounds import run_rounds
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
        steps = [
            ("wire watcher: drop folder", dropfolder.scan),
            ("wire watcher: feed polling", polling.poll_due),
            (
                "wire watcher: recovery",
                lambda: process_waiting(older_than_seconds=recover_after),
            ),
        ]
        run_rounds(steps, interval, once, log)
