"""The workspace's deliverable tables as plain rows (see ``rows``: what each cell shows,
prepared once per list)."""

from typing import TypedDict

from django.db.models import QuerySet

from common.languages import shown_in, translated_columns
from common.prepared import prepared_rows
from practices.models import Deliverable
from practices.selectors import Scope

from .rows import ListWords

#: What a deliverable table shows of each deliverable.
DELIVERABLE_LIST_VALUES = (
    "pk",
    "city_id",
    "kind",
    "title",
    "phase",
    "due_date",
    "status",
    "file",
    "network__end_date",
)


class DeliverableRow(TypedDict):
    """A deliverable as the deliverable tables show it."""

    pk: int
    url: str
    title: str
    city_name: str  # empty for a network-level deliverable
    phase_label: str
    status: str
    status_label: str
    is_overdue: bool
    is_unfinished_at_end: bool
    due_iso: str
    due_text: str
    has_file: bool


#: The deliverable lists' order: by due date, then city.
DELIVERABLE_ORDER = ("due_date", "city__order", "kind", "pk")


def for_deliverable_list(queryset: QuerySet[Deliverable]) -> QuerySet:
    """The deliverables as the rows of a list (``deliverable_rows`` turns them into rows)."""
    columns = (*DELIVERABLE_LIST_VALUES, *translated_columns("city__name"))
    return queryset.select_related(None).values(*columns)


def deliverable_rows(
    queryset: QuerySet[Deliverable] | list[dict], words: ListWords | None = None
) -> list[DeliverableRow]:
    """The deliverables of ``queryset`` (sliced as needed), or rows already read
    (``for_deliverable_list``, ``first_visible_deliverables``), ready for the template."""
    words = words or ListWords()
    result = []
    rows = for_deliverable_list(queryset) if isinstance(queryset, QuerySet) else queryset
    for row in rows:
        due = row["due_date"]
        end = row["network__end_date"]
        city = shown_in(row, "city__name", words.languages)[0] if row["city_id"] else ""
        result.append(
            DeliverableRow(
                pk=row["pk"],
                url=words.link("workspace:deliverable_detail", row["pk"]),
                title=row["title"] or words.kind.get(row["kind"], row["kind"]),
                city_name=city,
                phase_label=words.phase[row["phase"]],
                status=row["status"],
                status_label=words.status[row["status"]],
                is_overdue=words.overdue(due, row["status"], end),
                is_unfinished_at_end=words.unfinished_at_end(row["status"], end),
                due_iso=due.isoformat() if due else "",
                due_text=words.short_date(due),
                has_file=bool(row["file"]),
            )
        )
    return result


def first_visible_deliverables(scope: Scope, limit: int) -> list[dict]:
    """The first ``limit`` deliverables of ``scope`` (``practices.selectors.scope_of``) in
    ``DELIVERABLE_ORDER``, read as ``for_deliverable_list`` reads them, the SQL built once per
    process, language and shape of scope (``common.prepared``)."""
    columns = (*DELIVERABLE_LIST_VALUES, *translated_columns("city__name"))

    def build(**ids: int) -> QuerySet:
        visible = scope.narrow(
            Deliverable.objects.all(), ids, lookup="city", network_lookup="network"
        )
        return visible.order_by(*DELIVERABLE_ORDER).values(*columns)[:limit]

    return prepared_rows(
        ("workspace.first_deliverables", columns, scope.key, limit), build, scope.values
    )
