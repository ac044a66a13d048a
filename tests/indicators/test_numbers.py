"""Indicator values as their readers write numbers: the indicator's own decimals, the
language's separators, the unit placed by the language and in the singular where the language
wants it ("6 meetings", "1 meeting", "52,5 %"), never "6.00 meetings"."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils.translation import override

from indicators.models import Indicator, Measurement, Series
from indicators.numbers import measure

pytestmark = pytest.mark.django_db

MEETINGS = {"unit": "meetings", "unit_one": "meeting"}


@pytest.mark.parametrize(
    ("language", "value", "places", "unit", "written"),
    [
        ("en", "6.00", 0, MEETINGS, "6 meetings"),
        ("en", "1.00", 0, MEETINGS, "1 meeting"),
        ("en", "0.00", 0, MEETINGS, "0 meetings"),
        ("en", "52.50", 1, {"unit": "%"}, "52.5 %"),
        ("en", "1234.5", 1, {"unit": "€"}, "1,234.5 €"),
        ("el", "52.50", 1, {"unit": "%"}, "52,5 %"),
        ("el", "1.00", 0, {"unit": "συναντήσεις", "unit_one": "συνάντηση"}, "1 συνάντηση"),
        ("nl", "52.50", 1, {"unit": "%"}, "52,5 %"),
        ("nl", "6.00", 0, {"unit": "bijeenkomsten", "unit_one": "bijeenkomst"}, "6 bijeenkomsten"),
        ("it", "47.46", 1, {"unit": "%"}, "47,5 %"),
        ("es", "1234.5", 1, {"unit": "€"}, "1.234,5 €"),
        ("lv", "21", 0, {"unit": "sanāksmes", "unit_one": "sanāksme"}, "21 sanāksme"),
        ("lv", "11", 0, {"unit": "sanāksmes", "unit_one": "sanāksme"}, "11 sanāksmes"),
        (
            "lv",
            "1234.5",
            1,
            {"unit": "%"},
            "1\u00a0234,5 %",
        ),  # Latvian groups with a no-break space
        # Hungarian counts stay singular after a number.
        ("hu", "6", 0, {"unit": "ülés", "unit_one": "ülés"}, "6 ülés"),
        ("ca", "6.00", 0, {"unit": "reunions", "unit_one": "reunió"}, "6 reunions"),
        # No decimals declared: as many as the value has, trailing zeros dropped.
        ("en", "47.50", None, {"unit": "%"}, "47.5 %"),
        ("en", "6.00", None, MEETINGS, "6 meetings"),
    ],
)
def test_values_read_as_the_language_writes_them(language, value, places, unit, written):
    with override(language):
        assert measure(Decimal(value), decimal_places=places, **unit) == written


def test_pages_show_counts_and_percentages_in_the_readers_format(client, network, city):
    meetings = Indicator.objects.create(
        network=network,
        slug="ulg-meetings",
        name_en="ULG meetings held",
        unit_en="meetings",
        unit_one_en="meeting",
        unit_nl="bijeenkomsten",
        unit_one_nl="bijeenkomst",
        decimal_places=0,
    )
    share = Indicator.objects.create(
        network=network, slug="share", name_en="Share", unit_en="%", decimal_places=1, order=2
    )
    today = dt.date.today()
    counted = Series.objects.create(indicator=meetings, city=city, target_value=Decimal("1"))
    Measurement.objects.create(series=counted, value=Decimal("6.00"), measured_on=today)
    part = Series.objects.create(
        indicator=share, city=city, baseline_value=Decimal("41"), baseline_date=today
    )
    Measurement.objects.create(series=part, value=Decimal("52.50"), measured_on=today)

    english = client.get(f"/en/cities/{city.slug}/").content.decode()
    assert "6 meetings" in english and "1 meeting" in english
    assert "52.5 %" in english and "41.0 %" in english
    assert "6.00" not in english
    dutch = client.get(f"/nl/cities/{city.slug}/").content.decode()
    assert "6 bijeenkomsten" in dutch and "1 bijeenkomst" in dutch
    assert "52,5 %" in dutch and "52.5" not in dutch
