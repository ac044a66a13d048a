"""An indicator's values as its readers write numbers: the indicator's own decimals, the
language's separators, and the unit after the number as the language places it ("6 meetings",
"1 meeting", "52,5 % ερωτηθέντων"), one sentence per language rather than words glued on."""

import functools
from decimal import ROUND_HALF_UP, Decimal

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import get_language, npgettext, pgettext


@functools.cache
def _quantum(decimal_places: int) -> Decimal:
    return Decimal(1).scaleb(-decimal_places)


def rounded(value, decimal_places: int) -> Decimal:
    return Decimal(value).quantize(_quantum(decimal_places), rounding=ROUND_HALF_UP)


@functools.cache
def _separators(language: str | None) -> tuple[str, int, str]:
    """A language's decimal separator, grouping and thousands separator, as ``number_format``
    reads them: a series writes some dozens of numbers, and looking the three up again for each
    cost more than writing it (issue 26). Formats are per language and fixed in a process."""
    return (
        get_format("DECIMAL_SEPARATOR", language),
        get_format("NUMBER_GROUPING", language),
        get_format("THOUSAND_SEPARATOR", language),
    )


def number(value, decimal_places: int | None, language: str | None = None) -> str:
    """``value`` with ``decimal_places`` decimals (all it has when None), as the page's language
    (or ``language``, for a list that looked it up once) writes it: "52,5", "1 234", "6"."""
    if value is None:
        return ""
    if decimal_places is None:
        value = Decimal(value).normalize()
        decimal_places = max(0, -value.as_tuple().exponent)
    decimal, grouping, thousands = _separators(language or get_language())
    # What ``number_format(value, decimal_places, force_grouping=True)`` writes.
    return numberformat.format(
        rounded(value, decimal_places), decimal, decimal_places, grouping, thousands, True
    )


def unit_after(value, decimal_places: int | None, unit: str, unit_one: str = "") -> str:
    """The unit's form after this number: ``unit_one`` where the language says the number
    takes the singular (1 in English, 1 and 21 in Latvian, every count in Hungarian)."""
    if not unit_one:
        return unit
    exact = rounded(value, decimal_places or 0)
    if exact != exact.to_integral_value():
        return unit
    # The catalogue says which numbers take a count's singular: its plural forms answer "one".
    form = npgettext("which form a unit takes after this number", "one", "other", int(exact))
    return unit_one if form == "one" else unit


def measure(value, *, decimal_places: int | None, unit: str, unit_one: str = "") -> str:
    """A value with its unit: "6 meetings", "52,5 %"."""
    if value is None:
        return ""
    written = number(value, decimal_places)
    unit = unit_after(value, decimal_places, unit, unit_one)
    if not unit:
        return written
    return pgettext("an indicator's value and its unit", "%(value)s %(unit)s") % {
        "value": written,
        "unit": unit,
    }
