"""Every file the portal hands out for download: CSV, XLSX, JSON and PDF.

One CSV writer, one workbook builder and one download response, so that each rule holds once:

- **The formula guard.** A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return as a formula (OWASP's "CSV injection"). Every *text* cell
  that starts so is prefixed with ``'`` in CSV and XLSX alike, and in XLSX it is also stored as a
  string cell: openpyxl would otherwise turn text starting with ``=`` into a formula. Numbers,
  dates and booleans are not text and are left alone (``-3`` stays the number minus three);
  a reader's "yes"/"no" is the caller's choice (``yes_no``).
- **CSV** starts with a byte-order mark, so that spreadsheet programs read Greek as UTF-8; dates
  are written ``YYYY-MM-DD`` and moments ``YYYY-MM-DD HH:MM`` in the portal's time zone.
- **XLSX** keeps dates, moments and numbers as such (a date cell, a number cell), with a bold,
  frozen header row, a filter and column widths that fit the content.
- **The download** carries the right content type and a file name that every browser accepts:
  an ASCII fallback and the UTF-8 name after RFC 5987 / RFC 6266.
"""

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON = "application/json; charset=utf-8"
PDF = "application/pdf"
ICS = "text/calendar; charset=utf-8"


def media_type(content_type: str) -> str:
    """The bare media type ("text/csv") that catalogues name, without its parameters."""
    return content_type.split(";")[0]


#: A text cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
DATE_FORMAT = "yyyy-mm-dd"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60
SHEET_TITLE_LENGTH = 31  # Excel's limit


@dataclass
class Table:
    """A header row and its rows; ``title`` names the sheet (XLSX) or heads the section (CSV)."""

    title: str | None
    columns: Sequence[str]
    rows: Iterable[Sequence]


def guard(value):
    """Text that would start a formula, made plain text; every other value as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _moment(value: datetime.datetime) -> datetime.datetime:
    """A moment in the portal's time zone, without the zone (spreadsheets have none)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None, microsecond=0)


# --- CSV --------------------------------------------------------------------------------------


def _csv_cell(value) -> str | int | float | Decimal:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return _moment(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):  # booleans too: True/False
        return value
    return guard(str(value))


def csv_text(tables: Iterable[Table]) -> str:
    """The tables one under another, a blank line between them, each under its title (if any)
    and its header row; starts with the byte-order mark."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        if table.title:
            writer.writerow([guard(str(table.title))])
        writer.writerow([guard(str(column)) for column in table.columns])
        for row in table.rows:
            writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue()


def csv_bytes(tables: Iterable[Table]) -> bytes:
    return csv_text(tables).encode("utf-8")


# --- XLSX -------------------------------------------------------------------------------------


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _put(sheet, row: int, column: int, value) -> None:
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return
    if isinstance(value, datetime.datetime):
        cell.value = _moment(value)
        cell.number_format = MOMENT_FORMAT
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float | Decimal):  # booleans too: a TRUE/FALSE cell
        cell.value = value
    else:
        # Set the type after the value: openpyxl infers "formula" from a leading "=".
        cell.value = guard(str(value))
        cell.data_type = TYPE_STRING


def add_sheet(workbook: Workbook, table: Table) -> None:
    """One sheet: a bold, frozen header with a filter, real dates and numbers, guarded text and
    columns as wide as their content (within reason)."""
    sheet = workbook.create_sheet(title=str(table.title or _("Sheet"))[:SHEET_TITLE_LENGTH])
    widths = []
    for column, name in enumerate(table.columns, start=1):
        _put(sheet, 1, column, str(name))
        sheet.cell(row=1, column=column).font = Font(bold=True)
        widths.append(_width(name))
    row_number = 1
    for row_number, row in enumerate(table.rows, start=2):
        for column, value in enumerate(row, start=1):
            _put(sheet, row_number, column, value)
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], _width(value))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, max(8, width + 2))
    sheet.freeze_panes = "A2"
    if row_number > 1:
        sheet.auto_filter.ref = sheet.dimensions


def xlsx_bytes(tables: Iterable[Table]) -> bytes:
    """A workbook with one sheet per table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        add_sheet(workbook, table)
    if not workbook.worksheets:
        workbook.create_sheet(_("Sheet"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- The download -----------------------------------------------------------------------------


def ascii_filename(name: str) -> str:
    """``name`` in plain ASCII letters, digits, dots, hyphens and underscores; accents dropped,
    anything else (quotes, slashes, spaces, Greek) a hyphen."""
    stem, dot, extension = name.rpartition(".")
    if not (dot and re.fullmatch(r"[A-Za-z0-9]{1,8}", extension)):
        stem, extension = name, ""

    def plain(part: str) -> str:
        ascii_only = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode()
        return re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_only)).strip("-.")

    stem, extension = plain(stem) or "download", plain(extension)
    return f"{stem}.{extension}" if extension else stem


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    kind = "attachment" if attachment else "inline"
    fallback = ascii_filename(filename)
    # The full name for browsers that read RFC 5987, minus what no file name may hold.
    full = re.sub(r'[\x00-\x1f\x7f/\\"]+', "-", filename).strip().lstrip(".-") or fallback
    header = f'{kind}; filename="{fallback}"'
    if full != fallback:
        header += f"; filename*=UTF-8''{quote(full, safe='')}"
    return header


def download(
    body: bytes | str, *, filename: str, content_type: str, attachment: bool = True
) -> HttpResponse:
    """The response that hands a file out: its type, and its name in a safe header."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, attachment=attachment)
    return response


def csv_download(tables: Iterable[Table], *, filename: str) -> HttpResponse:
    return download(csv_bytes(tables), filename=filename, content_type=CSV)


def xlsx_download(tables: Iterable[Table], *, filename: str) -> HttpResponse:
    return download(xlsx_bytes(tables), filename=filename, content_type=XLSX)
