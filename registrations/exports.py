"""A meeting's registrations as CSV or XLSX, for the organisers (never the public)."""

from django.utils.translation import gettext as _

from common.exports import Table, csv_bytes, xlsx_bytes

from .models import Question, Registration


def header(questions: list[Question]) -> list[str]:
    return [
        _("Name"),
        _("Email"),
        _("Organisation"),
        _("Status"),
        _("Check-in code"),
        _("Email confirmed at"),
        _("Checked in at"),
        *[question.label for question in questions],
    ]


def table(rows: list[Registration], questions: list[Question]) -> list[list]:
    body = []
    for registration in rows:
        answers = registration.answers or {}
        body.append(
            [
                registration.name,
                registration.email,
                registration.organisation,
                registration.get_status_display(),
                registration.check_in_code,
                registration.confirmed_at,
                registration.checked_in_at,
                *[answers.get(str(question.pk), "") for question in questions],
            ]
        )
    return body


def as_csv(rows: list[Registration], questions: list[Question]) -> bytes:
    return csv_bytes([Table(None, header(questions), table(rows, questions))])


def as_xlsx(rows: list[Registration], questions: list[Question]) -> bytes:
    return xlsx_bytes([Table(_("Registrations"), header(questions), table(rows, questions))])
