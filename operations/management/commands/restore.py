from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from operations.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup`: replaces the database's content and puts the media "
        "files back. Stop the web and worker processes first."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder (var/backups/citisense-…).")
        parser.add_argument("--database", default="default", help="Database alias.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, folder, database, interactive, **options):
        name = connections[database].settings_dict["NAME"]
        if interactive:
            answer = input(
                f"This replaces everything in the database “{name}” and writes the files into "
                f"{settings.MEDIA_ROOT} and {settings.PRIVATE_MEDIA_ROOT}.\n"
                "Type “yes” to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            backup = restore_backup(source=Path(folder), using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {backup.folder} into “{name}”."))
