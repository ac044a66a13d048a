"""Reads behind the workspace's home: a city at a glance (the network page's are in
``network_overview.py``)."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from common.languages import shown_in, translated_columns
from practices.models import Deliverable, TransferStep
from practices.progress import progress_from_tallies

from .rows import ListWords

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
    *, steps: QuerySet[TransferStep], deliverables: QuerySet[Deliverable], words: ListWords
) -> list[DueItem]:
    """The next ``NEXT_DUE_SHOWN`` open steps and deliverables due from today on, soonest first
    (two queries on the open-steps-by-due-date index)."""
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
    deliverable_rows = (
        deliverables.open()
        .filter(due_date__gte=today)
        .order_by("due_date", "pk")
        .values("pk", "title", "kind", "due_date", "city_id", *translated_columns("city__name"))[
            :NEXT_DUE_SHOWN
        ]
    )
    step_label, deliverable_label = _("Step"), _("Deliverable")
    items = [
        DueItem(
            url=words.link("workspace:step_detail", row["pk"]),
            title=row["title"],
            where=(
                f"{shown_in(row, 'transfer__city__name', words.languages)[0]} · "
                f"{shown_in(row, 'transfer__practice__title', words.languages)[0]}"
            ),
            kind_label=step_label,
            due_date=row["due_date"],
            due_iso=row["due_date"].isoformat(),
            due_text=words.short_date(row["due_date"]),
        )
        for row in step_rows
    ]
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
        for row in deliverable_rows
    ]
    items.sort(key=lambda item: item.due_date)
    return items[:NEXT_DUE_SHOWN]
