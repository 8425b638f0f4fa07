"""Restore a backup made by ``manchette backup`` (see manchette.core.backup)."""

from django.core.management.base import BaseCommand, CommandError

from manchette.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Check a backup's manifest, then restore its database and files into this site."
    # The system checks open the database, which may not exist yet on a new machine.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="A folder made by manchette backup.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite a database that already has tables (stop the server first).",
        )

    def handle(self, folder, replace, **options):
        try:
            manifest = restore(folder, replace=replace)
        except (BackupError, OSError) as error:
            raise CommandError(error) from error
        self.stdout.write(
            f"restored the backup of {manifest['created']} from {folder}: "
            f"{len(manifest['files'])} files checked and restored"
        )
