"""Every minute: scheduled publishing and expiry, and the tasks a killed worker left.

Each node's ``manchette serve`` runs a clock; every step takes a lock or
claims its row, so that what is due is done once whatever the number of
clocks (``manchette.core.scheduling``, ``manchette.core.recovery``,
``manchette.listen.tasks``).
"""

import logging

from django.core.management.base import BaseCommand

from manchette.core.recovery import requeue_stale_tasks
from manchette.core.rounds import run_rounds
from manchette.core.scheduling import publish_due, unpublish_expired
from manchette.listen.tasks import requeue_stalled

log = logging.getLogger("manchette.clock")


class Command(BaseCommand):
    help = "Run scheduled publishing every --interval seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60)
        parser.add_argument("--once", action="store_true", help="Run one round (for cron).")

    def handle(self, interval, once, **options):
        steps = [
            ("scheduled expiry", unpublish_expired),
            ("scheduled publishing", publish_due),
            ("task recovery", requeue_stale_tasks),
            ("audio recovery", requeue_stalled),
        ]
        run_rounds(steps, interval, once, log)
