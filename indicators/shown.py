"""What an indicator's series shows, as text: its values with their unit, its dates and its
chart's coordinates, prepared once per series for ``indicators/_series.html`` and ``_chart.html``.

A series of a dozen measurements draws some hundred numbers and dates; formatted here once, and
handed over as plain dicts, the templates only place them (see issue 26). The markup stays in
the templates.
"""

from datetime import date
from decimal import Decimal
from typing import Protocol, TypedDict

from django.utils.translation import gettext
from modeltranslation.utils import get_language, resolution_order

from common.dates import DayTexts
from common.languages import shown_in, supplying_language

from .charts import Chart
from .models import Measurement
from .numbers import measure, number


class ShownSeries(Protocol):
    """What the texts are made of: an indicator's series as ``selectors.SeriesView`` reads it."""

    indicator: object
    series: object
    city: object
    latest: Measurement | None
    measurements: list[Measurement]
    chart: Chart | None
    is_demo: bool
    baseline: Decimal | None
    baseline_date: date | None
    target: Decimal | None


class MeasurementTexts(TypedDict):
    day: str  # DATE_FORMAT
    value: str  # the number without its unit
    note: str


class PointTexts(TypedDict):
    x: str
    y: str
    anchor: str
    text: str


class ChartTexts(TypedDict):
    """The chart's geometry as SVG writes it (never localised: "97.7", not "97,7")."""

    width: str
    height: str
    plot_left: str
    plot_right: str
    axis_y: str
    label_x: str
    baseline_y: str | None
    target_y: str | None
    line: str
    points: list[PointTexts]
    baseline_label: str
    target_label: str
    first_month: str
    last_month: str


class SeriesTexts(TypedDict):
    name: str
    name_lang: str  # the language of the name when it is not the page's, else ""
    caption: str  # the values table's caption
    city_name: str
    direction: str
    unit: str
    unit_lang: str
    is_demo: bool
    baseline: str | None  # with its unit; None without a baseline
    baseline_month: str
    baseline_source: str
    target: str | None
    latest: str | None  # None without a measurement
    latest_day: str  # DATE_FORMAT
    latest_short_day: str  # SHORT_DATE_FORMAT
    measurements: list[MeasurementTexts]  # every measurement, when there is more than one
    chart: ChartTexts | None


def _coordinate(value: float | None) -> str | None:
    return None if value is None else str(value)


def chart_texts(chart: Chart | None) -> ChartTexts | None:
    if chart is None:
        return None
    return {
        "width": str(chart.width),
        "height": str(chart.height),
        "plot_left": str(chart.plot_left),
        "plot_right": str(chart.plot_right),
        "axis_y": str(chart.axis_y),
        "label_x": str(chart.label_x),
        "baseline_y": _coordinate(chart.baseline_y),
        "target_y": _coordinate(chart.target_y),
        "line": chart.line,
        "points": [
            {"x": str(point.x), "y": str(point.y), "anchor": point.anchor, "text": point.text}
            for point in chart.points
        ],
        "baseline_label": chart.baseline_label,
        "target_label": chart.target_label,
        "first_month": chart.first_month,
        "last_month": chart.last_month,
    }


def _lang(obj, field: str, page_language: str) -> str:
    lang = supplying_language(obj, field)
    return lang if lang != page_language else ""


def series_texts(view: ShownSeries, dates: DayTexts | None = None) -> SeriesTexts:
    """``dates``: shared by the series of one page."""
    dates = dates or DayTexts()
    indicator, series, latest = view.indicator, view.series, view.latest
    language = get_language()
    places, unit, unit_one = indicator.decimal_places, indicator.unit, indicator.unit_one

    def with_unit(value) -> str:
        return measure(value, decimal_places=places, unit=unit, unit_one=unit_one)

    measurements = view.measurements if len(view.measurements) > 1 else []
    # The notes as modeltranslation shows them (the first language written, in this page's
    # order), read from the loaded columns without its descriptor for each one.
    note_languages = resolution_order(language, Measurement.note.fallback_languages)
    # The chart writes each measurement's value already, in the same order.
    values = [point.text for point in view.chart.points] if view.chart else None
    return {
        "name": indicator.name,
        "name_lang": _lang(indicator, "name", language),
        "caption": gettext("Values of %(name)s") % {"name": indicator.name},
        "city_name": view.city.name if view.city else "",
        "direction": indicator.get_direction_display(),
        "unit": unit,
        "unit_lang": _lang(indicator, "unit", language),
        "is_demo": view.is_demo,
        "baseline": None if view.baseline is None else with_unit(view.baseline),
        "baseline_month": dates(view.baseline_date, "YEAR_MONTH_FORMAT"),
        "baseline_source": series.baseline_source if series else "",
        "target": None if view.target is None else with_unit(view.target),
        "latest": with_unit(latest.value) if latest else None,
        "latest_day": dates(latest.measured_on, "DATE_FORMAT") if latest else "",
        "latest_short_day": dates(latest.measured_on, "SHORT_DATE_FORMAT") if latest else "",
        "measurements": [
            {
                "day": dates(m.measured_on, "DATE_FORMAT"),
                "value": values[i] if values else number(m.value, places),
                "note": shown_in(vars(m), "note", note_languages)[0],
            }
            for i, m in enumerate(measurements)
        ],
        "chart": chart_texts(view.chart),
    }


def with_texts(views: list) -> list:
    """The series of one page with their texts, their days formatted once for all."""
    dates = DayTexts()
    for view in views:
        view.texts = series_texts(view, dates)
    return views
