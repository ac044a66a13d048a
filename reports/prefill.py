"""The facts a city report is pre-filled with, one section builder per kind of fact.

Each builder reads what the portal holds about one city in one period and returns plain,
JSON-serialisable data: the draft shows it live, and submitting stores it as the report's
snapshot, so that what was reported never moves when steps or files change later. Translated
names are kept in every language (``{"el": …, "en": …}``) so the snapshot reads in the
reader's language; choices are kept as codes and labelled when shown.

Each section is rendered by its own template partial (``reports/sections/<key>.html``).
"""

import datetime as dt
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from cities.models import City
from indicators.models import Measurement
from meetings.models import Meeting, Participation
from practices.models import Deliverable, DeliverableUpload, StepEvidence, Transfer, TransferStep
from practices.selectors import PHASE_ORDER
from ulg.privacy import owner_for
from ulg.selectors import attach_closeout, held_meetings, meetings_held_with_closeout

from .models import ReportingPeriod


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise
    build: Callable[..., dict]

    @property
    def template(self) -> str:
        return f"reports/sections/{self.key}.html"


def period_bounds(period: ReportingPeriod) -> tuple[dt.datetime, dt.datetime]:
    """The period as [first moment, moment after the last day), in the portal's time zone."""
    zone = timezone.get_default_timezone()
    start = dt.datetime.combine(period.start_date, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(period.end_date + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end


def _languages(row: dict, field: str, prefix: str = "") -> dict[str, str]:
    return {
        lang: row[f"{prefix}{build_localized_fieldname(field, lang)}"] or ""
        for lang in settings.MODELTRANSLATION_LANGUAGES
    }


def _day(moment: dt.datetime) -> str:
    return timezone.localtime(moment).date().isoformat()


# --- Steps changed ----------------------------------------------------------------------------


def steps_changed(*, city: City, period: ReportingPeriod) -> dict:
    """Steps whose status or progress moved in the period, from the steps' history: what they
    were when the period began (nothing, for a step added in it) and at its end."""
    start, end = period_bounds(period)
    history = TransferStep.history.model
    fields = ("id", "title", "phase", "status", "progress", "transfer_id", "history_type")
    last_in_period: dict[int, dict] = {}
    for record in (
        history.objects.filter(
            transfer__city_id=city.pk, history_date__gte=start, history_date__lt=end
        )
        .order_by("history_date", "history_id")
        .values(*fields, "history_date")
    ):
        last_in_period[record["id"]] = record
    before: dict[int, dict] = {}
    for record in (
        history.objects.filter(id__in=list(last_in_period), history_date__lt=start)
        .order_by("history_date", "history_id")
        .values(*fields)
    ):
        before[record["id"]] = record
    transfers = {
        row["pk"]: row
        for row in Transfer.objects.filter(city_id=city.pk).values(
            "pk",
            "practice__order",
            # Every language: the snapshot is read later in whichever language its reader uses.
            *(
                build_localized_fieldname("practice__title", lang)
                for lang in settings.MODELTRANSLATION_LANGUAGES
            ),
        )
    }
    rows = []
    for step_id, new in last_in_period.items():
        old = before.get(step_id)
        if old is not None and old["history_type"] == "-":
            old = None
        removed = new["history_type"] == "-"
        if (
            old
            and not removed
            and (old["status"], old["progress"])
            == (
                new["status"],
                new["progress"],
            )
        ):
            continue  # only its notes or title changed
        transfer = transfers.get(new["transfer_id"])
        rows.append(
            {
                "step_id": step_id,
                "title": new["title"],
                "practice": _languages(transfer, "title", "practice__") if transfer else {},
                "practice_order": transfer["practice__order"] if transfer else 0,
                "phase": new["phase"],
                "old_status": old["status"] if old else None,
                "old_progress": old["progress"] if old else None,
                "new_status": None if removed else new["status"],
                "new_progress": None if removed else new["progress"],
                "changed_on": _day(new["history_date"]),
            }
        )
    phase_rank = {phase.value: index for index, phase in enumerate(PHASE_ORDER)}
    rows.sort(key=lambda r: (r["practice_order"], phase_rank.get(r["phase"], 9), r["title"]))
    return {"rows": rows}


# --- Evidence and deliverables ----------------------------------------------------------------


def evidence_uploaded(*, city: City, period: ReportingPeriod) -> dict:
    start, end = period_bounds(period)
    evidence = (
        StepEvidence.objects.filter(
            step__transfer__city_id=city.pk, uploaded_at__gte=start, uploaded_at__lt=end
        )
        .order_by("uploaded_at", "pk")
        .values(
            "pk", "original_name", "description", "size", "uploaded_at", "step_id", "step__title"
        )
    )
    return {
        "rows": [
            {
                "evidence_id": row["pk"],
                "name": row["original_name"],
                "description": row["description"],
                "size": row["size"],
                "uploaded_on": _day(row["uploaded_at"]),
                "step_id": row["step_id"],
                "step": row["step__title"],
            }
            for row in evidence
        ]
    }


def deliverables(*, city: City, period: ReportingPeriod) -> dict:
    """The city's deliverables due in the period or with a file uploaded in it, and those files."""
    start, end = period_bounds(period)
    uploads: dict[int, list[dict]] = {}
    for row in (
        DeliverableUpload.objects.filter(
            deliverable__city_id=city.pk, uploaded_at__gte=start, uploaded_at__lt=end
        )
        .order_by("uploaded_at", "pk")
        .values("pk", "deliverable_id", "original_name", "size", "uploaded_at")
    ):
        uploads.setdefault(row["deliverable_id"], []).append(
            {
                "upload_id": row["pk"],
                "name": row["original_name"],
                "size": row["size"],
                "uploaded_on": _day(row["uploaded_at"]),
            }
        )
    items = (
        Deliverable.objects.filter(city_id=city.pk)
        .filter(
            Q(due_date__gte=period.start_date, due_date__lte=period.end_date)
            | Q(pk__in=list(uploads))
        )
        .order_by("due_date", "kind", "pk")
        .values("pk", "kind", "title", "phase", "status", "due_date")
    )
    return {
        "rows": [
            {
                "deliverable_id": row["pk"],
                "kind": row["kind"],
                "title": row["title"],
                "phase": row["phase"],
                "status": row["status"],
                "due_date": row["due_date"].isoformat(),
                "files": uploads.get(row["pk"], []),
            }
            for row in items
        ]
    }


# --- Meetings ---------------------------------------------------------------------------------


def _languages_of(obj, field: str) -> dict[str, str]:
    return {
        lang: getattr(obj, build_localized_fieldname(field, lang)) or ""
        for lang in settings.MODELTRANSLATION_LANGUAGES
    }


def _closeout(meeting: Meeting) -> dict:
    """What the meeting's close-out recorded: attendance (or None) and outcomes.

    An action owned by a person keeps no owner here (``ulg.privacy.owner_for`` with no reader):
    a report is read by the lead expert and other cities' people, and is frozen once submitted.
    """
    recorded = meeting.attendance
    attendance = None
    if recorded is not None:
        attendance = {
            "people": recorded.people,
            "organisations": [organisation.name for organisation in recorded.organisations.all()],
            "sectors": [
                {"sector": row.sector, "people": row.people}
                for row in sorted(recorded.sectors.all(), key=lambda row: row.sector)
            ],
        }
    return {
        "attendance": attendance,
        "outcomes": [
            {
                "kind": outcome.kind,
                "text": outcome.text,
                "status": outcome.status,
                "due_date": outcome.due_date.isoformat() if outcome.due_date else None,
                "owner": owner_for(None, outcome, host_city_id=meeting.host_city_id, hidden=""),
            }
            for outcome in meeting.outcomes
        ],
    }


def meetings_in_period(*, city: City, period: ReportingPeriod) -> list[dict]:
    """Meetings held in the period that the city hosted or its people were invited to: kind,
    title in every language, date, host, the close-out (attendance, outcomes) and, for a
    meeting without recorded attendance, how many invitees said they would come."""
    hosted = meetings_held_with_closeout(city, period.start_date, period.end_date)
    members = Participation.objects.filter(user__memberships__city_id=city.pk)
    invited = attach_closeout(
        list(
            held_meetings()
            .filter(
                network_id=city.network_id,
                start__date__gte=period.start_date,
                start__date__lte=period.end_date,
                pk__in=members.values("meeting_id"),
            )
            .exclude(host_city_id=city.pk)
            .select_related("host_city")
            .order_by("start", "pk")
        )
    )
    meetings = sorted([*hosted, *invited], key=lambda meeting: (meeting.start, meeting.pk))
    said_yes = {
        row["meeting_id"]: row
        for row in Participation.objects.filter(
            meeting_id__in=[meeting.pk for meeting in meetings],
            rsvp=Participation.RSVP.ATTENDING,
        )
        .values("meeting_id")
        .annotate(
            people=Count("user_id", distinct=True),
            from_city=Count("user_id", filter=Q(user__memberships__city_id=city.pk), distinct=True),
        )
    }
    rows = []
    for meeting in meetings:
        host = city if meeting.host_city_id == city.pk else meeting.host_city
        rsvp = said_yes.get(meeting.pk, {})
        rows.append(
            {
                "meeting_id": meeting.pk,
                "kind": meeting.kind,
                "title": _languages_of(meeting, "title"),
                "date": meeting.start.astimezone(zoneinfo.ZoneInfo(meeting.timezone))
                .date()
                .isoformat(),
                "host": _languages_of(host, "name") if host else {},
                "rsvp": {"people": rsvp.get("people", 0), "from_city": rsvp.get("from_city", 0)},
                "minutes": _languages_of(meeting, "minutes_summary"),
                **_closeout(meeting),
            }
        )
    return rows


def meetings_held(*, city: City, period: ReportingPeriod) -> dict:
    rows = meetings_in_period(city=city, period=period)
    return {
        "ulg": [row for row in rows if row["kind"] == Meeting.Kind.LOCAL_ULG],
        "other": [row for row in rows if row["kind"] != Meeting.Kind.LOCAL_ULG],
    }


# --- Indicators -------------------------------------------------------------------------------


def _number(value) -> str | None:
    return None if value is None else str(value)


def indicator_measurements(*, city: City, period: ReportingPeriod) -> dict:
    """The city's indicator measurements dated in the period, with the indicator's name and
    unit in every language, its baseline and target (numbers kept as text, exactly)."""
    measurements = (
        Measurement.objects.filter(
            series__city_id=city.pk,
            measured_on__gte=period.start_date,
            measured_on__lte=period.end_date,
        )
        .select_related("series__indicator")
        .order_by("series__indicator__order", "series__indicator__slug", "measured_on", "pk")
    )
    return {
        "rows": [
            {
                "measurement_id": measurement.pk,
                "indicator": _languages_of(measurement.series.indicator, "name"),
                "unit": _languages_of(measurement.series.indicator, "unit"),
                "unit_one": _languages_of(measurement.series.indicator, "unit_one"),
                "decimal_places": measurement.series.indicator.decimal_places,
                "value": _number(measurement.value),
                "date": measurement.measured_on.isoformat(),
                "note": measurement.note,
                "baseline": _number(measurement.series.baseline_value),
                "target": _number(measurement.series.target_value),
                "is_demo": measurement.is_demo or measurement.series.is_demo,
            }
            for measurement in measurements
        ]
    }


SECTIONS: list[Section] = [
    Section("steps", _("Steps changed"), steps_changed),
    Section("evidence", _("Evidence uploaded"), evidence_uploaded),
    Section("deliverables", _("Deliverables and their files"), deliverables),
    Section("meetings", _("Meetings held"), meetings_held),
    Section("indicators", _("Indicator measurements"), indicator_measurements),
]
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}


def build_prefill(*, city: City, period: ReportingPeriod) -> list[dict]:
    """Every section's data for the city and period, in report order."""
    return [
        {"key": section.key, "data": section.build(city=city, period=period)}
        for section in SECTIONS
    ]
