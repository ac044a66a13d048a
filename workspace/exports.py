"""Steps and deliverables as CSV or XLSX, for URBACT reporting."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from common.exports import Table, csv_bytes, xlsx_bytes, yes_no
from indicators import open_data
from practices.models import Deliverable, TransferStep


def _who(user) -> str:
    return user.get_full_name() if user else ""


def step_columns() -> list[str]:
    return [
        _("ID"),
        _("City"),
        _("Practice"),
        _("Phase"),
        _("Step"),
        _("Status"),
        _("Progress (%)"),
        _("Due date"),
        _("Overdue"),
        _("Not completed when the network ended"),
        _("Last change"),
        _("Changed by"),
    ]


def step_row(step: TransferStep) -> list:
    return [
        step.pk,
        step.transfer.city.name,
        step.transfer.practice.title,
        step.get_phase_display(),
        step.title,
        step.get_status_display(),
        step.progress,
        step.due_date,
        yes_no(step.is_overdue),
        yes_no(step.is_unfinished_at_end),
        step.updated_at,
        _who(step.updated_by),
    ]


def deliverable_columns() -> list[str]:
    return [
        _("ID"),
        _("City"),
        _("Deliverable"),
        _("Phase"),
        _("Status"),
        _("Due date"),
        _("Overdue"),
        _("Not completed when the network ended"),
        _("File uploaded"),
        _("Last change"),
        _("Changed by"),
    ]


def deliverable_row(deliverable: Deliverable) -> list:
    return [
        deliverable.pk,
        deliverable.city.name if deliverable.city_id else _("Whole network"),
        deliverable.display_title,
        deliverable.get_phase_display(),
        deliverable.get_status_display(),
        deliverable.due_date,
        yes_no(deliverable.is_overdue),
        yes_no(deliverable.is_unfinished_at_end),
        yes_no(bool(deliverable.file)),
        deliverable.updated_at,
        _who(deliverable.updated_by),
    ]


def _tables(steps: Iterable[TransferStep], deliverables: Iterable[Deliverable]) -> list[Table]:
    return [
        Table(_("Steps"), step_columns(), map(step_row, steps)),
        Table(_("Deliverables"), deliverable_columns(), map(deliverable_row, deliverables)),
    ]


def as_csv(steps: Iterable[TransferStep], deliverables: Iterable[Deliverable]) -> bytes:
    """One table: steps, a blank line, then deliverables, each under its own header row."""
    return csv_bytes(_tables(steps, deliverables))


def as_xlsx(
    steps: Iterable[TransferStep],
    deliverables: Iterable[Deliverable],
    indicators: list[dict] | None = None,
) -> bytes:
    """A workbook with one sheet of steps, one of deliverables and one of indicators
    (``indicators``: ``indicators.open_data.records``)."""
    tables = _tables(steps, deliverables)
    if indicators is not None:
        tables.append(open_data.sheet(indicators))
    return xlsx_bytes(tables)
