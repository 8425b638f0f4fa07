"""Back up the database, images, documents and audio into a folder (see manchette.core.backup)."""

from django.core.management.base import BaseCommand, CommandError

from manchette.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the site (database, media, audio, a manifest with checksums) into DIR."

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="A new or empty folder.")

    def handle(self, folder, **options):
        try:
            manifest = backup(folder)
        except (BackupError, OSError) as error:
            raise CommandError(error) from error
        size = sum(entry["size"] for entry in manifest["files"].values())
        self.stdout.write(
            f"backup of the {manifest['engine']} site in {folder}: "
            f"{len(manifest['files'])} files, {size / 1e6:.1f} MB"
        )
