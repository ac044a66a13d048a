"""The lists' short dates: written without ``dateformat`` when the format allows, the same text."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import dateformat, translation
from django.utils.formats import get_format

from workspace.rows import ListWords, _date_pattern

DAYS = [date(2026, 1, 1) + timedelta(days=n * 37) for n in range(12)] + [date(999, 3, 4)]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_short_dates_are_written_as_django_writes_them(language):
    with translation.override(language):
        words = ListWords()
        short = get_format("SHORT_DATE_FORMAT")
        for day in DAYS:
            assert words.short_date(day) == dateformat.format(day, short)


@pytest.mark.parametrize("date_format", ["d/m/Y", "j.m.Y", "Y.m.d.", "j-n-Y", "{d} m"])
def test_numeric_formats_take_the_quick_way(date_format):
    pattern = _date_pattern(date_format)
    assert pattern is not None
    for day in DAYS:
        assert pattern.format(day) == dateformat.format(day, date_format)


@pytest.mark.parametrize("date_format", ["N j, Y", r"j \d\e F", "D d/m/Y"])
def test_other_formats_are_left_to_django(date_format):
    assert _date_pattern(date_format) is None
