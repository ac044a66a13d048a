"""Filters that read a report's stored sections: plain data, shown in the reader's language."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language
from modeltranslation.utils import resolution_order

from indicators.numbers import measure
from meetings.models import Meeting
from practices.models import Deliverable, Phase, Status
from ulg.models import Outcome, Sector

from ..models import CityReport

register = template.Library()

_CHOICES = {
    "status": dict(Status.choices),
    "phase": dict(Phase.choices),
    "deliverable_kind": dict(Deliverable.Kind.choices),
    "meeting_kind": dict(Meeting.Kind.choices),
    "report_status": dict(CityReport.Status.choices),
    "outcome_kind": dict(Outcome.Kind.choices),
    "outcome_status": dict(Outcome.Status.choices),
    "sector": dict(Sector.choices),
}


@register.filter
def translated(values) -> str:
    """A name stored in every language (``{"el": …, "en": …}``), in the active language or the
    first language that has it."""
    if not isinstance(values, dict):
        return values or ""
    for lang in resolution_order(get_language()):
        if values.get(lang):
            return values[lang]
    return next((value for value in values.values() if value), "")


@register.filter
def label(code, kind: str) -> str:
    """The translated label of a stored choice code (e.g. ``"in_progress"|label:"status"``)."""
    if code in (None, ""):
        return "—"
    return str(_CHOICES[kind].get(code, code))


@register.filter
def as_date(value):
    """A stored ISO date, as a date for the ``date`` filter."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@register.filter
def percent(value) -> str:
    return "—" if value is None else f"{value}%"


@register.filter
def measured(row: dict, key: str) -> str:
    """A stored indicator row's ``key`` (value, baseline, target) with its unit, as the
    reader's language writes it: "6 meetings", "52,5 %". Rows stored before decimals were
    kept show every decimal they have ("6.00" reads "6")."""
    try:
        value = Decimal(row.get(key))
    except (TypeError, ValueError, InvalidOperation):
        return ""
    return measure(
        value,
        decimal_places=row.get("decimal_places"),
        unit=translated(row.get("unit")),
        unit_one=translated(row.get("unit_one")),
    )
