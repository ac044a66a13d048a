"""Django templates against Jinja2 on the portal's longest lists, with the same prepared rows.

Run on the benchmark's data (``make bench BENCH_ARGS=--prepare-only`` builds it), with Jinja2
installed in the environment (it is not a dependency of the portal)::

    DATABASE_URL=…_bench DJANGO_DEBUG=0 DJANGO_SECRET_KEY=x BENCH_FLOOR_VIEW=1 \\
        .venv/bin/python -m bench.engines

Prints the median time to render each list body, in milliseconds, for both engines; the query
time is left out (rows are read once, before the timing).
"""

import os
import statistics
import time
from pathlib import Path

import django

#: The same lists as Jinja2 templates, written for this comparison only.
JINJA_TEMPLATES = Path(__file__).with_name("jinja")


def _median_ms(render, repeat: int = 30) -> float:
    render()  # compile and warm the caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        render()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citisense.settings")
    django.setup()
    import jinja2
    from django.template.loader import get_template
    from django.utils import translation

    from cities.models import City, Membership, Network
    from common.paging import PROGRESS_CITIES_PER_PAGE
    from portal.rows import progress_table
    from portal.selectors import cities_with_transfers, progress_matrix
    from practices import selectors as practices
    from workspace.rows import ListWords, for_step_list, step_rows
    from workspace.selectors import matrix_cities, network_matrix
    from workspace.views import MATRIX_CITIES_PER_PAGE

    translation.activate("el")
    jinja = jinja2.Environment(autoescape=True, loader=jinja2.FileSystemLoader(JINJA_TEMPLATES))
    network = Network.objects.default()
    city = City.objects.filter(transfers__isnull=False).order_by("order").first()
    coordinator = Membership.objects.filter(city=city, role="city_coordinator").first().user
    whole_city = step_rows(
        for_step_list(practices.steps_visible_to(coordinator).order_by("transfer", "pk")),
        ListWords(),
    )
    sorted_page = step_rows(
        for_step_list(practices.steps_visible_to(coordinator).order_by("due_date", "pk")[:50])
    )
    columns, rows = network_matrix(
        network=network, cities=list(matrix_cities(network=network)[:MATRIX_CITIES_PER_PAGE])
    )
    public = progress_matrix(
        network=network,
        cities=list(cities_with_transfers(network=network)[:PROGRESS_CITIES_PER_PAGE]),
    )
    for row in public.rows:
        row.city.url = f"/el/cities/{row.city.slug}/"
    django_steps = get_template("workspace/_steps_table.html")
    django_matrix = get_template("workspace/_network_matrix.html")
    django_progress = get_template("portal/progress.html")
    jinja_steps, jinja_matrix = jinja.get_template("steps.html"), jinja.get_template("matrix.html")
    jinja_progress = jinja.get_template("progress.html")
    words = {"overdue_label": "Εκπρόθεσμο", "not_transferred": "Δεν μεταφέρεται"}
    lists = [
        (
            f"coordinator's whole city ({len(whole_city)} steps, one table)",
            lambda: django_steps.render({"steps": whole_city, "show_transfer": True}),
            lambda: jinja_steps.render(steps=whole_city, **words),
        ),
        (
            f"sorted steps, one page ({len(sorted_page)} steps)",
            lambda: django_steps.render({"steps": sorted_page, "show_transfer": True}),
            lambda: jinja_steps.render(steps=sorted_page, **words),
        ),
        (
            f"network matrix ({len(rows)} cities × {len(columns)} practices)",
            lambda: django_matrix.render({"practices": columns, "rows": rows}),
            lambda: jinja_matrix.render(rows=rows, **words),
        ),
        (
            f"public progress page ({len(public.rows)} cities × {len(public.practices)} practices"
            ", whole page for Django, table body for Jinja2)",
            lambda: django_progress.render({"table": progress_table(public), "page_obj": None}),
            lambda: jinja_progress.render(
                matrix=public, overall="Συνολικά", no_steps="κανένα βήμα", **words
            ),
        ),
    ]
    print(f"{'list':80} {'Django ms':>10} {'Jinja2 ms':>10}")
    for name, with_django, with_jinja in lists:
        print(f"{name:80} {_median_ms(with_django):10.2f} {_median_ms(with_jinja):10.2f}")


if __name__ == "__main__":
    main()
