"""common.exports: the one CSV writer, sheet builder and download response every export uses."""

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from common import exports
from common.exports import Table

ROOT = Path(__file__).resolve().parents[2]
DANGEROUS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","y")']


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_would_start_a_formula_is_guarded(text):
    assert exports.guard(text) == "'" + text


@pytest.mark.parametrize("value", ["Πειραιάς", "a=b", " =1", 5, -3, Decimal("-2.5"), None])
def test_other_values_are_left_alone(value):
    assert exports.guard(value) == value


def table():
    moment = timezone.make_aware(dt.datetime(2025, 3, 4, 9, 30))
    return Table(
        "Βήματα",
        ["Title", "Due", "Changed", "Progress", "Value"],
        [
            ["=1+1", dt.date(2025, 3, 31), moment, 40, Decimal("-2.5")],
            ["Ασφαλείς παιδικές χαρές, με έναν αρκετά μακρύ τίτλο", None, None, -3, None],
        ],
    )


def test_csv_starts_with_a_bom_and_guards_text_only():
    data = exports.csv_bytes([table(), Table(None, ["A"], [["@x"]])])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Βήματα"]
    assert rows[1] == ["Title", "Due", "Changed", "Progress", "Value"]
    assert rows[2] == ["'=1+1", "2025-03-31", "2025-03-04 09:30", "40", "-2.5"]
    assert rows[3][3] == "-3"  # a number, not text to guard
    assert rows[4] == [] and rows[5] == ["A"] and rows[6] == ["'@x"]  # untitled: header first


def test_a_title_or_header_is_guarded_too():
    rows = list(csv.reader(io.StringIO(exports.csv_text([Table("=t", ["-h"], [])])[1:])))
    assert rows == [["'=t"], ["'-h"]]


def test_the_sheet_keeps_types_and_guards_text():
    workbook = load_workbook(io.BytesIO(exports.xlsx_bytes([table()])))
    sheet = workbook["Βήματα"]
    title = sheet["A2"]
    assert title.data_type == "s" and title.value == "'=1+1"
    assert sheet["B2"].is_date and sheet["B2"].value == dt.datetime(2025, 3, 31)
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet["C2"].is_date and sheet["C2"].value == dt.datetime(2025, 3, 4, 9, 30)
    assert sheet["D2"].data_type == "n" and sheet["D2"].value == 40
    assert sheet["E2"].value == -2.5 and sheet["D3"].value == -3
    assert sheet["B3"].value is None
    # A bold, frozen header with a filter; columns as wide as their content, within limits.
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E3"
    assert sheet.column_dimensions["A"].width == len(table().rows[1][0]) + 2
    assert sheet.column_dimensions["B"].width == 12
    assert sheet.column_dimensions["D"].width == 10  # never narrower than 8 + 2


def test_very_long_text_is_capped_and_titles_cut_to_31_characters():
    long = Table("A" * 40, ["Text"], [["x" * 500]])
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes([long]))).worksheets[0]
    assert sheet.title == "A" * 31
    assert sheet.column_dimensions["A"].width == exports.MAX_WIDTH


def test_an_empty_workbook_still_opens():
    assert load_workbook(io.BytesIO(exports.xlsx_bytes([]))).worksheets


@pytest.mark.parametrize(
    ("name", "header"),
    [
        (
            "citisense-progress-2025-03-04.csv",
            'attachment; filename="citisense-progress-2025-03-04.csv"',
        ),
        (
            "Πειραιάς έκθεση.xlsx",
            "attachment; filename=\"download.xlsx\"; filename*=UTF-8''"
            "%CE%A0%CE%B5%CE%B9%CF%81%CE%B1%CE%B9%CE%AC%CF%82%20%CE%AD%CE%BA%CE%B8%CE%B5%CF%83%CE%B7.xlsx",
        ),
        (
            'Rīga "ULG"\r\n.csv',
            "attachment; filename=\"Riga-ULG.csv\"; filename*=UTF-8''R%C4%ABga%20-ULG-.csv",
        ),
        (
            "../../etc/passwd",
            'attachment; filename="etc-passwd"',
        ),
    ],
)
def test_the_file_name_is_safe_ascii_with_the_utf8_name_beside_it(name, header):
    assert exports.content_disposition(name) == header


def test_the_download_has_its_content_type_and_name():
    response = exports.download(
        b"{}", filename="data.json", content_type=exports.JSON, attachment=False
    )
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="data.json"'
    assert exports.CSV == "text/csv; charset=utf-8"
    assert exports.XLSX == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_no_other_module_writes_its_own_bom_content_type_or_guard():
    """Each rule lives once: no byte-order mark, spreadsheet, CSV or calendar content type,
    hand-written download header, formula guard or openpyxl workbook outside common/exports.py."""
    needles = [
        "\\ufeff",
        "spreadsheetml",
        '"text/csv',
        '"text/calendar',
        '["Content-Disposition"]',
        "FORMULA",
        "from openpyxl",
        "csv.writer",
        "csv.DictWriter",
    ]
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "tests", "var", "build", "node_modules"}:
            continue
        if relative == Path("common/exports.py") or "migrations" in relative.parts:
            continue
        text = path.read_text(encoding="utf-8")
        # The upload checks list the MIME types of accepted files, xlsx among docx and pptx.
        allowed = {"spreadsheetml"} if relative == Path("common/uploads.py") else set()
        offenders += [
            f"{relative}: {needle}"
            for needle in needles
            if needle in text and needle not in allowed
        ]
    assert offenders == []
