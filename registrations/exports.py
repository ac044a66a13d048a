"""A meeting's registrations as CSV or XLSX, for the organisers (never the public)."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .models import Question, Registration

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


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
                _cell(value)
                for value in [
                    registration.name,
                    registration.email,
                    registration.organisation,
                    registration.get_status_display(),
                    registration.check_in_code,
                    _moment(registration.confirmed_at),
                    _moment(registration.checked_in_at),
                    *[answers.get(str(question.pk), "") for question in questions],
                ]
            ]
        )
    return body


def as_csv(rows: list[Registration], questions: list[Question]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheet programs read Greek as UTF-8
    writer = csv.writer(buffer)
    writer.writerow(header(questions))
    writer.writerows(table(rows, questions))
    return buffer.getvalue().encode("utf-8")


def as_xlsx(rows: list[Registration], questions: list[Question]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    sheet.append(header(questions))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table(rows, questions):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
