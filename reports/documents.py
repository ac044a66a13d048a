"""The network report of a period: the accepted city reports as a PDF, their tables as XLSX.

The PDF is rendered by WeasyPrint from a Django template. Its only resource is the DejaVu font
from the system's packages (Debian's fonts-dejavu-core, with Greek and Latin glyphs), declared
in the stylesheet by a local file URL; the URL fetcher refuses everything else, so rendering
never reaches another host.
"""

import io
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .models import ReportingPeriod
from .selectors import accepted_reports, narrative_of, network_period, sections_of
from .templatetags.reports_tags import label, percent, translated

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT_FILES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}


def _font_dir() -> Path:
    return Path(settings.REPORTS_FONT_DIR).resolve()


def _is_local_font(url: str) -> bool:
    if not url.startswith("file://"):
        return False
    return Path(url.removeprefix("file://")).resolve().is_relative_to(_font_dir())


def _local_fonts_only():
    """WeasyPrint's URL fetcher, allowed to read the font folder and nothing else."""
    from weasyprint.urls import URLFetcher

    class LocalFontFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not _is_local_font(url):
                raise ValueError(f"The PDF report may not load {url}")
            return super().fetch(url, headers)

    return LocalFontFetcher(allowed_protocols=["file"])


def _entries(period: ReportingPeriod) -> list[dict]:
    return [
        {
            "report": report,
            "anchor": f"city-{report.city.slug}",
            "sections": sections_of(report),
            "narrative": narrative_of(report),
        }
        for report in accepted_reports(period=period)
    ]


def network_pdf(*, period: ReportingPeriod) -> bytes:
    from weasyprint import HTML

    fonts = {name: (_font_dir() / file).as_uri() for name, file in FONT_FILES.items()}
    html = render_to_string(
        "reports/pdf/network_report.html",
        {
            "period": period,
            "network": period.network,
            "entries": _entries(period),
            "fonts": fonts,
            "generated": timezone.localdate(),
        },
    )
    return HTML(string=html, url_fetcher=_local_fonts_only()).write_pdf()


# --- XLSX -------------------------------------------------------------------------------------


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def _outcome(outcome: dict) -> str:
    return f"{label(outcome['kind'], 'outcome_kind')}: {outcome['text']}"


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: list[list]) -> None:
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"


def network_xlsx(*, period: ReportingPeriod) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    statuses = network_period(period=period)
    _sheet(
        workbook,
        _("Cities"),
        [_("City"), _("Status"), _("Submitted"), _("Accepted")],
        [
            [
                entry.city.name,
                label(entry.status, "report_status") if entry.report else _("Not started"),
                timezone.localtime(entry.report.submitted_at).strftime("%Y-%m-%d %H:%M")
                if entry.report and entry.report.submitted_at
                else "",
                timezone.localtime(entry.report.accepted_at).strftime("%Y-%m-%d %H:%M")
                if entry.report and entry.report.accepted_at
                else "",
            ]
            for entry in statuses
        ],
    )
    steps, evidence, deliverables, meetings, indicators = [], [], [], [], []
    for entry in _entries(period):
        city = entry["report"].city.name
        data = {item["section"].key: item["data"] for item in entry["sections"]}
        for row in data.get("steps", {}).get("rows", []):
            steps.append(
                [
                    city,
                    translated(row["practice"]),
                    label(row["phase"], "phase"),
                    row["title"],
                    label(row["old_status"], "status"),
                    label(row["new_status"], "status"),
                    percent(row["old_progress"]),
                    percent(row["new_progress"]),
                    row["changed_on"],
                ]
            )
        for row in data.get("evidence", {}).get("rows", []):
            evidence.append(
                [city, row["step"], row["name"], row["description"], row["uploaded_on"]]
            )
        for row in data.get("deliverables", {}).get("rows", []):
            files = ", ".join(f["name"] for f in row["files"])
            deliverables.append(
                [
                    city,
                    row["title"] or label(row["kind"], "deliverable_kind"),
                    label(row["status"], "status"),
                    row["due_date"],
                    files,
                ]
            )
        found = data.get("meetings", {})
        for row in [*found.get("ulg", []), *found.get("other", [])]:
            attendance = row.get("attendance") or {}
            meetings.append(
                [
                    city,
                    translated(row["title"]),
                    label(row["kind"], "meeting_kind"),
                    row["date"],
                    translated(row.get("host")),
                    attendance.get("people"),
                    ", ".join(attendance.get("organisations", [])),
                    row.get("rsvp", {}).get("people"),
                    "; ".join(_outcome(outcome) for outcome in row["outcomes"]),
                ]
            )
        for row in data.get("indicators", {}).get("rows", []):
            indicators.append(
                [
                    city,
                    translated(row["indicator"]),
                    _decimal(row["value"]),
                    translated(row.get("unit")),
                    _decimal(row.get("baseline")),
                    _decimal(row.get("target")),
                    row["date"],
                    row.get("note", ""),
                ]
            )
    _sheet(
        workbook,
        _("Steps changed"),
        [
            _("City"),
            _("Practice"),
            _("Phase"),
            _("Step"),
            _("Status before"),
            _("Status after"),
            _("Progress before"),
            _("Progress after"),
            _("Changed on"),
        ],
        steps,
    )
    _sheet(
        workbook,
        _("Evidence"),
        [_("City"), _("Step"), _("File"), _("Description"), _("Uploaded on")],
        evidence,
    )
    _sheet(
        workbook,
        _("Deliverables"),
        [_("City"), _("Deliverable"), _("Status"), _("Due date"), _("Files")],
        deliverables,
    )
    _sheet(
        workbook,
        _("Meetings"),
        [
            _("City"),
            _("Meeting"),
            _("Kind"),
            _("Date"),
            _("Host"),
            _("People present"),
            _("Organisations present"),
            _("Said they would attend"),
            _("Outcomes"),
        ],
        meetings,
    )
    _sheet(
        workbook,
        _("Indicators"),
        [
            _("City"),
            _("Indicator"),
            _("Value"),
            _("Unit"),
            _("Baseline"),
            _("Target"),
            _("Date"),
            _("Note"),
        ],
        indicators,
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
