"""Indicators as flat records: for the public CSV/JSON downloads and the workspace's XLSX."""

import csv
import io
import json

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .selectors import SeriesView

COLUMNS = [
    "indicator",
    "indicator_name",
    "city",
    "city_name",
    "unit",
    "direction",
    "baseline",
    "baseline_date",
    "baseline_source",
    "target",
    "latest",
    "latest_date",
    "measurements",
    "demo",
]


def _number(value) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def records(views: list[SeriesView]) -> list[dict]:
    rows = []
    for view in views:
        latest = view.latest
        rows.append(
            {
                "indicator": view.indicator.slug,
                "indicator_name": view.indicator.name,
                "city": view.city.slug if view.city else None,
                "city_name": view.city.name if view.city else None,
                "unit": view.indicator.unit,
                "direction": view.indicator.direction,
                "baseline": _number(view.baseline),
                "baseline_date": view.baseline_date.isoformat() if view.baseline_date else None,
                "baseline_source": view.series.baseline_source if view.series else "",
                "target": _number(view.target),
                "latest": _number(latest.value) if latest else None,
                "latest_date": latest.measured_on.isoformat() if latest else None,
                "measurements": [
                    {"date": m.measured_on.isoformat(), "value": _number(m.value)}
                    for m in view.measurements
                ],
                "demo": view.is_demo,
            }
        )
    return rows


def as_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    # A byte-order mark lets spreadsheet programs read the Greek names as UTF-8.
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        flat = dict(row, measurements=len(row["measurements"]))
        writer.writerow({key: "" if value is None else value for key, value in flat.items()})
    return buffer.getvalue()


def as_json(rows: list[dict], *, network, source: str) -> str:
    document = {
        "network": network.name if network else None,
        "language": translation.get_language(),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "source": source,
        "indicators": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def sheet_columns() -> list[str]:
    return [
        _("Indicator"),
        _("City"),
        _("Unit"),
        _("Baseline"),
        _("Baseline date"),
        _("Target"),
        _("Latest"),
        _("Latest date"),
        _("Demo"),
    ]


def sheet_rows(rows: list[dict]):
    for row in rows:
        yield [
            row["indicator_name"],
            row["city_name"] or _("Whole network"),
            row["unit"],
            row["baseline"] or "",
            row["baseline_date"] or "",
            row["target"] or "",
            row["latest"] or "",
            row["latest_date"] or "",
            _("yes") if row["demo"] else _("no"),
        ]
