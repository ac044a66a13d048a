"""The ULG register and the meeting log (attendance and outcomes) as CSV or XLSX, for URBACT
reporting. Contact persons stay out: the register's export lists organisations only."""

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook

from meetings.models import Meeting
from workspace.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, _safe, _sheet, _yes_no

from .models import Organisation, Outcome

__all__ = ["CSV_CONTENT_TYPE", "XLSX_CONTENT_TYPE", "as_csv", "as_xlsx"]


def _day(value) -> str:
    return value.isoformat() if value else ""


def organisation_columns() -> list[str]:
    return [
        _("ID"),
        _("City"),
        _("Organisation"),
        _("Sector"),
        _("Joined on"),
        _("Left on"),
        _("May be listed publicly"),
        _("Demo"),
    ]


def organisation_row(organisation: Organisation) -> list:
    return [
        organisation.pk,
        organisation.city.name,
        organisation.name,
        organisation.get_sector_display(),
        _day(organisation.joined_on),
        _day(organisation.left_on),
        _yes_no(organisation.listed_publicly),
        _yes_no(organisation.is_demo),
    ]


def meeting_columns() -> list[str]:
    return [
        _("ID"),
        _("City"),
        _("Meeting"),
        _("Kind"),
        _("Date"),
        _("Public"),
        _("Number of people"),
        _("Organisations present"),
        _("People by sector"),
        _("Decisions"),
        _("Information"),
        _("Actions"),
    ]


def _count(meeting: Meeting, kind: str) -> int:
    return sum(1 for outcome in meeting.outcomes if outcome.kind == kind)


def meeting_row(meeting: Meeting) -> list:
    attendance = meeting.attendance
    return [
        meeting.pk,
        meeting.host_city.name if meeting.host_city_id else "",
        meeting.title,
        meeting.get_kind_display(),
        meeting.local_start.date().isoformat(),
        _yes_no(meeting.is_public),
        attendance.people if attendance else "",
        "; ".join(o.name for o in attendance.organisations.all()) if attendance else "",
        "; ".join(f"{row.get_sector_display()}: {row.people}" for row in attendance.sectors.all())
        if attendance
        else "",
        _count(meeting, Outcome.Kind.DECISION),
        _count(meeting, Outcome.Kind.INFORMATION),
        _count(meeting, Outcome.Kind.ACTION),
    ]


def outcome_columns() -> list[str]:
    return [
        _("Meeting ID"),
        _("City"),
        _("Meeting"),
        _("Kind"),
        _("Text"),
        _("Owner"),
        _("Due date"),
        _("Status"),
    ]


def outcome_rows(meetings: Iterable[Meeting]):
    for meeting in meetings:
        for outcome in meeting.outcomes:
            yield [
                meeting.pk,
                meeting.host_city.name if meeting.host_city_id else "",
                meeting.title,
                outcome.get_kind_display(),
                outcome.text,
                outcome.owner_shown,
                _day(outcome.due_date),
                outcome.get_status_display() if outcome.status else "",
            ]


def as_csv(organisations: list[Organisation], meetings: list[Meeting]) -> bytes:
    """One table: the register, the meeting log and the outcomes, each under its own header."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # spreadsheet programs then read Greek text as UTF-8
    writer = csv.writer(buffer)
    sections = [
        (_("ULG register"), organisation_columns(), map(organisation_row, organisations)),
        (_("Meeting log"), meeting_columns(), map(meeting_row, meetings)),
        (_("Outcomes"), outcome_columns(), outcome_rows(meetings)),
    ]
    for index, (title, columns, rows) in enumerate(sections):
        if index:
            writer.writerow([])
        writer.writerow([title])
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_safe(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def as_xlsx(organisations: list[Organisation], meetings: list[Meeting]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    register = map(organisation_row, organisations)
    _sheet(workbook, _("ULG register"), organisation_columns(), register)
    _sheet(workbook, _("Meeting log"), meeting_columns(), map(meeting_row, meetings))
    _sheet(workbook, _("Outcomes"), outcome_columns(), outcome_rows(meetings))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
