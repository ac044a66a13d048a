"""The geometry of the small indicator chart: numbers only, drawn by a template as SVG.

Readable without colour: the baseline is a dashed line, the target a dotted one, each labelled
in words; measurements are dots joined by a solid line, each with its value written beside it.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

WIDTH, HEIGHT = 360, 150
LEFT, RIGHT, TOP, BOTTOM = 12, 96, 18, 26


@dataclass
class Point:
    x: float
    y: float
    value: Decimal
    day: date


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


def build_chart(*, baseline, baseline_date, target, measurements) -> Chart | None:
    """``measurements``: (day, value) pairs in date order. None when there is nothing to draw."""
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
    span_days = max((last - first).days, 1)
    chart = Chart(first_day=first, last_day=last)
    plot_width = chart.plot_right - LEFT
    plot_height = chart.axis_y - TOP

    def x_of(day: date) -> float:
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
    if baseline is not None and baseline_date and measurements:
        # The line starts from the baseline, so the change is read from where it began.
        chart.line = f"{x_of(baseline_date)},{chart.baseline_y} "
    chart.line += " ".join(f"{p.x},{p.y}" for p in chart.points)
    return chart
