"""Read-side queries for practices and transfer progress.

Progress anywhere on the site is the average of the progress of the steps in scope: a transfer's
steps, the steps of one phase, all steps of a city or of a practice. Averages are computed in
the database, so a page costs the same few queries however many steps there are.

Every workspace view starts from one of the ``*_visible_to`` / ``*_editable_by`` querysets, so
another city's object is simply not found (404) rather than checked case by case.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from cities.models import City, Network
from cities.selectors import (
    cities_editable_by,
    cities_visible_to,
    follows_whole_network,
    is_lead_staff,
)

from .models import (
    Deliverable,
    DeliverableUpload,
    Phase,
    Practice,
    StepComment,
    StepEvidence,
    Transfer,
    TransferStep,
)

PHASE_ORDER = [Phase.UNDERSTAND, Phase.ADAPT, Phase.REUSE]
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
        cities = cities_editable_by(user)
    else:
        if follows_whole_network(user):
            return queryset
        cities = cities_visible_to(user)
    return queryset.filter(**{f"{lookup}__in": cities.values("pk")})


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
    return queryset.select_related("transfer__city", "transfer__practice", "updated_by").annotate(
        phase_rank=phase_rank()
    )


def with_deliverable_relations(queryset: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    return queryset.select_related("city", "updated_by")


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
            }
        group["phases"][step.phase].append(step)
        group["progress_total"] += step.progress
        group["count"] += 1
        group["overdue"] += step.is_overdue
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
    cells: list[Transfer | None]


def network_matrix(*, network: Network) -> tuple[list[Practice], list[MatrixRow]]:
    """Every transferring city × practice with its transfer's average progress (three queries)."""
    today = timezone.localdate()
    practices = list(Practice.objects.filter(network=network).order_by("order", "slug"))
    cities = list(City.objects.filter(network=network).order_by("order", "slug"))
    transfers = Transfer.objects.filter(city__network=network).annotate(
        avg_progress=Avg("steps__progress"),
        step_count=Count("steps"),
        done_count=Count("steps", filter=Q(steps__status=TransferStep.Status.DONE)),
        overdue_count=Count(
            "steps",
            filter=Q(steps__due_date__lt=today) & ~Q(steps__status=TransferStep.Status.DONE),
        ),
    )
    by_key = {(t.city_id, t.practice_id): t for t in transfers}
    rows = [
        MatrixRow(city=city, cells=[by_key.get((city.pk, p.pk)) for p in practices])
        for city in cities
    ]
    # The lead partner shares its practice rather than transferring it: no row of dashes.
    return practices, [row for row in rows if any(row.cells)]


@dataclass
class RecentChange:
    when: datetime
    who: Any
    kind: str
    obj_type: str
    obj_id: int
    title: str
    city: City | None
    changes: list[FieldChange]

    @property
    def who_display(self) -> str:
        return self.who.get_full_name() if self.who else str(_("the system"))


def recent_changes(*, limit: int = 15) -> list[RecentChange]:
    """The latest changes to steps and deliverables across the network (four queries)."""
    result: list[RecentChange] = []
    sources = [
        (TransferStep, STEP_TRACKED_FIELDS, "step", ["history_user", "transfer__city"]),
        (Deliverable, DELIVERABLE_TRACKED_FIELDS, "deliverable", ["history_user", "city"]),
    ]
    for model, fields, obj_type, related in sources:
        history = model.history.model
        before_each = history.objects.filter(
            id=OuterRef("id"), history_date__lt=OuterRef("history_date")
        ).order_by("-history_date", "-pk")
        latest = list(
            model.history.select_related(*related)
            .annotate(previous_pk=Subquery(before_each.values("pk")[:1]))
            .order_by("-history_date", "-pk")[:limit]
        )
        previous_pks = [r.previous_pk for r in latest if r.previous_pk]
        previous = {r.pk: r for r in history.objects.filter(pk__in=previous_pks)}
        for record in latest:
            before = previous.get(record.previous_pk)
            changes = (
                _diff(model, fields, before, record)
                if before is not None and record.history_type == "~"
                else []
            )
            if obj_type == "step":
                title, city = record.title, record.transfer.city
            else:
                title = record.title or dict(Deliverable.Kind.choices).get(record.kind, "")
                city = record.city
            result.append(
                RecentChange(
                    when=record.history_date,
                    who=record.history_user,
                    kind=record.history_type,
                    obj_type=obj_type,
                    obj_id=record.id,
                    title=str(title),
                    city=city,
                    changes=changes,
                )
            )
    result.sort(key=lambda change: change.when, reverse=True)
    return result[:limit]


@dataclass(frozen=True)
class PhaseProgress:
    phase: str
    label: str
    value: int | None


def _rounded(value: float | None) -> int | None:
    return None if value is None else round(value)


def step_progress_annotations(steps: str = "steps") -> dict:
    """Average progress overall and per phase over the steps reached through ``steps``.

    ``steps`` is the lookup path from the queried model to its steps ("" on TransferStep).
    """
    prefix = f"{steps}__" if steps else ""
    annotations = {"progress_overall": Avg(f"{prefix}progress")}
    for phase in Phase:
        annotations[f"progress_{phase.value}"] = Avg(
            f"{prefix}progress", filter=Q(**{f"{prefix}phase": phase})
        )
    return annotations


def attach_progress(obj) -> None:
    """Turn the raw averages annotated on ``obj`` into rounded numbers for templates."""
    obj.overall = _rounded(obj.progress_overall)
    obj.phases = [
        PhaseProgress(phase.value, phase.label, _rounded(getattr(obj, f"progress_{phase.value}")))
        for phase in Phase
    ]


def transfers_with_progress() -> QuerySet[Transfer]:
    return (
        Transfer.objects.select_related("city", "practice")
        .annotate(**step_progress_annotations(), step_count=Count("steps"))
        .order_by("city__order", "city__slug", "practice__order", "practice__slug")
    )


def _finish(practices: list[Practice]) -> list[Practice]:
    for practice in practices:
        attach_progress(practice)
        for transfer in practice.transfers.all():
            attach_progress(transfer)
    return practices


def public_practices(*, network: Network | None) -> list[Practice]:
    """The network's practices, each with the cities transferring it and their progress."""
    if network is None:
        return []
    practices = (
        Practice.objects.filter(network=network)
        .annotate(**step_progress_annotations("transfers__steps"))
        .prefetch_related(Prefetch("transfers", queryset=transfers_with_progress()))
        .order_by("order", "slug")
    )
    return _finish(list(practices))


def public_practice(*, network: Network | None, slug: str) -> Practice | None:
    if network is None:
        return None
    practices = _finish(
        list(
            Practice.objects.filter(network=network, slug=slug)
            .annotate(**step_progress_annotations("transfers__steps"))
            .prefetch_related(Prefetch("transfers", queryset=transfers_with_progress()))
        )
    )
    return practices[0] if practices else None
