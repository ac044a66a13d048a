from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench.pages import PAGES, address, resolvable, samples
from bench.profiling import profile_page
from caching.versioning import bump_content_version


def file_stem(page_name: str) -> str:
    return "profile-" + page_name.replace(" ", "-")


class Command(BaseCommand):
    help = (
        "Profile one benchmarked page with pyinstrument on the current database: writes "
        "build/profile-<page>.html (call tree) and .txt (where the time goes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--page", required=True, help="A page name of bench/pages.py.")
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument("--host", default="", help="Host header (another network's host).")
        parser.add_argument("--output-dir", type=Path, default=Path(settings.BASE_DIR) / "build")

    def handle(self, *args, **options):
        pages = {page.name: page for page in PAGES}
        page = pages.get(options["page"])
        if page is None:
            raise CommandError(f"No such page: {options['page']!r}. Pages: {', '.join(pages)}.")
        if settings.DEBUG:
            self.stderr.write("DEBUG is on: the profile is not what production does.")
        if settings.PAGE_CACHE_ENABLED:
            self.stderr.write("The page cache is on: public pages may come from the cache.")
        bump_content_version()
        found = samples(host=options["host"])
        if not resolvable(page, found):
            raise CommandError(f"{page.name}: no such page in this project (yet).")
        profile = profile_page(
            name=page.name,
            path=address(page, found),
            user=found[page.person] if page.person else None,
            host=options["host"],
            requests=options["requests"],
        )
        out = options["output_dir"]
        out.mkdir(parents=True, exist_ok=True)
        stem = file_stem(page.name)
        (out / f"{stem}.html").write_text(profile.html, encoding="utf-8")
        summary = profile.summary()
        (out / f"{stem}.txt").write_text(summary + "\nCall tree:\n" + profile.text, "utf-8")
        self.stdout.write(summary)
        self.stdout.write(f"Written: {out / stem}.html and .txt")
