"""Serve the site with granian, the production WSGI server, and its helpers.

Next to the server run two processes so that a one-box install needs
nothing else: the clock (scheduled publishing every minute) and the task
worker (Django tasks from the database queue: search indexing, and the
background work of the other apps).
"""

import os
import subprocess
import sys

from django.core.management.base import BaseCommand
from granian import Granian
from granian.constants import Interfaces

BACKGROUND = {
    "clock": ["clock"],
    "worker": ["db_worker", "--queue-name", "*", "--no-reload"],
}


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

    def handle(self, host, port, workers, no_clock, no_worker, **options):
        wanted = [name for name, off in (("clock", no_clock), ("worker", no_worker)) if not off]
        helpers = [
            subprocess.Popen([sys.executable, "-m", "manchette.cli", *BACKGROUND[name]])
            for name in wanted
        ]
        self.stdout.write(f"manchette on http://{host}:{port}/ ({workers} workers)")
        try:
            Granian(
                "manchette.wsgi:application",
                address=host,
                port=port,
                interface=Interfaces.WSGI,
                workers=workers,
                log_access=False,
            ).serve()
        finally:
            for helper in helpers:
                helper.terminate()
            for helper in helpers:
                helper.wait(timeout=10)
