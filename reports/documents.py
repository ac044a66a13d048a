"""The network report of a period: every partner city's state, then the accepted city reports,
as a PDF and as XLSX tables (through ``common.exports``).

The PDF is rendered by WeasyPrint from a Django template. Its only resource is the DejaVu font
from the system's packages (Debian's fonts-dejavu-core, with Greek and Latin glyphs), declared
in the stylesheet by a local file URL; the URL fetcher refuses everything else, so rendering
never reaches another host.
"""

import datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from common.exports import Table, xlsx_bytes

from .models import ReportingPeriod
from .selectors import accepted_reports, narrative_of, network_period, sections_of, state_counts
from .templatetags.reports_tags import label, translated

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
    """The cover (the network, the period, how many cities are in each state and every partner
    city with its state), then one section per accepted report."""
    from weasyprint import HTML

    fonts = {name: (_font_dir() / file).as_uri() for name, file in FONT_FILES.items()}
    statuses = network_period(period=period)
    html = render_to_string(
        "reports/pdf/network_report.html",
        {
            "period": period,
            "network": period.network,
            "cities": statuses,
            "counts": state_counts(statuses),
            "entries": _entries(period),
            "fonts": fonts,
            "generated": timezone.localdate(),
        },
    )
    return HTML(string=html, url_fetcher=_local_fonts_only()).write_pdf()


# --- XLSX -------------------------------------------------------------------------------------
# The snapshot stores dates as ISO text; the sheets hold them as dates, and numbers as numbers.


def _day(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value[:10]) if value else None


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _outcome(outcome: dict) -> str:
    return f"{label(outcome['kind'], 'outcome_kind')}: {outcome['text']}"


def _summary(period: ReportingPeriod, statuses) -> Table:
    rows = [
        [_("Network"), period.network.name],
        [_("Period"), str(period)],
        [_("Start date"), period.start_date],
        [_("End date"), period.end_date],
        [_("Due date"), period.due_date],
        [_("Compiled on"), timezone.localdate()],
        [_("Partner cities"), len(statuses)],
        *([count.label, count.count] for count in state_counts(statuses)),
    ]
    return Table(_("Summary"), [_("Network report"), ""], rows)


def _cities(statuses) -> Table:
    return Table(
        _("Cities"),
        [_("City"), _("Status"), _("Submitted"), _("Accepted")],
        [
            [
                entry.city.name,
                entry.state_label,
                entry.report.submitted_at if entry.report else None,
                entry.report.accepted_at if entry.report else None,
            ]
            for entry in statuses
        ],
    )


def network_xlsx(*, period: ReportingPeriod) -> bytes:
    """A summary sheet, every partner city with its state, then the accepted reports' tables."""
    statuses = network_period(period=period)
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
                    row["old_progress"],
                    row["new_progress"],
                    _day(row["changed_on"]),
                ]
            )
        for row in data.get("evidence", {}).get("rows", []):
            evidence.append(
                [city, row["step"], row["name"], row["description"], _day(row["uploaded_on"])]
            )
        for row in data.get("deliverables", {}).get("rows", []):
            files = ", ".join(f["name"] for f in row["files"])
            deliverables.append(
                [
                    city,
                    row["title"] or label(row["kind"], "deliverable_kind"),
                    label(row["status"], "status"),
                    _day(row["due_date"]),
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
                    _day(row["date"]),
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
                    _day(row["date"]),
                    row.get("note", ""),
                ]
            )
    columns = {
        "steps": [
            _("City"),
            _("Practice"),
            _("Phase"),
            _("Step"),
            _("Status before"),
            _("Status after"),
            _("Progress before (%)"),
            _("Progress after (%)"),
            _("Changed on"),
        ],
        "evidence": [_("City"), _("Step"), _("File"), _("Description"), _("Uploaded on")],
        "deliverables": [_("City"), _("Deliverable"), _("Status"), _("Due date"), _("Files")],
        "meetings": [
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
        "indicators": [
            _("City"),
            _("Indicator"),
            _("Value"),
            _("Unit"),
            _("Baseline"),
            _("Target"),
            _("Date"),
            _("Note"),
        ],
    }
    return xlsx_bytes(
        [
            _summary(period, statuses),
            _cities(statuses),
            Table(_("Steps changed"), columns["steps"], steps),
            Table(_("Evidence"), columns["evidence"], evidence),
            Table(_("Deliverables"), columns["deliverables"], deliverables),
            Table(_("Meetings"), columns["meetings"], meetings),
            Table(_("Indicators"), columns["indicators"], indicators),
        ]
    )
