"""The indicator chart never cuts a label: every text's estimated box lies inside the drawing, in
every language, with one measurement or many; one month on the axis is written once."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation

from indicators.charts import build_chart, text_width

ONE = [(dt.date(2025, 3, 14), Decimal("52.5"))]
MANY = [
    (dt.date(2025, 1, 10), Decimal("1234.75")),
    (dt.date(2025, 6, 30), Decimal("6")),
    (dt.date(2026, 2, 1), Decimal("99.99")),
]


def inside(chart) -> list:
    return [
        box
        for box in chart.texts()
        if box[0] < 0 or box[1] < 0 or box[2] > chart.width or box[3] > chart.height
    ]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize(
    "case",
    [
        {
            "baseline": Decimal("40"),
            "baseline_date": None,
            "target": Decimal("60"),
            "measurements": ONE,
        },
        {"baseline": None, "baseline_date": None, "target": None, "measurements": ONE},
        {
            "baseline": Decimal("3"),
            "baseline_date": dt.date(2024, 9, 1),
            "target": Decimal("2000"),
            "measurements": MANY,
        },
    ],
    ids=["one-with-lines", "one-alone", "many"],
)
def test_every_label_is_inside_the_chart(language, case):
    with translation.override(language):
        chart = build_chart(**case)
        assert inside(chart) == [], (language, chart.texts())
        assert chart.baseline_label == ("" if case["baseline"] is None else chart.baseline_label)


def test_one_measurement_shows_its_month_once_and_its_value_whole():
    with translation.override("ca"):
        chart = build_chart(baseline=None, baseline_date=None, target=None, measurements=ONE)
    assert chart.first_month and chart.last_month == ""
    point = chart.points[0]
    assert point.text == "52,5"  # as Catalan writes it, with the value's own decimals
    assert point.x - text_width(point.text, 10) / 2 > 0


def test_the_catalan_baseline_label_has_room():
    with translation.override("ca"):
        chart = build_chart(
            baseline=Decimal("40"), baseline_date=None, target=Decimal("60"), measurements=ONE
        )
        label = chart.baseline_label
    assert label != "baseline"  # translated
    assert chart.label_x + text_width(label, 11) <= chart.width
