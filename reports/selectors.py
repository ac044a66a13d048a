"""Read-side queries for reporting periods and city reports, and who may do what with them.

A coordinator reads and writes their own city's reports; lead staff and the lead expert read
every city's; only lead staff accept or reopen. Every view looks reports up inside
``reports_visible_to``, so another city's report is simply not found (404).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from cities.models import City, Membership, Network
from cities.selectors import (
    cities_visible_to,
    editable_city_ids,
    follows_whole_network,
    is_lead_staff,
    visible_city_ids,
)

from .models import CityReport, ReportingPeriod, ReportTransition
from .prefill import SECTIONS_BY_KEY, build_prefill

#: The narrative sections, in report order; the first and last must be written to submit.
NARRATIVE_FIELDS = ["achievements", "difficulties", "next_steps"]
REQUIRED_NARRATIVE = ["achievements", "next_steps"]


# --- Permissions ------------------------------------------------------------------------------


def reports_visible_to(user, network: Network | None = None) -> QuerySet[CityReport]:
    """The reports of the cities the person sees: every city of the networks they follow,
    their own cities' elsewhere; of ``network`` only, when given."""
    reports = CityReport.objects.select_related("period__network", "city", "updated_by")
    if not user.is_authenticated:
        return reports.none()
    return reports.filter(city__in=cities_visible_to(user, network))


def is_author(user, city: City) -> bool:
    """The city's own coordinators write its report (lead staff review it); whether they may
    still write today is the one write rule's answer (``cities.permissions.may_write``)."""
    return user.is_authenticated and city.pk in editable_city_ids(user)


def may_review(user, network: Network | int) -> bool:
    """Lead staff of the network accept and reopen its cities' reports."""
    return is_lead_staff(user, network)


def reporting_cities(*, network: Network) -> QuerySet[City]:
    """The cities that report: every partner still active (the lead partner included)."""
    return City.objects.filter(network=network).active().order_by("order", "slug")


# --- Lists ------------------------------------------------------------------------------------


@dataclass
class OwnReport:
    """A coordinator's city and its report for a period (None until started); when the report
    was reopened, the reopening with the lead's comment."""

    city: City
    report: CityReport | None
    reopening: ReportTransition | None = None


@dataclass
class PeriodRow:
    period: ReportingPeriod
    # For a coordinator: their cities' reports.
    own: list[OwnReport] = field(default_factory=list)
    # For those who follow the network: how many cities submitted (or were accepted) and were
    # accepted, out of how many.
    submitted: int = 0
    accepted: int = 0
    cities: int = 0


def periods(*, network: Network) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(network=network).order_by("number")


def period_rows(*, user, network: Network) -> list[PeriodRow]:
    """The network's periods with what this person needs to see of each (three queries)."""
    rows = [PeriodRow(period=period) for period in periods(network=network)]
    if follows_whole_network(user, network):
        city_count = reporting_cities(network=network).count()
        counts = {
            row["period_id"]: row
            for row in CityReport.objects.filter(period__network=network)
            .values("period_id")
            .annotate(
                submitted=Count("pk", filter=Q(status__in=["submitted", "accepted"])),
                accepted=Count("pk", filter=Q(status="accepted")),
            )
        }
        for row in rows:
            found = counts.get(row.period.pk, {})
            row.submitted, row.accepted = found.get("submitted", 0), found.get("accepted", 0)
            row.cities = city_count
        return rows
    cities = list(reporting_cities(network=network).filter(pk__in=visible_city_ids(user, network)))
    reports = {
        (report.period_id, report.city_id): report
        for report in CityReport.objects.filter(period__network=network, city__in=cities).only(
            "pk", "period_id", "city_id", "status"
        )
    }
    reopenings = reopening_comments(reports=reports.values())
    for row in rows:
        row.own = [
            OwnReport(
                city=city, report=report, reopening=reopenings.get(report.pk) if report else None
            )
            for city in cities
            for report in [reports.get((row.period.pk, city.pk))]
        ]
    return rows


#: A city's state for a period before it opens its report.
NOT_STARTED = "not_started"
#: Every state a city can be in for a period, in the order a report moves through them.
STATES = [NOT_STARTED, *CityReport.Status.values]


def state_label(state: str) -> str:
    if state == NOT_STARTED:
        return str(_("Not started"))
    return str(CityReport.Status(state).label)


@dataclass
class CityStatus:
    city: City
    report: CityReport | None

    @property
    def status(self) -> str:
        return self.report.status if self.report else ""

    @property
    def state(self) -> str:
        """The city's state for the period, "not started" included."""
        return self.report.status if self.report else NOT_STARTED

    @property
    def state_label(self) -> str:
        return state_label(self.state)


@dataclass
class StateCount:
    state: str
    label: str
    count: int


def network_period(*, period: ReportingPeriod) -> list[CityStatus]:
    """Each reporting city and its report for the period, if it opened one (two queries)."""
    reports = {
        report.city_id: report
        for report in CityReport.objects.filter(period=period).only(
            "pk", "city_id", "status", "submitted_at", "accepted_at", "period_id"
        )
    }
    return [
        CityStatus(city=city, report=reports.get(city.pk))
        for city in reporting_cities(network=period.network)
    ]


def state_counts(statuses: list[CityStatus]) -> list[StateCount]:
    """How many cities are in each state, every state listed (with 0 where none is)."""
    found = Counter(entry.state for entry in statuses)
    return [
        StateCount(state=state, label=state_label(state), count=found[state]) for state in STATES
    ]


def reopening_comments(*, reports) -> dict[int, ReportTransition]:
    """For each reopened report among ``reports``, the reopening that made it so: the lead's
    comment, who wrote it and when (one query)."""
    ids = [
        report.pk for report in reports if report and report.status == CityReport.Status.REOPENED
    ]
    latest: dict[int, ReportTransition] = {}
    if not ids:
        return latest
    for transition in (
        ReportTransition.objects.filter(report_id__in=ids, to_status=CityReport.Status.REOPENED)
        .select_related("actor")
        .order_by("created_at", "pk")
    ):
        latest[transition.report_id] = transition
    return latest


# --- One report -------------------------------------------------------------------------------


def sections_of(report: CityReport) -> list[dict]:
    """The pre-filled sections, frozen from the snapshot once submitted, live while editable."""
    if report.snapshot is not None and not report.is_editable:
        stored = report.snapshot["sections"]
    else:
        stored = build_prefill(city=report.city, period=report.period)
    return [
        {"section": SECTIONS_BY_KEY[item["key"]], "data": item["data"]}
        for item in stored
        if item["key"] in SECTIONS_BY_KEY
    ]


def narrative_of(report: CityReport) -> dict:
    """The text as submitted (frozen) or as currently saved."""
    if report.snapshot is not None and not report.is_editable:
        return report.snapshot["narrative"]
    return {name: getattr(report, name) for name in NARRATIVE_FIELDS} | {
        "language": report.language
    }


def transitions_of(report: CityReport) -> QuerySet[ReportTransition]:
    return report.transitions.select_related("actor").order_by("created_at", "pk")


#: What a refused save lists as changed by the others (``common.locking.changes_since``).
CONFLICT_FIELDS = [*NARRATIVE_FIELDS, "status"]


# --- Recipients -------------------------------------------------------------------------------


def city_writers(*, city_ids) -> QuerySet:
    """Active people who write the reports of ``city_ids`` (their coordinators)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__city_id__in=list(city_ids),
            memberships__role__in=Membership.COORDINATOR_ROLES,
        )
        .distinct()
        .order_by("email")
    )


def lead_staff_of(*, network: Network) -> QuerySet:
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__city__network=network,
            memberships__role=Membership.Role.LEAD_STAFF,
        )
        .distinct()
        .order_by("email")
    )


# --- The network report -----------------------------------------------------------------------


def accepted_reports(*, period: ReportingPeriod) -> list[CityReport]:
    """The period's accepted reports in the network's city order (one query)."""
    return list(
        CityReport.objects.filter(period=period, status=CityReport.Status.ACCEPTED)
        .select_related("city")
        .order_by("city__order", "city__slug")
    )
