"""Reads behind lead staff's network page: the matrix of cities × practices, a page of cities
at a time, and the network's longest overdue steps and deliverables with how many there are.

Each query's SQL is built once per process (``common.prepared``): building them cost the ORM
more CPU than PostgreSQL takes to answer them.
"""

import operator
from datetime import date
from functools import reduce
from typing import TypedDict

from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.expressions import CombinedExpression
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from cities.models import City, Network
from common.languages import shown_in, translated_columns
from common.prepared import prepared_count, prepared_rows
from practices.models import Practice, Transfer, TransferStep
from practices.progress import PHASES

from .deliverable_rows import for_deliverable_list
from .rows import ListWords, for_step_list

# --- The network matrix -------------------------------------------------------------------------


# Rows handed to the template as plain dicts of texts: the matrix has a cell per city and practice
# (1,200 on a page), and the template engine reads a dict's keys and prints a str at once, where
# an object's attributes cost it a failed ``obj[name]`` first and an int a trip through
# ``localize()``.


class MatrixCell(TypedDict):
    progress: str  # the transfer's overall progress, a whole percentage as text
    done_text: str
    overdue_text: str  # empty unless steps are overdue
    unfinished_text: str  # empty unless steps were not completed when the network ended


class MatrixRow(TypedDict):
    city_name: str
    url: str
    # Per practice, the transfer's figures; a run of practices the city has not taken on is
    # one number, how many (most cells are those: the template writes a run at once).
    cells: list[MatrixCell | int]


class MatrixColumn(TypedDict):
    pk: int
    title: str


class _CellTexts:
    """The matrix's sentences, translated once per list (and once per count) rather than once
    per cell: a page of 30 cities × 40 practices has 1,200 cells."""

    def __init__(self) -> None:
        self.done = _("%(done)s of %(total)s steps done")
        self._overdue: dict[int, str] = {}
        self._unfinished: dict[int, str] = {}

    def overdue(self, count: int) -> str:
        text = self._overdue.get(count)
        if text is None:
            text = self._overdue[count] = ngettext(
                "%(counter)s overdue", "%(counter)s overdue", count
            ) % {"counter": count}
        return text

    def unfinished(self, count: int) -> str:
        text = self._unfinished.get(count)
        if text is None:
            text = self._unfinished[count] = ngettext(
                "%(counter)s not completed when the network ended",
                "%(counter)s not completed when the network ended",
                count,
            ) % {"counter": count}
        return text


def _matrix_cities(network: int) -> QuerySet[City]:
    return (
        City.objects.filter(network_id=network)
        .filter(Exists(Transfer.objects.filter(city=OuterRef("pk"))))
        .order_by("order", "slug")
    )


class MatrixCities:
    """The rows of the network matrix for ``common.paging.page_of``: cities that transfer
    something (the lead partner shares its practice rather than transferring it, so it would be
    a row of dashes), a page of them read with their names, and their count; each query's SQL
    built once per process (``common.prepared``)."""

    def __init__(self, network: Network) -> None:
        self._values = {"network": network.pk}
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:  # no rows read yet, or none on the page asked for
            self._count = prepared_count(("workspace.matrix_cities",), _matrix_cities, self._values)
        return self._count

    def __getitem__(self, window: slice) -> list[dict]:
        def build(network: int) -> QuerySet:
            # With their count (over all of them, before the page's LIMIT): no second query.
            counted = _matrix_cities(network).annotate(total=Window(Count("pk")))
            return counted.raw_values("pk", "total", *translated_columns("name"))[window]

        key = ("workspace.matrix_cities", get_language(), window.start, window.stop)
        rows = prepared_rows(key, build, self._values)
        if rows:
            self._count = rows[0]["total"]
        return rows


def matrix_cities(*, network: Network) -> MatrixCities:
    return MatrixCities(network)


def _added(fields) -> CombinedExpression:
    return reduce(operator.add, map(F, fields))


def matrix_transfers(city_ids: list[int], *, today: date | None) -> QuerySet:
    """The transfers of these cities with their tallies added up and, in the same query, their
    overdue steps (``late``: open and due before ``today``), or once the network has ended
    (``today`` None) their steps left unfinished: ``TransferStep.objects.overdue()`` and
    ``unfinished_at_end()`` for cities of one network whose state is known, so without their
    join to the network's end date."""
    late = TransferStep.objects.open().filter(transfer=OuterRef("pk"))
    if today is not None:
        late = late.filter(due_date__lt=today)
    count = Func(template="COUNT(*)", output_field=IntegerField())
    # Without modeltranslation's rewriting: no translated field is asked.
    late = late.order_by().rewrite(False).annotate(n=count).values("n")
    return (
        Transfer.objects.filter(city__in=city_ids)
        .order_by()
        .rewrite(False)
        .annotate(late=Subquery(late))
        # The overall progress as progress_from_tallies() reads it: the sum of the steps'
        # progress over the number of steps, all phases together.
        .values(
            "pk",
            "city_id",
            "practice_id",
            "tally_done",
            "late",
            step_total=_added(f"tally_steps_{phase}" for phase in PHASES),
            progress_total=_added(f"tally_progress_{phase}" for phase in PHASES),
        )
    )


def _matrix_transfers(city_ids: list[int], *, today: date, ended: bool) -> list[dict]:
    """``matrix_transfers``, its SQL built once per process and number of cities."""

    def build(today: date | None = None, **cities: int) -> QuerySet:
        return matrix_transfers(list(cities.values()), today=today)

    values: dict = {f"city{i}": pk for i, pk in enumerate(city_ids)}
    if not ended:
        values["today"] = today
    return prepared_rows(("workspace.matrix_transfers", len(city_ids), ended), build, values)


def _whole_percent(total: int, count: int) -> int:
    """``total / count`` as a whole percentage, halves rounded up as ``_percent`` does (0 when
    there is nothing to count)."""
    return (2 * total + count) // (2 * count) if count else 0


def _practice_columns(network: int) -> QuerySet:
    return (
        Practice.objects.filter(network_id=network)
        .order_by("order", "slug")
        .raw_values("pk", *translated_columns("title"))
    )


def network_matrix(
    *, network: Network, cities: list[dict], words: ListWords | None = None
) -> tuple[list[MatrixColumn], list[MatrixRow]]:
    """These cities (rows of ``matrix_cities``) × the network's practices, each cell a
    transfer's progress, steps done and overdue steps, or a gap (two queries)."""
    words = words or ListWords()
    languages = words.languages
    key = ("workspace.matrix_practices", get_language())
    practices: list[MatrixColumn] = [
        {"pk": row["pk"], "title": shown_in(row, "title", languages)[0]}
        for row in prepared_rows(key, _practice_columns, {"network": network.pk})
    ]
    city_ids = [city["pk"] for city in cities]
    names = {city["pk"]: shown_in(city, "name", languages)[0] for city in cities}
    today = words.today
    # Once the network has ended nothing is overdue: open steps were not completed in time.
    ended = network.is_concluded_on(today)
    transfers = _matrix_transfers(city_ids, today=today, ended=ended) if city_ids else []
    texts = _CellTexts()
    cells: dict[int, dict[int, MatrixCell]] = {pk: {} for pk in city_ids}
    for row in transfers:
        late, step_count = row["late"], row["step_total"]
        cells[row["city_id"]][row["practice_id"]] = {
            "progress": str(_whole_percent(row["progress_total"], step_count)),
            "done_text": texts.done % {"done": row["tally_done"], "total": step_count},
            "overdue_text": texts.overdue(late) if late and not ended else "",
            "unfinished_text": texts.unfinished(late) if late and ended else "",
        }
    home = reverse("workspace:home")
    rows: list[MatrixRow] = []
    practice_ids = [practice["pk"] for practice in practices]
    for pk in city_ids:
        row_cells: list[MatrixCell | int] = []
        transferred = cells[pk]
        for practice in practice_ids:
            cell = transferred.get(practice)
            if cell is not None:
                row_cells.append(cell)
            elif row_cells and type(row_cells[-1]) is int:
                row_cells[-1] += 1
            else:
                row_cells.append(1)
        if len(row_cells) > 1 or (row_cells and type(row_cells[0]) is not int):
            rows.append({"city_name": names[pk], "url": f"{home}?city={pk}", "cells": row_cells})
    return practices, rows


# --- The network's late steps and deliverables ---------------------------------------------------


def late_of(model: type, network: int, today: date | None, *, counted: bool = False) -> QuerySet:
    """The network's open steps or deliverables: due before ``today`` (overdue, while the
    network runs), or all of them (not completed when the network ended: ``today`` None).
    ``overdue()`` and ``unfinished_at_end()`` for one network whose state is known, so without
    their join to its end date; longest overdue first. Steps ``counted``: through a semi-join
    on the transfers of the network's cities, the COUNT reads the index of open steps alone (a
    third faster than through joined rows; the rows listed join them anyway, and PostgreSQL
    plans their query faster without it)."""
    if model is TransferStep and counted:
        transfers = Transfer.objects.filter(city__network_id=network).order_by().values("pk")
        items = model.objects.open().filter(transfer__in=transfers)
    else:
        items = model.objects.open().filter(**{f"{model.NETWORK_LOOKUP}_id": network})
    if today is not None:
        items = items.filter(due_date__lt=today)
    return items.order_by("due_date", "pk")


def late_items(model: type, *, network: Network, ended: bool, today: date, limit: int):
    """The first ``limit`` late steps (rows of ``rows.for_step_list``) or deliverables (of
    ``for_deliverable_list``) of the network, and how many there are (a COUNT only when
    there are ``limit`` of them); each query's SQL built once per process.

    A network's deliverables are a few per city and phase: they are counted with the first
    rows (``COUNT(*) OVER ()``, one query). Its steps are thousands: counted apart."""
    steps = model is TransferStep
    values: dict = {"network": network.pk}
    if not ended:
        values["today"] = today

    def build(network: int, today: date | None = None) -> QuerySet:
        if steps:
            return for_step_list(late_of(model, network, today))[:limit]
        rows = for_deliverable_list(late_of(model, network, today))
        return rows.annotate(total=Window(Count("pk")))[:limit]

    def whole(network: int, today: date | None = None) -> QuerySet:
        return late_of(model, network, today, counted=True)

    key = ("workspace.late", model._meta.label, ended)
    first = prepared_rows((*key, get_language(), limit), build, values)
    if len(first) < limit:
        return first, len(first)
    return first, (prepared_count(key, whole, values) if steps else first[0]["total"])
