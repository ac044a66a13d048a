import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bench.data import build
from bench.data_more import host_of
from bench.pages import PAGES, address, resolvable, samples
from bench.profiling import default_host
from caching.versioning import bump_content_version


def count_queries(path: str, host: str, user=None) -> int:
    """SQL queries of one request for ``path`` on ``host``, nothing cached, after a first
    request has filled the per-process caches."""
    client = Client(HTTP_HOST=host, HTTP_X_FORWARDED_PROTO="https")
    if user is not None:
        client.force_login(user)
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get(path, secure=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, secure=True)
    if response.status_code != 200:
        raise CommandError(f"{path} on {host} answered {response.status_code}")
    return len(queries)


class Command(BaseCommand):
    help = (
        "Fill the database with benchmark data (a multiple of one network's size) and write the "
        "pages to measure, with signed-in session cookies, as JSON. For benchmark databases only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=20, help="How many networks' worth.")
        parser.add_argument("--tag", default="a", help="Prefix of the slugs this run writes.")
        parser.add_argument(
            "--network",
            default="",
            help="Slug of a further network to fill (made with its own host name); "
            "default: the deployment's default network.",
        )
        parser.add_argument(
            "--measure-network",
            action="append",
            default=[],
            help="Also measure the pages of this network (slug), on its host name.",
        )
        parser.add_argument(
            "--targets-only",
            action="store_true",
            help="Write no data; only list the pages and make fresh sessions.",
        )
        parser.add_argument(
            "--no-pages", action="store_true", help="Only build: list no pages, write no JSON."
        )
        parser.add_argument("--output", type=Path, help="Where to write the JSON (else stdout).")

    def handle(self, *args, **options):
        report: dict = {}
        if not options["targets_only"]:
            if connection.vendor != "postgresql":
                raise CommandError("The benchmark runs on PostgreSQL only.")
            started = time.monotonic()
            report["built"] = build(
                scale=options["scale"], tag=options["tag"], network=options["network"]
            )
            with connection.cursor() as cursor:
                # Fresh planner statistics and visibility maps, as a long-running database has.
                cursor.execute("VACUUM ANALYZE")
            report["build_seconds"] = round(time.monotonic() - started, 1)
            self.stderr.write(f"Built {report['built']} in {report['build_seconds']} s.")
        bump_content_version()
        if options["no_pages"]:
            return

        networks = [("", default_host())] + [
            (slug, host_of(slug)) for slug in options["measure_network"]
        ]
        pages, missing, sessions = [], [], {}
        for number, (slug, host) in enumerate(networks):
            found = samples(host=host if slug else "")
            suffix = f" @{number + 1}" if number else ""
            for person in ("coordinator", "lead"):
                if found[person] is None:
                    continue
                client = Client()
                client.force_login(found[person])
                cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
                sessions[person + suffix] = f"{settings.SESSION_COOKIE_NAME}={cookie}"
            for page in PAGES:
                if number and page.kind == "floor":
                    continue  # the framework's floor is the same on every host
                if not resolvable(page, found):
                    missing.append(page.name + suffix)
                    continue
                path = address(page, found)
                user = found[page.person] if page.person else None
                pages.append(
                    {
                        "name": page.name + suffix,
                        "page": page.name,
                        "network": found["network"].slug,
                        "host": host if slug else "",
                        "kind": page.kind,
                        "path": path,
                        "cookie": sessions[page.person + suffix] if page.person else "",
                        "queries": count_queries(path, host, user),
                    }
                )
        report["sessions"] = sessions
        report["pages"] = pages
        report["missing_pages"] = missing
        text = json.dumps(report, ensure_ascii=False, indent=2)
        if options["output"]:
            options["output"].parent.mkdir(parents=True, exist_ok=True)
            options["output"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text)
