"""Write every comment to a JSON file that ``import_comments --format json`` reads back."""

import sys

from django.core.management.base import BaseCommand

from manchette.comments import exporters


class Command(BaseCommand):
    help = "Export all comments as JSON (to standard output unless --output is given)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="File to write; standard output by default.")

    def handle(self, *args, output=None, **options):
        if output is None:
            exporters.write(sys.stdout)
            return
        with open(output, "w", encoding="utf-8") as stream:
            exporters.write(stream)
        self.stderr.write(f"Comments written to {output}.")
