"""Serve the site with granian, the production WSGI server, and its clock.

The clock is a second process that publishes scheduled pages (and, later,
runs background tasks) so that a one-box install needs nothing else.
"""

import os
import subprocess
import sys

from django.core.management.base import BaseCommand
from granian import Granian
from granian.constants import Interfaces


class Command(BaseCommand):
    help = "Serve manchette on HOST:PORT with granian (WSGI), plus the scheduling clock."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 1, help="Server processes."
        )
        parser.add_argument(
            "--no-clock", action="store_true", help="Do not start the scheduling clock."
        )

    def handle(self, host, port, workers, no_clock, **options):
        clock = None
        if not no_clock:
            clock = subprocess.Popen([sys.executable, "-m", "manchette.cli", "clock"])  # noqa: S603
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
            if clock is not None:
                clock.terminate()
                clock.wait(timeout=10)
