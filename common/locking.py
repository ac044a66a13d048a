"""Optimistic locking, for every model that people edit in forms (steps, deliverables, city
reports): a save based on an older version is refused, so nobody's edit is lost.

The form carries the version the person started from (``VersionedForm``); the service saves
with ``save_versioned``, whose conditional ``UPDATE … WHERE version = n`` refuses the save when
somebody else got there first (``StaleError``); the view answers with ``refused_edit``: the page
again, with what the other person changed (``changes_since``, shown by
``common/_conflict.html``) and the form still holding this person's values on the current
version, so saving again is a deliberate choice. Status 409.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.db.models import F
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .forms import OneMessagePerField

#: The status of the page that refuses a stale save.
CONFLICT_STATUS = 409


class Versioned(models.Model):
    """The version an edit starts from; every save moves it on by one."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class StaleError(Exception):
    """Somebody saved the object after the version this edit started from. ``obj`` is the row
    as it now stands."""

    def __init__(self, *, obj, expected_version: int):
        super().__init__(f"{obj!r} is no longer at version {expected_version}")
        self.obj = obj
        self.expected_version = expected_version


def save_versioned(
    obj: Versioned,
    *,
    user,
    expected_version: int,
    changes: dict[str, Any] | Callable[[Any], None],
    related: tuple | list = (),
    conditions: dict | None = None,
):
    """Applies ``changes`` (values by field, or a function changing the row) only if ``obj`` is
    still at ``expected_version`` (and matches ``conditions``), and saves it as ``user``.

    The conditional UPDATE moves the row to the next version and locks it until commit, so a
    concurrent save from the same version finds zero rows and is refused. The row is then read
    again under that lock (with ``related``), so fields the form does not edit are never written
    back stale. Call it inside the service's transaction: an error raised by ``changes`` or by
    ``full_clean()`` undoes the claim too.
    """
    manager = type(obj)._default_manager
    claimed = manager.filter(pk=obj.pk, version=expected_version, **(conditions or {})).update(
        version=F("version") + 1
    )
    current = manager.select_related(*related).get(pk=obj.pk)
    if not claimed:
        raise StaleError(obj=current, expected_version=expected_version)
    if callable(changes):
        changes(current)
    else:
        for name, value in changes.items():
            setattr(current, name, value)
    current.updated_by = user
    current.full_clean()
    current._history_user = user  # django-simple-history records who
    current.save()
    return current


# --- What changed meanwhile -------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


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


def display_value(model, field_name: str, value) -> str:
    """A field's value as a person reads it: a choice's label, a short date, "a file"."""
    if value in (None, ""):
        return "—"
    model_field = model._meta.get_field(field_name)
    if isinstance(model_field, models.FileField):
        return str(_("a file"))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if hasattr(value, "isoformat"):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def diff_fields(model, fields: list[str], old, new, *, display=display_value) -> list[FieldChange]:
    changes = []
    for name in fields:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(
                FieldChange(
                    label=str(model._meta.get_field(name).verbose_name).capitalize(),
                    old=display(model, name, before),
                    new=display(model, name, after),
                )
            )
    return changes


def changes_since(obj, version: int, *, fields: list[str], display=display_value) -> Conflict:
    """What other people saved after ``version`` (from django-simple-history's records): the
    ``fields`` they changed, and who."""
    records = list(obj.history.select_related("history_user").order_by("history_date", "pk"))
    base = None
    people = []
    for record in records:
        if record.version <= version:
            base = record
        elif record.history_user and record.history_user not in people:
            people.append(record.history_user)
    current = records[-1] if records else obj
    changes = (
        diff_fields(type(obj), fields, base, current, display=display) if base is not None else []
    )
    return Conflict(people=people, changes=changes, current_version=obj.version)


# --- The form and the refusal -----------------------------------------------------------------


class VersionedForm(OneMessagePerField, forms.ModelForm):
    """Carries the version the person started from, for the service's conflict check."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["version"] = self.instance.version


def refused_edit(
    form_class, data, stale: StaleError, *, fields: list[str], message, display=display_value
) -> tuple[Conflict, forms.BaseForm]:
    """What the page shows after a refused save: the other people's changes, and the form with
    this person's values moved to the current version and ``message`` (with ``%(people)s``)
    above it. Render the page with ``CONFLICT_STATUS``."""
    fresh = stale.obj
    conflict = changes_since(fresh, stale.expected_version, fields=fields, display=display)
    data = data.copy()
    data["version"] = str(fresh.version)
    form = form_class(data, instance=fresh)
    form.is_valid()
    form.add_error(None, message % {"people": conflict.people_display})
    return conflict, form
