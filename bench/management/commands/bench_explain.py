import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import translation

from bench.checks import all_checks
from bench.explain import WATCHED_TABLES, run_checks
from bench.pages import samples


class Command(BaseCommand):
    help = (
        "EXPLAIN the workspace filters, the network page's counts, the news list, a city's "
        "measurements and a meeting's registrations on the benchmark data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Where to write the JSON (else stdout).")

    def handle(self, *args, **options):
        with translation.override("el"):
            results = run_checks(all_checks(), samples())
        scans = [result for result in results if result["sequential_scans"]]
        for result in results:
            verdict = (
                "SEQ SCAN " + ",".join(result["sequential_scans"])
                if result["sequential_scans"]
                else "index"
            )
            indexes = ", ".join(result["indexes"]) or "-"
            self.stderr.write(f"  {verdict:10} {result['name']}  [{indexes}]")
        summary = {
            "watched_tables": sorted(WATCHED_TABLES),
            "checks": results,
            "sequential_scans": len(scans),
        }
        text = json.dumps(summary, ensure_ascii=False, indent=2)
        if options["output"]:
            options["output"].parent.mkdir(parents=True, exist_ok=True)
            options["output"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text)
        self.stderr.write(
            f"EXPLAIN: {len(results)} queries, "
            f"{len(scans)} read a whole table of {', '.join(sorted(WATCHED_TABLES))}."
        )
