"""``manchette search_index``: rebuild the reader's search index from the published articles."""

from django.core.management.base import BaseCommand

from manchette.search.index import rebuild


class Command(BaseCommand):
    help = "Index every published article for the reader's search (drops unpublished ones)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="Only index articles that have no entry yet."
        )

    def handle(self, *args, missing=False, **options):
        done = rebuild(missing_only=missing)
        self.stdout.write(f"search index: {done} articles indexed")
