"""Publish scheduled pages every minute (Wagtail's publish_scheduled)."""

import logging

from django.core.management import call_command
from django.core.management.base import BaseCommand

from manchette.core.rounds import run_rounds

log = logging.getLogger("manchette.clock")


class Command(BaseCommand):
    help = "Run scheduled publishing every --interval seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60)
        parser.add_argument("--once", action="store_true", help="Run one round (for cron).")

    def handle(self, interval, once, **options):
        publish = ("scheduled publishing", lambda: call_command("publish_scheduled", verbosity=0))
        run_rounds([publish], interval, once, log)
