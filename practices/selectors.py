"""Read-side queries for practices and transfer progress.

Progress anywhere on the site is the average of the progress of the steps in scope: a transfer's
steps, the steps of one phase, all steps of a city or of a practice. Averages are computed in
the database, so a page costs the same few queries however many steps there are.

Every workspace view starts from one of the ``*_visible_to`` / ``*_editable_by`` querysets, so
another city's object is simply not found (404) rather than checked case by case.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from cities.models import City, Network
from cities.selectors import (
    follows_whole_network,
    is_lead_staff,
    visible_city_ids,
    writable_city_ids,
)
from portal.languages import shown_in

from .models import (
    Deliverable,
    DeliverableUpload,
    DueDateMixin,
    Phase,
    Practice,
    StepComment,
    StepEvidence,
    Transfer,
    TransferStep,
)
from .progress import (
    add_up_tallies,
    progress_from_tallies,
    tally_fields,
    tally_sums,
)

PHASE_ORDER = [Phase.UNDERSTAND, Phase.ADAPT, Phase.REUSE]


def translated_columns(name: str) -> list[str]:
    """The columns of the translated field ``name`` that the active language shows (its own and
    its fallbacks', for ``only()`` across a relation, which modeltranslation does not expand):
    a list reads the same columns however many languages the site has."""
    return [build_localized_fieldname(name, lang) for lang in resolution_order(get_language())]


#: The fields whose changes the history and the conflict message show.
STEP_TRACKED_FIELDS = ["title", "phase", "status", "progress", "due_date", "notes"]
DELIVERABLE_TRACKED_FIELDS = ["title", "kind", "phase", "status", "due_date", "file"]


def phase_rank(prefix: str = "") -> Case:
    """URBACT's order of phases, which is not the alphabetical order of their codes."""
    return Case(
        *(When(**{f"{prefix}phase": phase}, then=Value(i)) for i, phase in enumerate(PHASE_ORDER)),
        default=Value(len(PHASE_ORDER)),
        output_field=IntegerField(),
    )


# --- Scopes -----------------------------------------------------------------------------------


def _scoped(queryset: QuerySet, user, lookup: str, *, editable: bool) -> QuerySet:
    if not user.is_authenticated:
        return queryset.none()
    if editable:
        if is_lead_staff(user):
            return queryset
        # Coordinators write only until their network closes final reporting.
        cities = writable_city_ids(user)
    else:
        if follows_whole_network(user):
            return queryset
        cities = visible_city_ids(user)
    return queryset.filter(**{f"{lookup}__in": cities})


def transfers_visible_to(user) -> QuerySet[Transfer]:
    return _scoped(Transfer.objects.all(), user, "city", editable=False)


def transfers_editable_by(user) -> QuerySet[Transfer]:
    return _scoped(Transfer.objects.all(), user, "city", editable=True)


def steps_visible_to(user) -> QuerySet[TransferStep]:
    return _scoped(TransferStep.objects.all(), user, "transfer__city", editable=False)


def steps_editable_by(user) -> QuerySet[TransferStep]:
    return _scoped(TransferStep.objects.all(), user, "transfer__city", editable=True)


def deliverables_visible_to(user) -> QuerySet[Deliverable]:
    """Coordinators see their cities' deliverables; network-level ones are for lead staff."""
    return _scoped(Deliverable.objects.all(), user, "city", editable=False)


def deliverables_editable_by(user) -> QuerySet[Deliverable]:
    return _scoped(Deliverable.objects.all(), user, "city", editable=True)


def evidence_visible_to(user) -> QuerySet[StepEvidence]:
    return _scoped(StepEvidence.objects.all(), user, "step__transfer__city", editable=False)


def evidence_editable_by(user) -> QuerySet[StepEvidence]:
    return _scoped(StepEvidence.objects.all(), user, "step__transfer__city", editable=True)


def uploads_visible_to(user) -> QuerySet[DeliverableUpload]:
    return _scoped(DeliverableUpload.objects.all(), user, "deliverable__city", editable=False)


# --- Lists ------------------------------------------------------------------------------------


def with_step_relations(queryset: QuerySet[TransferStep]) -> QuerySet[TransferStep]:
    return queryset.select_related(
        "transfer__city__network", "transfer__practice", "updated_by"
    ).annotate(phase_rank=phase_rank())


#: What a step table shows of each step, its transfer, city and practice: read as values, since
#: a model instance for each step (and its person) would cost more than the rest of the row.
STEP_LIST_VALUES = (
    "pk",
    "transfer_id",
    "phase",
    "title",
    "due_date",
    "status",
    "progress",
    "updated_at",
    "updated_by__full_name",
    "updated_by__email",
    "transfer__city__slug",
    "transfer__city__order",
    "transfer__practice__order",
    "transfer__city__network__end_date",
)


def for_step_list(queryset: QuerySet[TransferStep]) -> QuerySet:
    """The steps as the rows of a list (``step_rows`` turns them into objects)."""
    return queryset.select_related(None).values(
        *STEP_LIST_VALUES,
        *translated_columns("transfer__city__name"),
        *translated_columns("transfer__practice__title"),
    )


@dataclass(slots=True)
class StepRow(DueDateMixin):
    """A step as lists show it."""

    pk: int
    transfer_id: int
    phase: str
    title: str
    due_date: date | None
    status: str
    progress: int
    updated_at: datetime
    updated_by_name: str | None
    transfer: SimpleNamespace  # pk, city (name, slug, order), practice (title, order)
    network_end_date: date | None


def step_rows(rows) -> list[StepRow]:
    """Rows of ``for_step_list`` as objects; the steps of one transfer share its namespace."""
    languages = list(resolution_order(get_language()))
    transfers: dict[int, SimpleNamespace] = {}
    result = []
    for row in rows:
        transfer = transfers.get(row["transfer_id"])
        if transfer is None:
            transfer = transfers[row["transfer_id"]] = SimpleNamespace(
                pk=row["transfer_id"],
                city=SimpleNamespace(
                    name=shown_in(row, "transfer__city__name", languages)[0],
                    slug=row["transfer__city__slug"],
                    order=row["transfer__city__order"],
                ),
                practice=SimpleNamespace(
                    title=shown_in(row, "transfer__practice__title", languages)[0],
                    order=row["transfer__practice__order"],
                ),
            )
        result.append(
            StepRow(
                pk=row["pk"],
                transfer_id=row["transfer_id"],
                phase=row["phase"],
                title=row["title"],
                due_date=row["due_date"],
                status=row["status"],
                progress=row["progress"],
                updated_at=row["updated_at"],
                updated_by_name=row["updated_by__full_name"] or row["updated_by__email"],
                transfer=transfer,
                network_end_date=row["transfer__city__network__end_date"],
            )
        )
    return result


def with_deliverable_relations(queryset: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    return queryset.select_related("city", "network", "updated_by")


#: What a deliverable table shows of each row.
DELIVERABLE_LIST_COLUMNS = (
    "city",
    "kind",
    "title",
    "phase",
    "due_date",
    "status",
    "file",
    "city__name",
    "city__slug",
    "city__order",
    "network__end_date",
)


def for_deliverable_list(queryset: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    return (
        queryset.select_related(None)
        .select_related("city", "network")
        .only(*DELIVERABLE_LIST_COLUMNS, *translated_columns("city__name"))
    )


def transfers_of(steps: QuerySet[TransferStep]):
    """The ids of the transfers these steps belong to, in the order ``group_steps`` shows them."""
    return (
        Transfer.objects.filter(pk__in=steps.values("transfer_id"))
        .order_by("city__order", "city__slug", "practice__order", "pk")
        .values_list("pk", flat=True)
    )


def group_steps(steps) -> list[dict]:
    """Steps grouped by transfer, then by phase in URBACT's order, keeping their sort order."""
    transfers: dict[int, dict] = {}
    for step in steps:
        group = transfers.get(step.transfer_id)
        if group is None:
            group = transfers[step.transfer_id] = {
                "transfer": step.transfer,
                "phases": defaultdict(list),
                "progress_total": 0,
                "count": 0,
                "overdue": 0,
                "unfinished": 0,
            }
        group["phases"][step.phase].append(step)
        group["progress_total"] += step.progress
        group["count"] += 1
        group["overdue"] += step.is_overdue
        group["unfinished"] += step.is_unfinished_at_end
    result = []

    def place(group: dict) -> tuple:
        transfer = group["transfer"]
        return (transfer.city.order, transfer.city.slug, transfer.practice.order)

    for group in sorted(transfers.values(), key=place):
        phases = [
            {"phase": phase, "label": Phase(phase).label, "steps": group["phases"][phase]}
            for phase in PHASE_ORDER
            if group["phases"].get(phase)
        ]
        result.append(
            {
                "transfer": group["transfer"],
                "phases": phases,
                "count": group["count"],
                "overdue": group["overdue"],
                "unfinished": group["unfinished"],
                "progress": round(group["progress_total"] / group["count"]),
            }
        )
    return result


# --- One object -------------------------------------------------------------------------------


def step_for_page(*, user, pk: int) -> TransferStep:
    """The step with what its page shows, or DoesNotExist when the user may not see it."""
    return with_step_relations(steps_visible_to(user)).get(pk=pk)


def step_evidence(step: TransferStep) -> QuerySet[StepEvidence]:
    return step.evidence.select_related("uploaded_by")


def step_comments(step: TransferStep) -> QuerySet[StepComment]:
    return step.comments.select_related("author")


def deliverable_uploads(deliverable: Deliverable) -> QuerySet[DeliverableUpload]:
    return deliverable.uploads.select_related("uploaded_by")


# --- History ----------------------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: Any
    kind: str  # "+" created, "~" changed, "-" deleted
    version: int | None
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def who_display(self) -> str:
        return self.who.get_full_name() if self.who else str(_("the system"))


def _display(model, field_name: str, value) -> str:
    if value in (None, ""):
        return "—"
    model_field = model._meta.get_field(field_name)
    if field_name == "file":
        return str(_("a file"))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if hasattr(value, "isoformat"):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if field_name == "progress":
        return f"{value}%"
    return str(value)


def _diff(model, fields: list[str], old, new) -> list[FieldChange]:
    changes = []
    for name in fields:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(
                FieldChange(
                    label=str(model._meta.get_field(name).verbose_name).capitalize(),
                    old=_display(model, name, before),
                    new=_display(model, name, after),
                )
            )
    return changes


def _tracked(obj) -> list[str]:
    return STEP_TRACKED_FIELDS if isinstance(obj, TransferStep) else DELIVERABLE_TRACKED_FIELDS


def _entries(model, fields: list[str], records: list) -> list[HistoryEntry]:
    """Oldest-first historical records → entries, each with what it changed."""
    entries = []
    previous = None
    for record in records:
        entry = HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            kind=record.history_type,
            version=getattr(record, "version", None),
        )
        if previous is not None and record.history_type == "~":
            entry.changes = _diff(model, fields, previous, record)
        previous = record
        entries.append(entry)
    return entries


def history_entries(obj) -> list[HistoryEntry]:
    """Who changed what and when, newest first (one query)."""
    records = list(obj.history.select_related("history_user").order_by("history_date", "pk"))
    return list(reversed(_entries(type(obj), _tracked(obj), records)))


@dataclass
class Conflict:
    """What other people saved after the version someone started editing from."""

    people: list
    changes: list[FieldChange]
    current_version: int

    @property
    def people_display(self) -> str:
        names = [p.get_full_name() for p in self.people] or [str(_("someone else"))]
        return ", ".join(names)


def changes_since(obj, version: int) -> Conflict:
    records = list(obj.history.select_related("history_user").order_by("history_date", "pk"))
    base = None
    later = []
    for record in records:
        if record.version <= version:
            base = record
        else:
            later.append(record)
    current = records[-1] if records else obj
    changes = _diff(type(obj), _tracked(obj), base, current) if base is not None else []
    people = []
    for record in later:
        if record.history_user and record.history_user not in people:
            people.append(record.history_user)
    return Conflict(people=people, changes=changes, current_version=obj.version)


# --- Network overview -------------------------------------------------------------------------


@dataclass
class MatrixRow:
    city: City
    cells: list[Any]  # per practice: the transfer's progress figures, or None


def matrix_cities(*, network: Network) -> QuerySet[City]:
    """The rows of the network matrix: cities that transfer something (the lead partner shares
    its practice rather than transferring it, so it would be a row of dashes)."""
    return (
        City.objects.filter(network=network)
        .filter(Exists(Transfer.objects.filter(city=OuterRef("pk"))))
        .only("name", "slug", "order")
        .order_by("order", "slug")
    )


def network_matrix(
    *, network: Network, cities: list[City] | None = None
) -> tuple[list[Any], list[MatrixRow]]:
    """Transferring cities (``cities``: one page of them) × practices, each cell a transfer's
    figures (``pk``, average progress, steps, steps done and overdue) or None (four queries)."""
    today = timezone.localdate()
    # Read as values: a model instance for each of the page's hundreds of cells (and of the
    # network's practices) would cost more than the rest of the matrix.
    languages = list(resolution_order(get_language()))
    practices = [
        SimpleNamespace(pk=row["pk"], title=shown_in(row, "title", languages)[0])
        for row in Practice.objects.filter(network=network)
        .order_by("order", "slug")
        .values("pk", *translated_columns("title"))
    ]
    if cities is None:
        cities = list(matrix_cities(network=network))
    # The tallies are divided here and the overdue steps counted in a query of their own:
    # both cost less than the SQL expressions and correlated subquery that would do it in one.
    transfers = [
        SimpleNamespace(**row)
        for row in Transfer.objects.filter(city__in=cities).values(
            "pk", "city_id", "practice_id", *tally_fields()
        )
    ]
    # Once the network has ended nothing is overdue: open steps were not completed in time.
    ended = network.is_concluded_on(today)
    open_steps = (
        TransferStep.objects.unfinished_at_end(today=today)
        if ended
        else TransferStep.objects.overdue(today=today)
    )
    overdue = dict(
        open_steps.filter(transfer__in=[transfer.pk for transfer in transfers])
        .order_by()
        .values_list("transfer")
        .annotate(n=Count("pk"))
    )
    for transfer in transfers:
        progress_from_tallies(transfer)
        transfer.avg_progress = transfer.progress_overall
        transfer.overdue_count = 0 if ended else overdue.get(transfer.pk, 0)
        transfer.unfinished_count = overdue.get(transfer.pk, 0) if ended else 0
    by_key = {(t.city_id, t.practice_id): t for t in transfers}
    rows = [
        MatrixRow(city=city, cells=[by_key.get((city.pk, p.pk)) for p in practices])
        for city in cities
    ]
    return practices, [row for row in rows if any(row.cells)]


@dataclass
class RecentChange:
    when: datetime
    who_name: str | None  # None: a change made by the system
    kind: str
    obj_type: str
    obj_id: int
    title: str
    city_name: str | None
    changes: list[FieldChange]

    @property
    def who_display(self) -> str:
        return self.who_name or str(_("the system"))


#: Per kind of record: the model, its tracked fields and the path to its city's name.
_CHANGE_SOURCES = {
    "step": (TransferStep, STEP_TRACKED_FIELDS, "transfer__city__name"),
    "deliverable": (Deliverable, DELIVERABLE_TRACKED_FIELDS, "city__name"),
}


_CHANGE_COLUMNS = (
    "source",
    "history_id",
    "id",
    "history_date",
    "history_type",
    "history_user_id",
    "user_name",
    "user_email",
    "title",
    "kind_shown",
)


def _change_rows(kind: str, *, newest: int):
    """One kind's ``newest`` historical records, as the rows of the changes list (see
    ``network_changes``): the same columns in the same order for every kind, so that they can
    be read together."""
    model, _fields, city_name = _CHANGE_SOURCES[kind]
    history = model.history.model
    city_columns = {
        build_localized_fieldname("city", lang): F(build_localized_fieldname(city_name, lang))
        for lang in resolution_order(get_language())
    }
    rows = history.objects.annotate(
        source=Value(kind, output_field=CharField()),
        user_name=F("history_user__full_name"),
        user_email=F("history_user__email"),
        kind_shown=F("kind") if kind == "deliverable" else Value("", output_field=CharField()),
        **city_columns,
    ).values(*_CHANGE_COLUMNS, *city_columns)
    if not connection.features.supports_slicing_ordering_in_compound:
        return rows.order_by()  # SQLite: only the union as a whole is ordered and sliced
    return rows.order_by("-history_date", "-history_id")[:newest]


def _diffs(kind: str, history_ids: list[int]) -> dict[int, list[FieldChange]]:
    """What each of these records (history ids of changes) changed since the record before it
    (two queries)."""
    model, fields, _city = _CHANGE_SOURCES[kind]
    history = model.history.model
    before_each = history.objects.filter(
        id=OuterRef("id"), history_date__lt=OuterRef("history_date")
    ).order_by("-history_date", "-pk")
    changed = list(
        history.objects.filter(pk__in=history_ids).values(
            "history_id", *fields, previous_pk=Subquery(before_each.values("pk")[:1])
        )
    )
    previous = {
        row["history_id"]: SimpleNamespace(**row)
        for row in history.objects.filter(
            pk__in=[row["previous_pk"] for row in changed if row["previous_pk"]]
        ).values("history_id", *fields)
    }
    return {
        row["history_id"]: _diff(
            model, fields, previous[row["previous_pk"]], SimpleNamespace(**row)
        )
        for row in changed
        if row["previous_pk"] in previous
    }


def network_changes(*, offset: int = 0, limit: int = 25) -> tuple[list[RecentChange], bool]:
    """Changes to steps and deliverables across the network, newest first: ``limit`` of them
    from ``offset``, and whether older ones exist.

    One query reads the page's records of both kinds together, on the history tables' date
    indexes; two more per kind with edits on the page read the fields of the edited records and
    of the records before them, for the list of what changed. Values, not instances: only
    what the list shows, and no model instance for each record, person, transfer and city.
    """
    # Each kind's newest rows first, so that the database reads no more of either table.
    parts = [_change_rows(kind, newest=offset + limit + 1) for kind in _CHANGE_SOURCES]
    newest = parts[0].union(*parts[1:], all=True).order_by("-history_date", "-history_id")
    rows = list(newest[offset : offset + limit + 1])
    has_older = len(rows) > limit
    rows = rows[:limit]
    edits: dict[str, list[int]] = {kind: [] for kind in _CHANGE_SOURCES}
    for row in rows:
        if row["history_type"] == "~":
            edits[row["source"]].append(row["history_id"])
    diffs = {kind: _diffs(kind, ids) for kind, ids in edits.items() if ids}
    languages = list(resolution_order(get_language()))
    kinds = dict(Deliverable.Kind.choices)
    changes = []
    for row in rows:
        who = None
        if row["history_user_id"]:
            who = row["user_name"] or row["user_email"]
        changes.append(
            RecentChange(
                when=row["history_date"],
                who_name=who,
                kind=row["history_type"],
                obj_type=row["source"],
                obj_id=row["id"],
                title=str(row["title"] or kinds.get(row["kind_shown"], "")),
                city_name=shown_in(row, "city", languages)[0] or None,
                changes=diffs.get(row["source"], {}).get(row["history_id"], []),
            )
        )
    return changes, has_older


class PhaseProgress(NamedTuple):
    phase: str
    label: str
    value: int | None


#: Read once: iterating an enum and building its labels costs more than the rest of a cell.
_PHASES = [(phase.value, phase.label) for phase in Phase]


def _rounded(value: float | None) -> int | None:
    return None if value is None else round(value)


def attach_progress(obj) -> None:
    """Rounded progress for templates (``overall``, ``phases``) on a transfer or on an object
    annotated with ``tally_sums``, plus the raw averages and counts."""
    progress_from_tallies(obj)
    obj.overall = _rounded(obj.progress_overall)
    obj.phases = [
        PhaseProgress(value, label, _rounded(getattr(obj, f"progress_{value}")))
        for value, label in _PHASES
    ]


#: What lists of cities and practices show of each; the long texts stay in the database.
CITY_LIST_FIELDS = ("network", "name", "slug", "country", "role", "status", "population", "order")
PRACTICE_LIST_FIELDS = ("network", "title", "slug", "order")


def transfers_with_progress(*related: str) -> QuerySet[Transfer]:
    """Transfers for lists, with the ``related`` sides ("city", "practice") that the list names;
    ``attach_progress`` each one shown."""
    fields = {"city": CITY_LIST_FIELDS, "practice": PRACTICE_LIST_FIELDS}
    return (
        Transfer.objects.select_related(*related)
        .only(
            "city",
            "practice",
            *tally_fields(),
            *(f"{side}__{name}" for side in related for name in fields[side]),
        )
        .order_by("city__order", "city__slug", "practice__order", "practice__slug")
    )


def finish_progress(practices: list[Practice]) -> list[Practice]:
    for practice in practices:
        attach_progress(practice)
        for transfer in practice.transfers.all():
            attach_progress(transfer)
    return practices


def public_practices_with_progress(*, network: Network | None) -> QuerySet[Practice]:
    """The network's practices, each with the cities transferring it and their progress; pass
    the ones shown to ``finish_progress``."""
    if network is None:
        return Practice.objects.none()
    return (
        Practice.objects.filter(network=network)
        .annotate(**tally_sums("transfers"))
        .prefetch_related(Prefetch("transfers", queryset=transfers_with_progress("city")))
        .order_by("order", "slug")
    )


def public_practice(*, network: Network | None, slug: str) -> Practice | None:
    if network is None:
        return None
    practice = (
        Practice.objects.filter(network=network, slug=slug)
        .prefetch_related(Prefetch("transfers", queryset=transfers_with_progress("city")))
        .first()
    )
    if practice is None:
        return None
    for transfer in practice.transfers.all():
        attach_progress(transfer)
    add_up_tallies(practice, practice.transfers.all())
    attach_progress(practice)
    return practice
