"""Publish scheduled pages every minute (Wagtail's publish_scheduled)."""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

log = logging.getLogger("manchette.clock")


class Command(BaseCommand):
    help = "Run scheduled publishing every --interval seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60)
        parser.add_argument("--once", action="store_true", help="Run one round (for cron).")

    def handle(self, interval, once, **options):
        while True:
            try:
                call_command("publish_scheduled", verbosity=0)
            except Exception:  # one failing round must not stop the clock
                log.exception("scheduled publishing failed; retrying in %s s", interval)
            if once:
                return
            # A long-lived loop must not keep a broken or stale connection.
            close_old_connections()
            time.sleep(interval)
