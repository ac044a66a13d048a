"""Reads behind the workspace's home: a city at a glance (the network page's are in
``network_overview.py``)."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from cities.models import Network
from common.languages import shown_in, translated_columns
from common.prepared import prepared_rows
from practices.models import Deliverable, Practice, Status, Transfer, TransferStep
from practices.progress import progress_from_tallies
from practices.selectors import Scope, scope_of, transfers_editable_by

from .rows import ListWords, StepRow

#: How many of the next things due the workspace's summary lists.
NEXT_DUE_SHOWN = 5


def _percent(value: float | None) -> int:
    # Halves round up, as the template filter floatformat did.
    return int(Decimal(str(value or 0)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _overdue_by_transfer(transfer_ids: list[int], *, ended: bool = False) -> dict[int, int]:
    """Late steps per transfer; once the network has ended, the steps left unfinished."""
    steps = TransferStep.objects.unfinished_at_end() if ended else TransferStep.objects.overdue()
    return dict(
        steps.filter(transfer__in=transfer_ids)
        .order_by()
        .values_list("transfer")
        .annotate(n=Count("pk"))
    )


# --- A city at a glance -------------------------------------------------------------------------


@dataclass(slots=True)
class TransferSummary:
    pk: int
    city_name: str
    practice_title: str
    progress: int
    step_count: int
    overdue: int


def transfer_summaries(
    transfers: list[dict], words: ListWords, *, overdue: dict[int, int] | None = None
) -> list[TransferSummary]:
    """Each transfer's progress (from its tallies, whatever the filters) and overdue steps, for
    rows of ``rows.transfers_of`` in their order. ``overdue`` (late steps per transfer) when
    the page has counted them from all of the transfers' steps; else one query counts them."""
    if overdue is None:
        overdue = _overdue_by_transfer([row["pk"] for row in transfers])
    summaries = []
    for row in transfers:
        figures = _Figures(row)
        progress_from_tallies(figures)
        summaries.append(
            TransferSummary(
                pk=row["pk"],
                city_name=shown_in(row, "city__name", words.languages)[0],
                practice_title=shown_in(row, "practice__title", words.languages)[0],
                progress=_percent(figures.progress_overall),
                step_count=figures.step_count,
                overdue=overdue.get(row["pk"], 0),
            )
        )
    return summaries


class _Figures:
    def __init__(self, row: dict) -> None:
        self.__dict__.update(row)


@dataclass(slots=True)
class DueItem:
    """One of the next things due: a step or a deliverable."""

    url: str
    title: str
    where: str
    kind_label: str
    due_date: date
    due_iso: str
    due_text: str


def next_due(
    *,
    steps: QuerySet[TransferStep],
    deliverables: QuerySet[Deliverable],
    words: ListWords,
    read_steps: list[StepRow] | None = None,
    scope: Scope | None = None,
) -> list[DueItem]:
    """The next ``NEXT_DUE_SHOWN`` open steps and deliverables due from today on, soonest first
    (a query each on the open-items-by-due-date index). ``read_steps``: every one of ``steps``,
    already read as rows (a page that shows them all): the next steps are found among them,
    without a query. ``scope``: that of ``deliverables`` (``practices.selectors.scope_of``),
    whose query is then built once per process."""
    today = words.today
    step_label, deliverable_label = _("Step"), _("Deliverable")
    if read_steps is not None:
        items = _next_steps(read_steps, today, step_label)
    else:
        items = _next_steps_read(steps, words, step_label)
    items += [
        DueItem(
            url=words.link("workspace:deliverable_detail", row["pk"]),
            title=row["title"] or words.kind.get(row["kind"], row["kind"]),
            where=(
                shown_in(row, "city__name", words.languages)[0]
                if row["city_id"]
                else _("Whole network")
            ),
            kind_label=deliverable_label,
            due_date=row["due_date"],
            due_iso=row["due_date"].isoformat(),
            due_text=words.short_date(row["due_date"]),
        )
        for row in _next_deliverables(deliverables, today, scope)
    ]
    items.sort(key=lambda item: item.due_date)
    return items[:NEXT_DUE_SHOWN]


def _next_deliverables(
    deliverables: QuerySet[Deliverable], today: date, scope: Scope | None
) -> list[dict]:
    columns = ("pk", "title", "kind", "due_date", "city_id", *translated_columns("city__name"))

    def soonest(deliverables: QuerySet[Deliverable], today: date) -> QuerySet:
        due = deliverables.open().filter(due_date__gte=today).order_by("due_date", "pk")
        return due.values(*columns)[:NEXT_DUE_SHOWN]

    if scope is None:
        return list(soonest(deliverables, today))

    def build(today: date, **ids: int) -> QuerySet:
        visible = scope.narrow(
            Deliverable.objects.all(), ids, lookup="city", network_lookup="network"
        )
        return soonest(visible, today)

    key = ("workspace.next_deliverables", columns, scope.key)
    return prepared_rows(key, build, {"today": today, **scope.values})


def _next_steps(steps: list[StepRow], today: date, label: str) -> list[DueItem]:
    """The next open steps due from today on among ``steps``, as the query of
    ``_next_steps_read`` orders them (by due date, then id)."""
    today_iso, done = today.isoformat(), Status.DONE.value
    due = [s for s in steps if s["status"] != done and s["due_iso"] and s["due_iso"] >= today_iso]
    due.sort(key=lambda step: (step["due_iso"], step["pk"]))
    return [
        DueItem(
            url=step["url"],
            title=step["title"],
            where=f"{step['transfer']['city_name']} · {step['transfer']['practice_title']}",
            kind_label=label,
            due_date=date.fromisoformat(step["due_iso"]),
            due_iso=step["due_iso"],
            due_text=step["due_text"],
        )
        for step in due[:NEXT_DUE_SHOWN]
    ]


def _next_steps_read(steps: QuerySet[TransferStep], words: ListWords, label: str) -> list[DueItem]:
    """The next open steps due from today on, read from the database."""
    today = words.today
    step_rows = (
        steps.open()
        .filter(due_date__gte=today)
        .order_by("due_date", "pk")
        .values(
            "pk",
            "title",
            "due_date",
            *translated_columns("transfer__city__name"),
            *translated_columns("transfer__practice__title"),
        )[:NEXT_DUE_SHOWN]
    )
    return [
        DueItem(
            url=words.link("workspace:step_detail", row["pk"]),
            title=row["title"],
            where=(
                f"{shown_in(row, 'transfer__city__name', words.languages)[0]} · "
                f"{shown_in(row, 'transfer__practice__title', words.languages)[0]}"
            ),
            kind_label=label,
            due_date=row["due_date"],
            due_iso=row["due_date"].isoformat(),
            due_text=words.short_date(row["due_date"]),
        )
        for row in step_rows
    ]


def may_add_steps(user, network: Network) -> bool:
    """Whether the person may change a transfer of ``network`` (that
    ``transfers_editable_by(user, network)`` holds one), the SQL built once per process and
    shape of scope (``common.prepared``)."""
    scope = scope_of(user, network, editable=True)
    if scope is None:
        return transfers_editable_by(user, network).exists()

    def build(**ids: int) -> QuerySet:
        return scope.narrow(Transfer.objects.all(), ids, lookup="city").values("pk")[:1]

    return bool(prepared_rows(("workspace.may_add_steps", scope.key), build, scope.values))


def practice_labels(network: Network | int) -> list[dict]:
    """The network's practices as the practice filter lists them: their id and the columns of
    their title in the active language's order, by the practices' order; the SQL built once per
    process and language (``common.prepared``)."""
    columns = translated_columns("title")

    def build(network: int) -> QuerySet:
        return (
            Practice.objects.filter(network=network)
            .order_by("order", "slug")
            .values("pk", *columns)
        )

    network_id = network.pk if isinstance(network, Network) else network
    return prepared_rows(("workspace.practice_labels", *columns), build, {"network": network_id})
