"""Read-side queries for practices and transfer progress.

Progress anywhere on the site is the average of the progress of the steps in scope: a transfer's
steps, the steps of one phase, all steps of a city or of a practice. It is read from the
per-transfer tallies (``progress.py``), so a page costs the same few queries however many steps
there are.

Every workspace view starts from one of the ``*_visible_to`` / ``*_editable_by`` querysets, so
another city's object is simply not found (404) rather than checked case by case.
"""

from typing import NamedTuple

from django.db.models import (
    Case,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from cities.models import Network
from cities.selectors import (
    closed_network_ids,
    followed_network_ids,
    lead_network_ids,
    visible_city_ids,
    writable_city_ids,
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
from .progress import add_up_tallies, progress_from_tallies, tally_fields, tally_sums

PHASE_ORDER = [Phase.UNDERSTAND, Phase.ADAPT, Phase.REUSE]


def phase_rank(prefix: str = "") -> Case:
    """URBACT's order of phases, which is not the alphabetical order of their codes."""
    return Case(
        *(When(**{f"{prefix}phase": phase}, then=Value(i)) for i, phase in enumerate(PHASE_ORDER)),
        default=Value(len(PHASE_ORDER)),
        output_field=IntegerField(),
    )


# --- Scopes -----------------------------------------------------------------------------------
#
# Each scope takes the network the page shows (``common.requests.network_for``): only that
# network's rows, and only as far as the person's roles in it reach. Without a network (the
# services' last check), every network the person has a role in, each as far as their roles
# there reach: lead staff of one network are nobody in another.


def _network_ids(network: Network | int | None) -> int | None:
    return network.pk if isinstance(network, Network) else network


def _scoped(
    queryset: QuerySet,
    user,
    lookup: str,
    *,
    editable: bool,
    network: Network | int | None = None,
    network_lookup: str | None = None,
) -> QuerySet:
    """``lookup`` leads to the row's city; ``network_lookup`` (default: that city's network)
    to its network."""
    if not user.is_authenticated:
        return queryset.none()
    network_lookup = network_lookup or f"{lookup}__network"
    network_id = _network_ids(network)
    ids = _scope_ids(user, editable=editable, network_id=network_id)
    if ids is None:  # a superuser: every network, or the one asked for
        whole = queryset if network_id is None else queryset.filter(**{network_lookup: network_id})
        return (
            whole.exclude(**{f"{network_lookup}__in": closed_network_ids()}) if editable else whole
        )
    return _narrow(queryset, lookup, network_lookup, *ids, editable=editable)


def _scope_ids(user, *, editable: bool, network_id: int | None) -> tuple[list, list] | None:
    """The cities, and the networks, whose rows the person sees (or changes) in ``network_id``
    (every network when None); None for a superuser, who sees every network's."""
    if editable:
        # Lead staff write anywhere in their networks but in a closed one; coordinators only
        # their cities, until their network closes final reporting.
        networks = lead_network_ids(user)
        cities = writable_city_ids(user, network_id)
    else:
        networks = followed_network_ids(user)
        cities = visible_city_ids(user, network_id)
    if networks is None:
        return None
    if network_id is not None:
        networks = networks & {network_id}
    return list(cities), sorted(networks)


def _narrow(
    queryset: QuerySet, lookup: str, network_lookup: str, cities, networks, *, editable: bool
) -> QuerySet:
    scope = Q(**{f"{lookup}__in": cities})
    if networks:
        scope |= Q(**{f"{network_lookup}__in": networks})
    scoped = queryset.filter(scope)
    if editable and networks:
        scoped = scoped.exclude(**{f"{network_lookup}__in": closed_network_ids()})
    return scoped


class Scope(NamedTuple):
    """What ``*_visible_to(user, network)`` (or ``*_editable_by``) narrows rows to, for a query
    built once per process (``common.prepared``): ``key``, the query's shape (editable or not,
    how many cities and networks); ``values``, their ids, which ``narrow`` applies to a
    queryset built from stand-ins."""

    key: tuple[bool, int, int]
    values: dict[str, int]

    def narrow(self, queryset: QuerySet, values: dict, *, lookup: str, network_lookup: str = ""):
        editable, city_count, network_count = self.key
        cities = [values[f"scope_city_{i}"] for i in range(city_count)]
        networks = [values[f"scope_network_{i}"] for i in range(network_count)]
        network_lookup = network_lookup or f"{lookup}__network"
        return _narrow(queryset, lookup, network_lookup, cities, networks, editable=editable)


def scope_of(user, network: Network | int, *, editable: bool = False) -> Scope | None:
    """The scope of ``*_visible_to(user, network)`` (``editable``: of ``*_editable_by``) as
    values; None when the person's rows are every network's (a superuser) or none at all:
    their queries are built as they come."""
    if not user.is_authenticated:
        return None
    ids = _scope_ids(user, editable=editable, network_id=_network_ids(network))
    if ids is None or not (ids[0] or ids[1]):
        return None
    cities, networks = ids
    values = {f"scope_city_{i}": city for i, city in enumerate(cities)}
    values |= {f"scope_network_{i}": net for i, net in enumerate(networks)}
    return Scope((editable, len(cities), len(networks)), values)


def transfers_visible_to(user, network: Network | int | None = None) -> QuerySet[Transfer]:
    return _scoped(Transfer.objects.all(), user, "city", editable=False, network=network)


def transfers_editable_by(user, network: Network | int | None = None) -> QuerySet[Transfer]:
    return _scoped(Transfer.objects.all(), user, "city", editable=True, network=network)


def steps_visible_to(user, network: Network | int | None = None) -> QuerySet[TransferStep]:
    return _scoped(
        TransferStep.objects.all(), user, "transfer__city", editable=False, network=network
    )


def steps_editable_by(user, network: Network | int | None = None) -> QuerySet[TransferStep]:
    return _scoped(
        TransferStep.objects.all(), user, "transfer__city", editable=True, network=network
    )


def deliverables_visible_to(user, network: Network | int | None = None) -> QuerySet[Deliverable]:
    """Coordinators see their cities' deliverables; network-level ones are for lead staff."""
    return _scoped(
        Deliverable.objects.all(),
        user,
        "city",
        editable=False,
        network=network,
        network_lookup="network",
    )


def deliverables_editable_by(user, network: Network | int | None = None) -> QuerySet[Deliverable]:
    return _scoped(
        Deliverable.objects.all(),
        user,
        "city",
        editable=True,
        network=network,
        network_lookup="network",
    )


def evidence_visible_to(user, network: Network | int | None = None) -> QuerySet[StepEvidence]:
    return _scoped(
        StepEvidence.objects.all(), user, "step__transfer__city", editable=False, network=network
    )


def evidence_editable_by(user, network: Network | int | None = None) -> QuerySet[StepEvidence]:
    return _scoped(
        StepEvidence.objects.all(), user, "step__transfer__city", editable=True, network=network
    )


def uploads_visible_to(user, network: Network | int | None = None) -> QuerySet[DeliverableUpload]:
    return _scoped(
        DeliverableUpload.objects.all(),
        user,
        "deliverable__city",
        editable=False,
        network=network,
        network_lookup="deliverable__network",
    )


# --- Lists ------------------------------------------------------------------------------------


def with_step_relations(queryset: QuerySet[TransferStep]) -> QuerySet[TransferStep]:
    return queryset.select_related(
        "transfer__city__network", "transfer__practice", "updated_by"
    ).annotate(phase_rank=phase_rank())


def with_deliverable_relations(queryset: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    return queryset.select_related("city", "network", "updated_by")


# --- One object -------------------------------------------------------------------------------


def step_evidence(step: TransferStep) -> QuerySet[StepEvidence]:
    return step.evidence.select_related("uploaded_by")


def step_comments(step: TransferStep) -> QuerySet[StepComment]:
    return step.comments.select_related("author")


def deliverable_uploads(deliverable: Deliverable) -> QuerySet[DeliverableUpload]:
    return deliverable.uploads.select_related("uploaded_by")


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
