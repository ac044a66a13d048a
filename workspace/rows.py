"""The workspace's tables as plain rows: what each cell shows, prepared once per list.

Templates render these rows with auto-escaping. Everything a row repeats (the link pattern, the
labels of statuses and phases, the date format) is looked up once per list, and each distinct
date is formatted once, so that a table of a few hundred rows costs little more than its loop.

Rows are plain dictionaries (typed as ``TypedDict``): Django's templates look a name up as a key
first, so an object row pays for a failed ``row[name]`` on every cell. Numbers only shown are
given as text, which spares the template a ``localize()`` per cell.
"""

from collections import defaultdict
from datetime import date, datetime
from typing import TypedDict

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from common.dates import DayTexts
from common.languages import shown_in, translated_columns
from common.prepared import prepared_rows
from practices.models import Deliverable, Phase, Status, Transfer, TransferStep
from practices.progress import tally_fields
from practices.selectors import Scope, with_step_relations

PHASE_ORDER = [Phase.UNDERSTAND, Phase.ADAPT, Phase.REUSE]

#: What a step table shows of each step, its transfer, city and practice, read as values (with
#: the translated columns of the active language, see ``step_list_values``).
STEP_LIST_VALUES = (
    "pk",
    "transfer_id",
    "phase",
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


class ListWords:
    """Labels, link patterns and dates shared by every row of one list."""

    def __init__(self) -> None:
        self.languages = list(resolution_order(get_language()))
        self.status = {value: str(label) for value, label in Status.choices}
        self.phase = {value: str(label) for value, label in Phase.choices}
        self.kind = {value: str(label) for value, label in Deliverable.Kind.choices}
        self.today = timezone.localdate()
        self.timezone = timezone.get_current_timezone()
        self._days = DayTexts()
        self._links: dict[str, str] = {}

    def short_date(self, day: date | None) -> str:
        return self._days(day, "SHORT_DATE_FORMAT")

    def local_date(self, moment: datetime) -> date:
        """The day of an aware ``moment`` in the current time zone (``localtime().date()``
        without its checks, once per row)."""
        return moment.astimezone(self.timezone).date()

    def link(self, view_name: str, pk: int) -> str:
        # One reverse() per list: the pattern's prefix, then each row's id and the final slash.
        prefix = self._links.get(view_name)
        if prefix is None:
            prefix = self._links[view_name] = reverse(view_name, args=[0])[: -len("0/")]
        return f"{prefix}{pk}/"

    def overdue(self, due_date: date | None, status: str, network_end: date | None) -> bool:
        """Late while the network runs; once it has ended nothing is overdue any more."""
        if self.ended(network_end):
            return False
        return bool(due_date and status != Status.DONE and due_date < self.today)

    def unfinished_at_end(self, status: str, network_end: date | None) -> bool:
        return self.ended(network_end) and status != Status.DONE

    def ended(self, network_end: date | None) -> bool:
        return bool(network_end and network_end < self.today)


class TransferLabel(TypedDict):
    pk: int
    city_name: str
    city_slug: str
    city_order: int
    practice_title: str
    practice_order: int


class StepRow(TypedDict):
    """A step as the step tables show it."""

    pk: int
    url: str
    title: str
    transfer: TransferLabel
    phase: str
    phase_label: str
    status: str
    status_label: str
    is_overdue: bool
    is_unfinished_at_end: bool
    progress: int
    progress_text: str  # the percentage as the table shows it
    due_iso: str
    due_text: str
    changed_text: str


def for_step_list(queryset: QuerySet[TransferStep]) -> QuerySet:
    """The steps as the rows of a list (``step_rows`` turns them into rows).

    The title's columns are read as they are and the shown one picked by ``step_rows``:
    modeltranslation's own ``values()`` resolves the fallback through a model descriptor per
    row, a third of the cost of reading the list.
    """
    return queryset.select_related(None).raw_values(
        *STEP_LIST_VALUES,
        *translated_columns("transfer__city__name"),
        *translated_columns("transfer__practice__title"),
        *(build_localized_fieldname("title", lang) for lang in _step_title_languages()),
    )


#: The workspace's order of steps: by city, practice, phase (in URBACT's order), then the steps'.
STEP_ORDER = ("transfer__city__order", "transfer__practice__order", "phase_rank", "order", "pk")


def steps_of_transfers(transfer_ids: list[int]) -> list[dict]:
    """Every step of these transfers, as ``for_step_list`` reads them, in ``STEP_ORDER``: the
    rows of a page of whole transfers when no filter narrows their steps. Its SQL is built once
    per process, language and number of transfers (``common.prepared``): a page holds a dozen
    transfers at most."""
    if not transfer_ids:
        return []
    names = [f"transfer_{i}" for i in range(len(transfer_ids))]

    def build(**ids: int) -> QuerySet:
        steps = TransferStep.objects.filter(transfer_id__in=[ids[name] for name in names])
        return for_step_list(with_step_relations(steps).order_by(*STEP_ORDER))

    key = ("workspace.steps_of_transfers", get_language(), len(names))
    return prepared_rows(key, build, dict(zip(names, transfer_ids, strict=True)))


def _step_title_languages() -> list[str]:
    """The languages a step's title is looked for in, in modeltranslation's order (every
    language: see ``practices/translation.py``)."""
    return list(resolution_order(get_language(), TransferStep.title.fallback_languages))


def step_rows(rows, words: ListWords | None = None) -> list[StepRow]:
    """Rows of ``for_step_list`` ready for the template; a transfer's steps share its label.

    What every row repeats is looked up once per list: the title's columns, the link's prefix,
    whether the network has ended (one end date per network)."""
    words = words or ListWords()
    title_columns = [build_localized_fieldname("title", lang) for lang in _step_title_languages()]
    link_prefix = words.link("workspace:step_detail", 0)[: -len("0/")]
    today, done = words.today, Status.DONE.value
    short_date, local_date = words.short_date, words.local_date
    ended_by_end: dict[date | None, bool] = {}
    transfers: dict[int, TransferLabel] = {}
    result = []
    for row in rows:
        transfer = transfers.get(row["transfer_id"])
        if transfer is None:
            transfer = transfers[row["transfer_id"]] = TransferLabel(
                pk=row["transfer_id"],
                city_name=shown_in(row, "transfer__city__name", words.languages)[0],
                city_slug=row["transfer__city__slug"],
                city_order=row["transfer__city__order"],
                practice_title=shown_in(row, "transfer__practice__title", words.languages)[0],
                practice_order=row["transfer__practice__order"],
            )
        changed = short_date(local_date(row["updated_at"]))
        who = row["updated_by__full_name"] or row["updated_by__email"]
        due, status, progress = row["due_date"], row["status"], row["progress"]
        end = row["transfer__city__network__end_date"]
        ended = ended_by_end.get(end)
        if ended is None:
            ended = ended_by_end[end] = words.ended(end)
        step: StepRow = {
            "pk": row["pk"],
            "url": f"{link_prefix}{row['pk']}/",
            "title": _first_text(row, title_columns),
            "transfer": transfer,
            "phase": row["phase"],
            "phase_label": words.phase[row["phase"]],
            "status": status,
            "status_label": words.status[status],
            # As ListWords.overdue and unfinished_at_end say, the network's end known.
            "is_overdue": not ended and bool(due and status != done and due < today),
            "is_unfinished_at_end": ended and status != done,
            "progress": progress,
            "progress_text": str(progress),
            "due_iso": due.isoformat() if due else "",
            "due_text": short_date(due),
            "changed_text": f"{changed} · {who}" if who else changed,
        }
        result.append(step)
    return result


def _first_text(row: dict, columns: list[str]) -> str:
    """``shown_in(row, field, languages)[0]`` with the field's columns named once per list."""
    for column in columns:
        value = row[column]
        if value not in (None, ""):
            return value
    return ""


def transfers_of(steps: QuerySet[TransferStep]) -> QuerySet:
    """The transfers these steps belong to, in the order ``group_steps`` shows them, each read
    with what its summary shows (names and tallies: ``selectors.transfer_summaries``), so
    that the page of transfers is the summaries' query too."""
    return (
        Transfer.objects.filter(pk__in=steps.values("transfer_id"))
        .order_by("city__order", "city__slug", "practice__order", "pk")
        .raw_values(
            "pk",
            *translated_columns("city__name"),
            *translated_columns("practice__title"),
            *tally_fields(),
        )
    )


def first_visible_transfers(scope: Scope, limit: int) -> list[dict]:
    """The first ``limit`` rows of ``transfers_of`` the steps of ``scope``
    (``practices.selectors.scope_of``), the SQL built once per process, language and shape of
    scope (``common.prepared``)."""

    def build(**ids: int) -> QuerySet:
        steps = scope.narrow(TransferStep.objects.all(), ids, lookup="transfer__city")
        return transfers_of(steps)[:limit]

    key = ("workspace.first_visible_transfers", get_language(), scope.key, limit)
    return prepared_rows(key, build, scope.values)


def group_steps(steps: list[StepRow]) -> list[dict]:
    """Steps grouped by transfer, then by phase in URBACT's order, keeping their sort order."""
    transfers: dict[int, dict] = {}
    for step in steps:
        group = transfers.get(step["transfer"]["pk"])
        if group is None:
            group = transfers[step["transfer"]["pk"]] = {
                "transfer": step["transfer"],
                "phases": defaultdict(list),
                "progress_total": 0,
                "count": 0,
                "overdue": 0,
                "unfinished": 0,
            }
        group["phases"][step["phase"]].append(step)
        group["progress_total"] += step["progress"]
        group["count"] += 1
        group["overdue"] += step["is_overdue"]
        group["unfinished"] += step["is_unfinished_at_end"]
    labels = {value: str(label) for value, label in Phase.choices}

    def place(group: dict) -> tuple:
        transfer = group["transfer"]
        return (transfer["city_order"], transfer["city_slug"], transfer["practice_order"])

    result = []
    for group in sorted(transfers.values(), key=place):
        phases = [
            {"phase": phase, "label": labels[phase], "steps": group["phases"][phase]}
            for phase in PHASE_ORDER
            if group["phases"].get(phase)
        ]
        progress = str(round(group["progress_total"] / group["count"]))
        result.append(
            {
                "transfer": group["transfer"],
                "phases": phases,
                "count": group["count"],
                "overdue": group["overdue"],
                "unfinished": group["unfinished"],
                "progress": progress,
                **_group_sentences(progress, group["overdue"], group["unfinished"]),
            }
        )
    return result


def _group_sentences(progress: str, overdue: int, unfinished: int) -> dict[str, str]:
    """What a transfer's heading says of its steps (its template is a Jinja2 one, whose
    strings are constants: sentences with a number are made here)."""
    return {
        "progress_text": gettext("%(progress)s%% on average") % {"progress": progress},
        "overdue_text": ngettext("%(counter)s step overdue", "%(counter)s steps overdue", overdue)
        % {"counter": overdue},
        "unfinished_text": ngettext(
            "%(counter)s step not completed when the network ended",
            "%(counter)s steps not completed when the network ended",
            unfinished,
        )
        % {"counter": unfinished},
    }
