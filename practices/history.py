"""What changed in a step or a deliverable, from django-simple-history's records."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .models import TransferStep

STEP_TRACKED_FIELDS = ["title", "phase", "status", "progress", "due_date", "notes"]
DELIVERABLE_TRACKED_FIELDS = ["title", "kind", "phase", "status", "due_date", "file"]


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: Any
    kind: str  # "+" created, "~" changed, "-" deleted
    version: int | None
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def who_display(self) -> str:
        return self.who.get_full_name() if self.who else str(_("the system"))


def _display(model, field_name: str, value) -> str:
    if value in (None, ""):
        return "—"
    model_field = model._meta.get_field(field_name)
    if field_name == "file":
        return str(_("a file"))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if hasattr(value, "isoformat"):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if field_name == "progress":
        return f"{value}%"
    return str(value)


def diff_fields(model, fields: list[str], old, new) -> list[FieldChange]:
    changes = []
    for name in fields:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(
                FieldChange(
                    label=str(model._meta.get_field(name).verbose_name).capitalize(),
                    old=_display(model, name, before),
                    new=_display(model, name, after),
                )
            )
    return changes


def _tracked(obj) -> list[str]:
    return STEP_TRACKED_FIELDS if isinstance(obj, TransferStep) else DELIVERABLE_TRACKED_FIELDS


def _entries(model, fields: list[str], records: list) -> list[HistoryEntry]:
    """Oldest-first historical records → entries, each with what it changed."""
    entries = []
    previous = None
    for record in records:
        entry = HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            kind=record.history_type,
            version=getattr(record, "version", None),
        )
        if previous is not None and record.history_type == "~":
            entry.changes = diff_fields(model, fields, previous, record)
        previous = record
        entries.append(entry)
    return entries


def history_entries(obj) -> list[HistoryEntry]:
    """Who changed what and when, newest first (one query)."""
    records = list(obj.history.select_related("history_user").order_by("history_date", "pk"))
    return list(reversed(_entries(type(obj), _tracked(obj), records)))


@dataclass
class Conflict:
    """What other people saved after the version someone started editing from."""

    people: list
    changes: list[FieldChange]
    current_version: int

    @property
    def people_display(self) -> str:
        names = [p.get_full_name() for p in self.people] or [str(_("someone else"))]
        return ", ".join(names)


def changes_since(obj, version: int) -> Conflict:
    records = list(obj.history.select_related("history_user").order_by("history_date", "pk"))
    base = None
    later = []
    for record in records:
        if record.version <= version:
            base = record
        else:
            later.append(record)
    current = records[-1] if records else obj
    changes = diff_fields(type(obj), _tracked(obj), base, current) if base is not None else []
    people = []
    for record in later:
        if record.history_user and record.history_user not in people:
            people.append(record.history_user)
    return Conflict(people=people, changes=changes, current_version=obj.version)
