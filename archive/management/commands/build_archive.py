from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive import builder
from archive.publish import PagefindFailed


class Command(BaseCommand):
    help = (
        "Write a closed network's whole public site, in every language, as static files at the "
        "same addresses, with offline search (Pagefind), manifest.json and nginx.conf."
    )

    def add_arguments(self, parser):
        parser.add_argument("--network", help="the network's slug (default: the current one)")
        parser.add_argument("--output", required=True, help="a new or empty folder")
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            help="only this language (repeatable; default: every language of the site)",
        )
        parser.add_argument("--tarball", action="store_true", help="also write DIR.tar.gz")

    def handle(self, *args, **options):
        try:
            network = builder.network_named(options["network"])
            languages = builder.check_languages(options["languages"])
            built = builder.build(
                network=network,
                output=Path(options["output"]),
                languages=languages,
                tarball=options["tarball"],
            )
        except builder.ArchiveRefused as refusal:
            raise CommandError(str(refusal)) from None
        except PagefindFailed as failure:
            raise CommandError(f"Pagefind failed; nothing was written.\n{failure}") from None
        for path, status in built.failures:
            self.stderr.write(f"{status} {path}")
        self.stdout.write(
            f"{built.folder}: {built.pages} pages, {built.files} files"
            + (f"; {built.tarball}" if built.tarball else "")
        )
