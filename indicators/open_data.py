"""Indicators as flat records: for the public CSV/JSON downloads and the workspace's XLSX."""

import datetime
import json
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.exports import Table, csv_text, yes_no

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


def _decimal(value: str | None) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _csv_row(row: dict) -> list:
    """The record as cells: numbers as numbers (a negative baseline is not text to guard)."""
    flat = dict(row, measurements=len(row["measurements"]))
    for key in ("baseline", "target", "latest"):
        flat[key] = _decimal(flat[key])
    return [flat[key] for key in COLUMNS]


def as_csv(rows: list[dict]) -> str:
    return csv_text([Table(None, COLUMNS, map(_csv_row, rows))])


def as_json(rows: list[dict], *, network, source: str) -> str:
    document = {
        "network": network.name if network else None,
        "language": translation.get_language(),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "source": source,
        "indicators": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def sheet(rows: list[dict]) -> Table:
    """The indicators as one sheet of the workspace's XLSX: numbers and dates kept as such."""
    columns = [
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
    cells = (
        [
            row["indicator_name"],
            row["city_name"] or _("Whole network"),
            row["unit"],
            _decimal(row["baseline"]),
            _day(row["baseline_date"]),
            _decimal(row["target"]),
            _decimal(row["latest"]),
            _day(row["latest_date"]),
            yes_no(row["demo"]),
        ]
        for row in rows
    )
    return Table(_("Indicators"), columns, cells)
