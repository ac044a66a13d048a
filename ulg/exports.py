"""The ULG register and the meeting log (attendance and outcomes) as CSV or XLSX, for URBACT
reporting. Contact persons stay out: the register's export lists organisations only."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from common.exports import Table, csv_bytes, xlsx_bytes, yes_no
from meetings.models import Meeting

from .models import Organisation, Outcome


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
        organisation.joined_on,
        organisation.left_on,
        yes_no(organisation.listed_publicly),
        yes_no(organisation.is_demo),
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
        meeting.local_start.date(),
        yes_no(meeting.is_public),
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
                outcome.due_date,
                outcome.get_status_display() if outcome.status else "",
            ]


def _tables(organisations: list[Organisation], meetings: list[Meeting]) -> list[Table]:
    return [
        Table(_("ULG register"), organisation_columns(), map(organisation_row, organisations)),
        Table(_("Meeting log"), meeting_columns(), map(meeting_row, meetings)),
        Table(_("Outcomes"), outcome_columns(), outcome_rows(meetings)),
    ]


def as_csv(organisations: list[Organisation], meetings: list[Meeting]) -> bytes:
    """One table: the register, the meeting log and the outcomes, each under its own header."""
    return csv_bytes(_tables(organisations, meetings))


def as_xlsx(organisations: list[Organisation], meetings: list[Meeting]) -> bytes:
    return xlsx_bytes(_tables(organisations, meetings))
