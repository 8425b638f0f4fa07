"""Serve the site with granian, the production WSGI server, and its helpers.

Next to the server run helper processes so that a one-box install needs
nothing else: the clock (scheduled publishing every minute), the task
worker (Django tasks from the database queue: search indexing, and the
background work of the other apps), the audio worker (the ``audio`` queue
alone, so that a long reading holds up nothing else) and the wire watcher.
How they survive each other's deaths: ``manchette.core.serving``.
"""

import os

from django.core.management.base import BaseCommand
from granian import Granian
from granian.constants import HTTPModes, Interfaces

from manchette.core.serving import Helpers

BACKGROUND = {
    "clock": ["clock"],
    "worker": ["db_worker", "--queue-name", "*", "--exclude-queues", "audio", "--no-reload"],
    # Audio on its own: a long reading never holds up ingest or search indexing.
    "audio": ["db_worker", "--queue-name", "audio", "--no-reload"],
    # The wire's drop folder, feed polling and recovery of receipts a killed worker left.
    "wire": ["watch_wire"],
}
# Helpers whose work no reader waits for yield the CPU: on a busy machine the
# server processes, the clock and the wire watcher go first (Linux niceness).
LOWER_PRIORITY = {"worker": 10, "audio": 10}


class Command(BaseCommand):
    help = "Serve manchette on HOST:PORT with granian (WSGI), plus the clock and task worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 1, help="Server processes."
        )
        parser.add_argument(
            "--no-clock", action="store_true", help="Do not start the scheduling clock."
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start the background task worker."
        )
        parser.add_argument(
            "--stop-timeout",
            type=int,
            default=120,
            help="On SIGTERM, seconds to wait for the task workers' running tasks.",
        )

    def handle(self, host, port, workers, no_clock, no_worker, stop_timeout, **options):
        helpers_off = (
            ("clock", no_clock),
            ("worker", no_worker),
            ("audio", no_worker),
            ("wire", no_worker),
        )
        wanted = {name: BACKGROUND[name] for name, off in helpers_off if not off}
        self.stdout.write(f"manchette on http://{host}:{port}/ ({workers} workers)")
        with Helpers(wanted, stop_timeout, LOWER_PRIORITY):
            Granian(
                "manchette.wsgi:application",
                address=host,
                port=port,
                interface=Interfaces.WSGI,
                # Readers arrive over HTTP/1.1 (TLS and HTTP/2 end at the proxy).
                http=HTTPModes.http1,
                workers=workers,
                # Granian's default for WSGI is hundreds of Python threads per worker,
                # which fight over the GIL: a page cache hit is a few microseconds of
                # Python, and two threads (one to render a miss while the other
                # answers hits) served ~1.6x the requests at a lower p99 (make bench).
                blocking_threads=2,
                log_access=False,
                # A worker that dies is replaced; the site keeps answering on the others.
                respawn_failed_workers=True,
            ).serve()
