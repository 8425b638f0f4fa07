"""Import the comments of another system (Isso, Disqus, WordPress) or of a manchette export."""

from django.core.management.base import BaseCommand, CommandError

from manchette.comments import importers
from manchette.comments.importers import ImportFileError, load

# The name each format's comments keep as ``Comment.imported_from``.
SYSTEMS = {"isso": "isso", "disqus": "disqus", "wordpress": "wordpress", "json": "manchette"}


class Command(BaseCommand):
    help = (
        "Import comments, matched to articles by address. Running it again with the same "
        "file adds nothing. Comments that match no article are listed, not imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The Isso database, or the Disqus, WXR or JSON export.")
        parser.add_argument("--format", required=True, choices=sorted(SYSTEMS))

    def handle(self, *args, path, format, **options):
        try:
            rows = importers.parse(format, path)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        report = load.save(rows, system=SYSTEMS[format])
        self.stdout.write(report.summary())
