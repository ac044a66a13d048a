"""Reads of the URBACT Local Groups: registers, close-outs, open actions and the public summary.

Scopes come from ``cities.selectors`` (which cities a person sees or edits) and from
``meetings.selectors`` (which meetings a person sees or manages).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.db.models import DEFERRED, Count, Model, Prefetch, Q, QuerySet
from django.utils import timezone
from modeltranslation.utils import get_language

from cities.models import City, Membership, Network
from cities.selectors import (
    cities_visible_to,
    cities_writable_by,
    follows_whole_network,
    visible_city_ids,
)
from common.languages import translated_columns
from common.prepared import prepared_rows
from meetings.models import Meeting

from .models import Attendance, Organisation, Outcome, Sector

#: Decisions of public meetings shown on a city's public page, the latest first.
PUBLIC_DECISIONS_SHOWN = 10


# --- Registers --------------------------------------------------------------------------------


def organisations_visible_to(user, network: Network | None = None) -> QuerySet[Organisation]:
    """The registers of the cities the person sees (of ``network``, when given)."""
    return Organisation.objects.filter(city__in=cities_visible_to(user, network)).select_related(
        "city"
    )


def register_cities(user, network: Network | None = None) -> QuerySet[City]:
    """The cities whose register the person may add to now (the one write rule)."""
    return cities_writable_by(user, network).order_by("order", "slug")


def register_of(city: City) -> QuerySet[Organisation]:
    """A city's register, for choosing organisations in the close-out forms."""
    return Organisation.objects.filter(city=city).order_by("name")


# --- Close-outs ---------------------------------------------------------------------------------


def _attendance_queryset() -> QuerySet[Attendance]:
    return Attendance.objects.prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
        "sectors",
    )


def meeting_attendance(meeting: Meeting) -> Attendance | None:
    """Who came to the meeting (organisations and numbers by sector prefetched), if recorded."""
    return _attendance_queryset().filter(meeting=meeting).first()


def meeting_outcomes(meeting: Meeting) -> list[Outcome]:
    """The meeting's decisions, information and actions, in the order they were recorded."""
    return list(
        Outcome.objects.filter(meeting=meeting)
        .select_related("owner_organisation")
        .order_by("created_at", "pk")
    )


def held_meetings(*, now: dt.datetime | None = None) -> QuerySet[Meeting]:
    """Meetings that took place: begun and not cancelled."""
    return Meeting.objects.filter(status=Meeting.Status.SCHEDULED, start__lte=now or timezone.now())


def meetings_held_with_closeout(
    city: City, start: dt.date, end: dt.date, *, kinds=None
) -> list[Meeting]:
    """The city's meetings (as host) held between two days, inclusive, each with
    ``attendance`` (or None) and ``outcomes`` (a list) attached; three queries in all."""
    meetings = held_meetings().filter(host_city=city).order_by("start", "pk")
    meetings = meetings.filter(start__date__gte=start, start__date__lte=end)
    if kinds:
        meetings = meetings.filter(kind__in=list(kinds))
    return attach_closeout(list(meetings))


def attach_closeout(meetings: list[Meeting]) -> list[Meeting]:
    ids = [meeting.pk for meeting in meetings]
    attendance = {row.meeting_id: row for row in _attendance_queryset().filter(meeting__in=ids)}
    outcomes: dict[int, list[Outcome]] = defaultdict(list)
    for outcome in (
        Outcome.objects.filter(meeting__in=ids)
        .select_related("owner_organisation")
        .order_by("created_at", "pk")
    ):
        outcomes[outcome.meeting_id].append(outcome)
    for meeting in meetings:
        meeting.attendance = attendance.get(meeting.pk)
        meeting.outcomes = outcomes.get(meeting.pk, [])
    return meetings


def meeting_log(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Held meetings with what their close-out holds, counted in the same query."""
    return (
        meetings.select_related("host_city")
        .annotate(
            outcome_count=Count("ulg_outcomes", distinct=True),
            action_count=Count(
                "ulg_outcomes", filter=Q(ulg_outcomes__kind=Outcome.Kind.ACTION), distinct=True
            ),
            organisations_present=Count("ulg_attendance__organisations", distinct=True),
        )
        .select_related("ulg_attendance")
        .order_by("-start", "pk")
    )


# --- Open actions -----------------------------------------------------------------------------


def open_actions(*, city_ids, network: Network | None = None) -> QuerySet[Outcome]:
    """Actions not done or dropped of meetings the cities hosted (None: every city of
    ``network``, or of every network), the soonest due first."""
    actions = Outcome.objects.filter(
        kind=Outcome.Kind.ACTION,
        status=Outcome.Status.OPEN,
        meeting__host_city__isnull=False,
        meeting__status=Meeting.Status.SCHEDULED,
    )
    if network is not None:
        actions = actions.filter(meeting__network=network)
    if city_ids is not None:
        city_ids = city_ids if isinstance(city_ids, QuerySet) else list(city_ids)
        actions = actions.filter(meeting__host_city__in=city_ids)
    return actions.select_related("owner_organisation", "meeting__host_city").order_by(
        "due_date", "pk"
    )


def action_table_columns() -> tuple[str, ...]:
    """What the table of open actions (``ulg/_actions_table.html``) and its owner column read:
    the rest of the three joined rows' columns (every language of every text) would cost more
    to ask for than the query itself."""
    return (
        "kind",
        "status",
        "text",
        "due_date",
        "owner_person",
        "owner_organisation__name",
        "meeting__host_city",
        *translated_columns("meeting__title"),
        *translated_columns("meeting__host_city__name"),
    )


def open_actions_visible_to(user, network: Network | None = None) -> QuerySet[Outcome]:
    """The open actions of the cities the person sees in ``network`` (None: in any of their
    networks)."""
    if network is None:
        return open_actions(city_ids=cities_visible_to(user).values("pk"))
    if follows_whole_network(user, network):
        return open_actions(city_ids=None, network=network)
    return open_actions(city_ids=visible_city_ids(user, network), network=network)


def first_open_actions(user, network: Network, limit: int) -> list[Outcome]:
    """The first ``limit`` of ``open_actions_visible_to(user, network)``, each read with what
    the table of open actions shows (``action_table_columns``: its meeting, host city and
    owning organisation), the SQL built once per process and shape of scope
    (``common.prepared``): the workspace home asks on every visit, and the ORM took longer to
    write the query than the database to answer it."""
    whole = follows_whole_network(user, network)
    city_ids = [] if whole else visible_city_ids(user, network)
    if not whole and not city_ids:
        return []
    names = [f"city_{i}" for i in range(len(city_ids))]
    titles = translated_columns("meeting__title")
    city_names = translated_columns("meeting__host_city__name")

    def build(network: int, **cities: int) -> QuerySet:
        scope = None if whole else [cities[name] for name in names]
        actions = open_actions(city_ids=scope, network=network)
        return actions.values(*_ACTION_FIELDS, *_ACTION_RELATED, *titles, *city_names)[:limit]

    key = ("ulg.first_open_actions", get_language(), whole, len(names), limit)
    values = {"network": network.pk, **dict(zip(names, city_ids, strict=True))}
    actions = []
    for row in prepared_rows(key, build, values):
        action = _read(Outcome, {field: row[field] for field in _ACTION_FIELDS})
        meeting = action.meeting = _read(
            Meeting,
            {
                "id": row["meeting_id"],
                "host_city_id": row["meeting__host_city"],
                **{column.removeprefix("meeting__"): row[column] for column in titles},
            },
        )
        meeting.host_city = _read(
            City,
            {
                "id": row["meeting__host_city"],
                **{
                    column.removeprefix("meeting__host_city__"): row[column]
                    for column in city_names
                },
            },
        )
        if action.owner_organisation_id is not None:
            action.owner_organisation = _read(
                Organisation,
                {"id": action.owner_organisation_id, "name": row["owner_organisation__name"]},
            )
        actions.append(action)
    return actions


#: What ``first_open_actions`` reads of an action and of its relations (with their translated
#: columns), as ``only(*action_table_columns())`` reads them.
_ACTION_FIELDS = ("id", "meeting_id", "kind", "status", "text", "due_date", "owner_person")
_ACTION_FIELDS += ("owner_organisation_id",)
_ACTION_RELATED = ("owner_organisation__name", "meeting__host_city")


def _read(model: type[Model], values: dict) -> Model:
    """An instance as the ORM reads one from the database, the fields not in ``values``
    deferred."""
    row = [values.get(field.attname, DEFERRED) for field in model._meta.concrete_fields]
    return model.from_db(DEFAULT_DB_ALIAS, None, row)


def open_actions_by_city(*, city_ids) -> dict[int, list[Outcome]]:
    by_city: dict[int, list[Outcome]] = defaultdict(list)
    for action in open_actions(city_ids=city_ids):
        by_city[action.meeting.host_city_id].append(action)
    return by_city


# --- Close-out reminders ----------------------------------------------------------------------


def meetings_missing_closeout(*, ended_before: dt.datetime, ended_after: dt.datetime):
    """Held meetings that ended in the window and lack attendance or any outcome."""
    return (
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED, end__lt=ended_before, end__gte=ended_after
        )
        .filter(Q(ulg_attendance__isnull=True) | Q(ulg_outcomes__isnull=True))
        .select_related("created_by", "host_city", "network")
        .distinct()
        .order_by("end", "pk")
    )


def closeout_gaps(meeting: Meeting) -> tuple[bool, bool]:
    """(attendance missing, outcomes missing)."""
    return (
        not Attendance.objects.filter(meeting=meeting).exists(),
        not Outcome.objects.filter(meeting=meeting).exists(),
    )


# --- The public city page ----------------------------------------------------------------------


@dataclass
class SectorSummary:
    sector: str
    label: str
    count: int = 0
    listed: list[str] = field(default_factory=list)


@dataclass
class PublicSummary:
    sectors: list[SectorSummary]
    organisation_count: int
    meetings_held: int
    decisions: list[dict]
    has_demo: bool

    @property
    def is_empty(self) -> bool:
        return not (self.organisation_count or self.meetings_held or self.decisions)


def _member_rows(city: int, today: dt.date) -> QuerySet:
    return (
        Organisation.objects.filter(city=city, joined_on__lte=today)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
        .order_by("name")
        .values("sector", "name", "listed_publicly", "is_demo")
    )


def _held_count_rows(city: int, now: dt.datetime) -> QuerySet:
    # The count as one group (the city's meetings), which a queryset can hold.
    return (
        held_meetings(now=now)
        .filter(host_city=city, end__lt=now, kind=Meeting.Kind.LOCAL_ULG)
        .order_by()
        .values("host_city")
        .annotate(count=Count("pk"))
        .values("count")
    )


#: The meeting's columns a public decision shows: its title in the page's language and its
#: fallbacks', its day and its address.
_DECISION_MEETING_COLUMNS = ("id", "start", "end", "timezone", "slug")


def _decision_rows(city: int, now: dt.datetime) -> QuerySet:
    held = held_meetings(now=now).filter(host_city=city, end__lt=now, is_public=True)
    meeting = [f"meeting__{column}" for column in _DECISION_MEETING_COLUMNS]
    return (
        Outcome.objects.filter(kind=Outcome.Kind.DECISION, meeting__in=held)
        .order_by("-meeting__start", "pk")
        .values("text", *meeting, *translated_columns("meeting__title"))[:PUBLIC_DECISIONS_SHOWN]
    )


def public_summary(*, city: City, today: dt.date | None = None) -> PublicSummary:
    """What the public may know of a city's ULG: sectors and counts, the names of organisations
    that agreed to be listed, the ULG meetings held and the decisions of public meetings. No
    contact person and no action owner is ever read here. Three queries, their SQL built once
    per process (``common.prepared``)."""
    today = today or timezone.localdate()
    members = prepared_rows(("ulg.members",), _member_rows, {"city": city.pk, "today": today})
    by_sector = {
        value: SectorSummary(sector=value, label=str(label)) for value, label in Sector.choices
    }
    count, has_demo = 0, False
    for member in members:
        summary = by_sector[member["sector"]]
        summary.count += 1
        count += 1
        has_demo = has_demo or member["is_demo"]
        if member["listed_publicly"]:
            summary.listed.append(member["name"])
    values = {"city": city.pk, "now": timezone.now()}
    held = prepared_rows(("ulg.held_count",), _held_count_rows, values)
    read = {*_DECISION_MEETING_COLUMNS, *translated_columns("title")}
    # The meeting as the ORM would load it with only these columns (in the model's order).
    columns = [f.attname for f in Meeting._meta.concrete_fields if f.attname in read]
    decisions = []
    for row in prepared_rows(("ulg.decisions", get_language()), _decision_rows, values):
        meeting = Meeting.from_db(None, columns, [row[f"meeting__{c}"] for c in columns])
        decisions.append({"text": row["text"], "meeting": meeting})
    return PublicSummary(
        sectors=[summary for summary in by_sector.values() if summary.count],
        organisation_count=count,
        meetings_held=held[0]["count"] if held else 0,
        decisions=decisions,
        has_demo=has_demo,
    )


def meeting_organisers(meeting: Meeting) -> list:
    """Who organised a meeting: its creator or, for a ULG meeting nobody created in the
    workspace, its host city's coordinators."""
    if meeting.created_by_id:
        creator = meeting.created_by
        return [creator] if creator.is_active else []
    if meeting.kind != Meeting.Kind.LOCAL_ULG or not meeting.host_city_id:
        return []
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__city_id=meeting.host_city_id,
            memberships__role__in=Membership.COORDINATOR_ROLES,
        )
        .distinct()
        .order_by("email")
    )
