"""Steps and deliverables as CSV or XLSX, for URBACT reporting."""

import csv
import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from indicators import open_data
from practices.models import Deliverable, TransferStep

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


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
        step.due_date.isoformat() if step.due_date else "",
        _yes_no(step.is_overdue),
        _yes_no(step.is_unfinished_at_end),
        _when(step.updated_at),
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
        deliverable.due_date.isoformat(),
        _yes_no(deliverable.is_overdue),
        _yes_no(deliverable.is_unfinished_at_end),
        _yes_no(bool(deliverable.file)),
        _when(deliverable.updated_at),
        _who(deliverable.updated_by),
    ]


def as_csv(steps: Iterable[TransferStep], deliverables: Iterable[Deliverable]) -> bytes:
    """One table: steps, a blank line, then deliverables, each under its own header row."""
    buffer = io.StringIO()
    # A byte-order mark lets spreadsheet programs read Greek text as UTF-8.
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([_("Steps")])
    writer.writerow(step_columns())
    for step in steps:
        writer.writerow([_safe(v) for v in step_row(step)])
    writer.writerow([])
    writer.writerow([_("Deliverables")])
    writer.writerow(deliverable_columns())
    for deliverable in deliverables:
        writer.writerow([_safe(v) for v in deliverable_row(deliverable)])
    return buffer.getvalue().encode("utf-8")


def _sheet(workbook: Workbook, title: str, columns: list[str], rows: Iterable[list]):
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in columns]
    for row in rows:
        sheet.append([_safe(v) for v in row])
        widths = [max(w, len(str(v))) for w, v in zip(widths, row, strict=True)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions


def as_xlsx(
    steps: Iterable[TransferStep],
    deliverables: Iterable[Deliverable],
    indicators: list[dict] | None = None,
) -> bytes:
    """A workbook with one sheet of steps, one of deliverables and one of indicators
    (``indicators``: ``indicators.open_data.records``)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, _("Steps"), step_columns(), (step_row(s) for s in steps))
    deliverable_rows = (deliverable_row(d) for d in deliverables)
    _sheet(workbook, _("Deliverables"), deliverable_columns(), deliverable_rows)
    if indicators is not None:
        rows = open_data.sheet_rows(indicators)
        _sheet(workbook, _("Indicators"), open_data.sheet_columns(), rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
