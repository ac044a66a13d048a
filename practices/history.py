"""What changed in a step or a deliverable, from django-simple-history's records."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.signals import pre_create_historical_record

from common.locking import FieldChange, diff_fields, display_value

from .models import Transfer, TransferStep

STEP_TRACKED_FIELDS = ["title", "phase", "status", "progress", "due_date", "notes"]
DELIVERABLE_TRACKED_FIELDS = ["title", "kind", "phase", "status", "due_date", "file"]


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


def display(model, field_name: str, value) -> str:
    """As ``common.locking.display_value``, with progress as a percentage."""
    if field_name == "progress" and value is not None:
        return f"{value}%"
    return display_value(model, field_name, value)


def tracked_fields(obj) -> list[str]:
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
            entry.changes = diff_fields(model, fields, previous, record, display=display)
        previous = record
        entries.append(entry)
    return entries


def history_entries(obj) -> list[HistoryEntry]:
    """Who changed what and when, newest first (one query)."""
    records = list(obj.history.select_related("history_user").order_by("history_date", "pk"))
    return list(reversed(_entries(type(obj), tracked_fields(obj), records)))


@receiver(
    pre_create_historical_record,
    sender=TransferStep.history.model,
    dispatch_uid="practices_step_history_network",
)
def keep_the_network(sender, instance: TransferStep, history_instance, **kwargs) -> None:
    """A step's record keeps its network (``StepHistoryNetwork``). Bulk writes give it
    themselves (``bulk_create_with_history(..., custom_historical_attrs=…)``)."""
    if TransferStep.transfer.is_cached(instance) and Transfer.city.is_cached(instance.transfer):
        history_instance.network_id = instance.transfer.city.network_id
    else:
        history_instance.network_id = (
            Transfer.objects.filter(pk=instance.transfer_id)
            .values_list("city__network_id", flat=True)
            .first()
        )
