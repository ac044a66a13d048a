import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from bench.data import build
from bench.pages import PAGES, address, resolvable, samples
from caching.versioning import bump_content_version


class Command(BaseCommand):
    help = (
        "Fill the database with benchmark data (a multiple of one network's size) and write the "
        "pages to measure, with signed-in session cookies, as JSON. For benchmark databases only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=20, help="How many networks' worth.")
        parser.add_argument("--tag", default="a", help="Prefix of the slugs this run writes.")
        parser.add_argument(
            "--targets-only",
            action="store_true",
            help="Write no data; only list the pages and make fresh sessions.",
        )
        parser.add_argument("--output", type=Path, help="Where to write the JSON (else stdout).")

    def handle(self, *args, **options):
        report: dict = {}
        if not options["targets_only"]:
            if connection.vendor != "postgresql":
                raise CommandError("The benchmark runs on PostgreSQL only.")
            started = time.monotonic()
            report["built"] = build(scale=options["scale"], tag=options["tag"])
            with connection.cursor() as cursor:
                # Fresh planner statistics and visibility maps, as a long-running database has.
                cursor.execute("VACUUM ANALYZE")
            report["build_seconds"] = round(time.monotonic() - started, 1)
            self.stderr.write(f"Built {report['built']} in {report['build_seconds']} s.")
        bump_content_version()

        found = samples()
        sessions = {}
        for person in ("coordinator", "lead"):
            if found[person] is None:
                continue
            client = Client()
            client.force_login(found[person])
            sessions[person] = client.cookies[settings.SESSION_COOKIE_NAME].value
        pages, missing = [], []
        for page in PAGES:
            if not resolvable(page, found):
                missing.append(page.name)
                continue
            pages.append(
                {
                    "name": page.name,
                    "kind": page.kind,
                    "path": address(page, found),
                    "cookie": f"{settings.SESSION_COOKIE_NAME}={sessions[page.person]}"
                    if page.person
                    else "",
                }
            )
        report["sessions"] = {
            person: f"{settings.SESSION_COOKIE_NAME}={key}" for person, key in sessions.items()
        }
        report["pages"] = pages
        report["missing_pages"] = missing
        text = json.dumps(report, ensure_ascii=False, indent=2)
        if options["output"]:
            options["output"].parent.mkdir(parents=True, exist_ok=True)
            options["output"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text)
