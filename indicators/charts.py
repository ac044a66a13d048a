"""The geometry of the small indicator chart: numbers only, drawn by a template as SVG.

Readable without colour: the baseline is a dashed line, the target a dotted one, each labelled
in words; measurements are dots joined by a solid line, each with its value written beside it.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import get_language, gettext

from common.dates import DayTexts

from .numbers import number

WIDTH, HEIGHT = 360, 150
LEFT, RIGHT, TOP, BOTTOM = 12, 96, 18, 26
LABEL_SIZE, VALUE_SIZE, AXIS_SIZE = 11, 10, 10
#: Widest glyph advance of the fonts the page may use (DejaVu Sans bold, Greek included), as a
#: share of the font size: estimating with it keeps every text inside the drawing.
GLYPH = 0.68


def text_width(text: str, size: float) -> float:
    return len(text) * size * GLYPH


@dataclass
class Point:
    x: float
    y: float
    value: Decimal
    day: date
    text: str = ""
    anchor: str = "middle"


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    points: list[Point] = field(default_factory=list)
    baseline_y: float | None = None
    target_y: float | None = None
    line: str = ""
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    axis_y: int = HEIGHT - BOTTOM
    label_x: int = WIDTH - RIGHT + 6
    first_day: date | None = None
    last_day: date | None = None
    baseline_label: str = ""
    target_label: str = ""
    first_month: str = ""
    last_month: str = ""

    def texts(self) -> list[tuple[float, float, float, float]]:
        """The estimated box (left, top, right, bottom) of every text drawn, to check that the
        drawing contains them."""
        boxes = []

        def box(x, baseline, text, size, anchor):
            width = text_width(text, size)
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            boxes.append((left, baseline - size, left + width, baseline + size * 0.25))

        if self.baseline_y is not None:
            box(self.label_x, self.baseline_y + 4, self.baseline_label, LABEL_SIZE, "start")
        if self.target_y is not None:
            box(self.label_x, self.target_y + 4, self.target_label, LABEL_SIZE, "start")
        for point in self.points:
            box(point.x, point.y - 7, point.text, VALUE_SIZE, point.anchor)
        if self.last_month:
            box(self.plot_left, self.height - 8, self.first_month, AXIS_SIZE, "start")
            box(self.plot_right, self.height - 8, self.last_month, AXIS_SIZE, "end")
        else:
            box(self.plot_left, self.height - 8, self.first_month, AXIS_SIZE, "start")
        return boxes


def build_chart(
    *,
    baseline,
    baseline_date,
    target,
    measurements,
    decimal_places: int | None = None,
    dates: DayTexts | None = None,
) -> Chart | None:
    """``measurements``: (day, value) pairs in date order; ``decimal_places``: the indicator's
    own precision for the value labels; ``dates``: shared by the charts of one page. None when
    there is nothing to draw."""
    values = [value for _day, value in measurements]
    values += [v for v in (baseline, target) if v is not None]
    days = [day for day, _value in measurements] + ([baseline_date] if baseline_date else [])
    if not values or not days:
        return None
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    # A little room below the lowest value, so it never sits on the axis.
    low -= (high - low) / 10
    first, last = min(days), max(days)
    span_days = (last - first).days
    chart = Chart(first_day=first, last_day=last)
    # The baseline and target labels sit right of the plot: as wide as the longest in this language.
    chart.baseline_label = gettext("baseline") if baseline is not None else ""
    chart.target_label = gettext("target") if target is not None else ""
    label_room = max(
        text_width(chart.baseline_label, LABEL_SIZE), text_width(chart.target_label, LABEL_SIZE)
    )
    chart.plot_right = round(WIDTH - max(label_room + 12, 24))
    chart.label_x = chart.plot_right + 6
    # One month on the axis is written once, not at both ends.
    dates = dates or DayTexts()
    chart.first_month = dates(first, "YEAR_MONTH_FORMAT")
    if (first.year, first.month) != (last.year, last.month):
        chart.last_month = dates(last, "YEAR_MONTH_FORMAT")
    plot_width = chart.plot_right - LEFT
    plot_height = chart.axis_y - TOP

    def x_of(day: date) -> float:
        if not span_days:  # a single day is drawn in the middle
            return round(LEFT + plot_width / 2, 1)
        return round(LEFT + plot_width * (day - first).days / span_days, 1)

    def y_of(value: Decimal) -> float:
        return round(TOP + plot_height * float((high - value) / (high - low)), 1)

    if baseline is not None:
        chart.baseline_y = y_of(baseline)
    if target is not None:
        chart.target_y = y_of(target)
    chart.points = [
        Point(x=x_of(day), y=y_of(value), value=value, day=day) for day, value in measurements
    ]
    language = get_language()
    for point in chart.points:
        # A value label never runs off the drawing: near an edge it is written inwards.
        point.text = number(point.value, decimal_places, language)
        half = text_width(point.text, VALUE_SIZE) / 2
        if point.x - half < 0:
            point.anchor = "start"
        elif point.x + half > chart.width:
            point.anchor = "end"
    if baseline is not None and baseline_date and measurements:
        # The line starts from the baseline, so the change is read from where it began.
        chart.line = f"{x_of(baseline_date)},{chart.baseline_y} "
    chart.line += " ".join(f"{p.x},{p.y}" for p in chart.points)
    return chart
