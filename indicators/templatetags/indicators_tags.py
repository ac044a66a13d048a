from django import template

from indicators.numbers import measure, number
from indicators.selectors import public_series_of
from indicators.shown import with_texts

register = template.Library()


@register.simple_tag
def city_indicators(city) -> list:
    """The city's indicators with a value: baseline, target, latest and chart (two queries),
    with the texts they show."""
    return with_texts(public_series_of(city=city))


@register.filter
def number_of(value, indicator) -> str:
    """A value of ``indicator`` with its decimals in the page's language: "52,5"."""
    return number(value, indicator.decimal_places)


@register.filter
def measure_of(value, indicator) -> str:
    """A value of ``indicator`` with its unit: "6 meetings", "1 meeting", "52,5 %"."""
    return measure(
        value,
        decimal_places=indicator.decimal_places,
        unit=indicator.unit,
        unit_one=indicator.unit_one,
    )
