"""Load the demo newsroom: sections, sources, dispatches, covers, an admin."""

from django.core.management.base import BaseCommand

from manchette.newsroom.demo import load_demo


class Command(BaseCommand):
    help = "Create the demo site (idempotent: running it again changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Address the demo site is served on (for canonical URLs and feeds).",
        )

    def handle(self, base_url, **options):
        report = load_demo(base_url)
        self.stdout.write(
            f"demo: {report['created']} articles created, {report['existing']} already there; "
            f"admin login: {report['admin']}"
        )
