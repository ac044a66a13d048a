from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the PostgreSQL database and the public and private media files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "var" / "backups"),
            help="Folder that receives the backup folder (default: var/backups).",
        )
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, output, database, **options):
        try:
            backup = create_backup(destination=Path(output), using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {backup.folder}"))
