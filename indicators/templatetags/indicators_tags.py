from django import template

from indicators.selectors import public_series_of

register = template.Library()


@register.simple_tag
def city_indicators(city) -> list:
    """The city's indicators with a value: baseline, target, latest and chart (two queries)."""
    return public_series_of(city=city)
