"""Read-side queries behind the digests and the due dates of the personal calendar feed."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from cities.models import City, Membership, Network
from cities.selectors import follows_whole_network
from common.collation import sort_key

from .models import Deliverable, Status, Transfer, TransferStep

# --- Daily digest -----------------------------------------------------------------------------


@dataclass
class CityDue:
    city: City
    steps: list = field(default_factory=list)
    deliverables: list = field(default_factory=list)
    #: What other apps add (``digests.register_city_items``): (their registration, the items).
    extras: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.steps) + len(self.deliverables) + sum(len(i) for _, i in self.extras)


def coordinator_cities(*, recipients: QuerySet, today: dt.date) -> dict[int, list[City]]:
    """Active cities each recipient coordinates, by user id, in networks running ``today``:
    due dates mean nothing before a network starts or after it ends."""
    memberships = (
        Membership.objects.filter(
            user__in=recipients,
            role__in=Membership.COORDINATOR_ROLES,
            city__status=City.Status.ACTIVE,
            city__network__start_date__lte=today,
            city__network__end_date__gte=today,
        )
        .select_related("city__network")
        .order_by("city__order", "city__slug")
    )
    cities: dict[int, list[City]] = defaultdict(list)
    for membership in memberships:
        if not membership.city.network.is_running_on(today):
            continue  # the network's own rule decides; the filter above only narrows the rows
        if membership.city not in cities[membership.user_id]:
            cities[membership.user_id].append(membership.city)
    return cities


def due_by_city(*, city_ids, today: dt.date, within_days: int) -> dict[int, CityDue]:
    """Steps and city deliverables not done and due by ``today + within_days`` (or overdue)."""
    horizon = today + dt.timedelta(days=within_days)
    result: dict[int, CityDue] = {}
    steps = (
        TransferStep.objects.filter(transfer__city__in=city_ids, due_date__lte=horizon)
        .exclude(status=Status.DONE)
        .select_related("transfer__city", "transfer__practice")
        .order_by("due_date", "transfer__practice__order", "order", "pk")
    )
    for step in steps:
        city = step.transfer.city
        result.setdefault(city.pk, CityDue(city=city)).steps.append(step)
    deliverables = (
        Deliverable.objects.filter(city__in=city_ids, due_date__lte=horizon)
        .exclude(status=Status.DONE)
        .select_related("city")
        .order_by("due_date", "kind", "pk")
    )
    for deliverable in deliverables:
        result.setdefault(deliverable.city_id, CityDue(city=deliverable.city)).deliverables.append(
            deliverable
        )
    return result


# --- Weekly network digest --------------------------------------------------------------------


@dataclass
class StepChange:
    step_id: int
    title: str
    practice: object
    old_progress: int | None
    new_progress: int
    old_status: str | None
    new_status: str

    @property
    def is_new(self) -> bool:
        return self.old_progress is None

    @property
    def new_status_label(self) -> str:
        return Status(self.new_status).label

    @property
    def old_status_label(self) -> str:
        return Status(self.old_status).label if self.old_status else ""


@dataclass
class CityWeek:
    city: City | None
    changes: list[StepChange] = field(default_factory=list)
    overdue_steps: list = field(default_factory=list)
    overdue_deliverables: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.changes or self.overdue_steps or self.overdue_deliverables)


def lead_staff_by_network(*, recipients: QuerySet) -> dict[int, list]:
    """People with a lead-staff membership, by the network of their city."""
    memberships = Membership.objects.filter(
        user__in=recipients, role=Membership.Role.LEAD_STAFF
    ).select_related("user", "city")
    people: dict[int, list] = defaultdict(list)
    for membership in memberships.order_by("user__email"):
        if membership.user not in people[membership.city.network_id]:
            people[membership.city.network_id].append(membership.user)
    return people


def _step_changes(*, network: Network, since: dt.datetime) -> dict[int, list[StepChange]]:
    """Progress or status changes since ``since``, from the steps' history, by city id."""
    history = TransferStep.history.model
    changed = history.objects.filter(
        history_date__gte=since, transfer__city__network=network
    ).values("id")
    records = history.objects.filter(id__in=changed).order_by("id", "history_date", "history_id")
    before: dict[int, object] = {}
    latest: dict[int, object] = {}
    for record in records.values(
        "id", "title", "progress", "status", "history_date", "history_type", "transfer_id"
    ):
        target = latest if record["history_date"] >= since else before
        target[record["id"]] = record
    transfers = {
        transfer.pk: transfer
        for transfer in Transfer.objects.filter(
            pk__in={record["transfer_id"] for record in latest.values()}
        ).select_related("city", "practice")
    }
    by_city: dict[int, list[StepChange]] = defaultdict(list)
    for step_id, record in latest.items():
        old = before.get(step_id)
        transfer = transfers.get(record["transfer_id"])
        if record["history_type"] == "-" or transfer is None:
            continue
        if old and (old["progress"], old["status"]) == (record["progress"], record["status"]):
            continue
        by_city[transfer.city_id].append(
            StepChange(
                step_id=step_id,
                title=record["title"],
                practice=transfer.practice,
                old_progress=old["progress"] if old else None,
                new_progress=record["progress"],
                old_status=old["status"] if old else None,
                new_status=record["status"],
            )
        )
    return by_city


def network_week(*, network: Network, since: dt.datetime, today: dt.date) -> list[CityWeek]:
    """Per active city: progress changes since ``since`` and what is overdue on ``today``.

    A last entry with ``city=None`` holds overdue network-level deliverables.
    """
    cities = list(City.objects.filter(network=network).active().order_by("order", "slug"))
    weeks = {city.pk: CityWeek(city=city) for city in cities}
    for city_id, changes in _step_changes(network=network, since=since).items():
        if city_id in weeks:
            weeks[city_id].changes = sorted(
                changes, key=lambda c: (c.practice.order, sort_key(c.title))
            )
    if not network.is_running_on(today):
        # After the end nothing is overdue any more; only the changes are reported.
        return [week for week in weeks.values() if not week.is_empty]
    overdue_steps = (
        TransferStep.objects.filter(transfer__city__in=weeks.keys(), due_date__lt=today)
        .exclude(status=Status.DONE)
        .select_related("transfer__practice")
        .order_by("due_date", "pk")
    )
    for step in overdue_steps:
        weeks[step.transfer.city_id].overdue_steps.append(step)
    network_level = CityWeek(city=None)
    overdue_deliverables = (
        Deliverable.objects.filter(network=network, due_date__lt=today)
        .filter(Q(city__isnull=True) | Q(city__in=weeks.keys()))
        .exclude(status=Status.DONE)
        .order_by("due_date", "pk")
    )
    for deliverable in overdue_deliverables:
        target = weeks[deliverable.city_id] if deliverable.city_id else network_level
        target.overdue_deliverables.append(deliverable)
    return [week for week in [*weeks.values(), network_level] if not week.is_empty]


def feed_due_items(*, user, network: Network) -> tuple[list[TransferStep], list[Deliverable]]:
    """Open steps and deliverables of the person's cities in ``network`` (and the network's
    own, for its lead staff)."""
    city_ids = list(
        Membership.objects.filter(
            user=user, city__status=City.Status.ACTIVE, city__network=network
        ).values_list("city_id", flat=True)
    )
    # Due dates of a network that has ended are no longer worth a calendar entry.
    today = timezone.localdate()
    if not city_ids or network.end_date < today:
        return [], []
    steps = list(
        TransferStep.objects.filter(transfer__city__in=city_ids, due_date__isnull=False)
        .exclude(status=Status.DONE)
        .select_related("transfer__city", "transfer__practice")
        .order_by("due_date", "pk")
    )
    scope = Q(city__in=city_ids)
    if follows_whole_network(user, network=network):
        scope |= Q(city__isnull=True, network=network)
    deliverables = list(
        Deliverable.objects.filter(scope, network=network)
        .exclude(status=Status.DONE)
        .select_related("city")
        .order_by("due_date", "pk")
    )
    return steps, deliverables
