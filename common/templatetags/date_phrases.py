"""``{% date_phrase "since" day=o.joined_on %}``: the short date phrases of common.dates, with
each date in the form the page's language gives it there."""

from django import template

from common.dates import date_phrase as phrase

register = template.Library()


@register.simple_tag
def date_phrase(key: str, **dates) -> str:
    return phrase(key, **dates)
