"""Reads that span apps: the progress matrix of every city and practice."""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.translation import get_language

from cities.models import City, Network
from cities.selectors import partner_cities
from common.prepared import PreparedList, prepared_instances, prepared_rows
from practices.models import Practice, Transfer
from practices.progress import add_up_tallies, tally_fields, tally_sums
from practices.selectors import CITY_LIST_FIELDS, PRACTICE_LIST_FIELDS, attach_progress

# --- Progress ----------------------------------------------------------------------------------


@dataclass
class ProgressRow:
    city: City
    cells: list  # one Transfer (or None) per practice, in the order of ProgressMatrix.practices


@dataclass
class ProgressMatrix:
    network: Network | None
    practices: list[Practice] = field(default_factory=list)
    rows: list[ProgressRow] = field(default_factory=list)
    transfers: list = field(default_factory=list)
    total: SimpleNamespace | None = None


def network_progress(*, network: Network) -> SimpleNamespace:
    """The whole network's progress (the average of every step of every transfer) and its
    number of partner cities, in one query (built once per process, ``common.prepared``)."""

    def build(network: int) -> QuerySet:
        # The aggregate as one group (a network's cities), which a queryset can hold.
        return (
            City.objects.filter(network=network)
            .order_by()
            .values("network")
            .annotate(city_count=Count("pk", distinct=True), **tally_sums("transfers"))
            .values("city_count", *tally_fields())
        )

    rows = prepared_rows(("portal.network_progress",), build, {"network": network.pk})
    # No cities, no group: what the aggregate answers for none.
    totals = rows[0] if rows else {"city_count": 0, **dict.fromkeys(tally_fields())}
    total = SimpleNamespace(**totals)
    attach_progress(total)
    return total


def cities_with_transfers(*, network: Network | None) -> QuerySet[City]:
    """The rows of the progress matrix, for paging (``progress_matrix`` adds their progress)."""
    if network is None:
        return City.objects.none()
    return (
        partner_cities(network=network)
        .only(*CITY_LIST_FIELDS)
        .filter(Exists(Transfer.objects.filter(city=OuterRef("pk"))))
    )


def _practices(network: int) -> QuerySet[Practice]:
    return (
        Practice.objects.filter(network=network)
        .only(*PRACTICE_LIST_FIELDS)
        .annotate(**tally_sums("transfers"))
        .order_by("order", "slug")
    )


def _tallies(**cities: int) -> QuerySet:
    return Transfer.objects.filter(city__in=list(cities.values())).values(
        "city_id", "practice_id", *tally_fields()
    )


def _network_tallies(network: int) -> QuerySet:
    return Transfer.objects.filter(city__network=network).values(
        "city_id", "practice_id", *tally_fields()
    )


def progress_cities(*, network: Network | None) -> PreparedList | QuerySet[City]:
    """``cities_with_transfers`` for ``page_of``, its SQL built once per process."""
    if network is None:
        return City.objects.none()

    def build(network: int) -> QuerySet[City]:
        return cities_with_transfers(network=network)

    key = ("portal.progress_cities", get_language())
    return PreparedList(key, build, {"network": network.pk})


def progress_matrix(*, network: Network | None, cities: list[City] | None = None) -> ProgressMatrix:
    """Cities × practices, each cell a transfer's progress overall and per phase.

    ``cities`` are the rows (one page of them); by default every partner. Their progress is
    added up from the transfers the matrix loads anyway.
    """
    if network is None:
        return ProgressMatrix(network=None)
    every_city = cities is None
    if every_city:
        cities = list(cities_with_transfers(network=network))
    language = get_language()
    practices = prepared_instances(
        ("portal.progress_practices", language), _practices, {"network": network.pk}
    )
    for practice in practices:
        attach_progress(practice)
    cities_by_pk = {city.pk: city for city in cities}
    practices_by_pk = {practice.pk: practice for practice in practices}
    by_key = {}
    # Cells as plain records: a table page holds up to a few hundred, and the rows and columns
    # they point to are loaded already. Their SQL is built once per number of cities (a page
    # holds at most ``PROGRESS_CITIES_PER_PAGE``), or once for the whole network.
    if every_city:
        values = {"network": network.pk}
        tallies = prepared_rows(("portal.network_tallies",), _network_tallies, values)
    elif cities_by_pk:
        values = {f"city_{i}": pk for i, pk in enumerate(cities_by_pk)}
        tallies = prepared_rows(("portal.progress_tallies", len(values)), _tallies, values)
    else:
        tallies = []
    for record in tallies:
        cell = SimpleNamespace(
            **record,
            city=cities_by_pk[record["city_id"]],
            practice=practices_by_pk[record["practice_id"]],
        )
        attach_progress(cell)
        by_key[(cell.city_id, cell.practice_id)] = cell
    practice_ids = list(practices_by_pk)
    transfers = []
    for city in cities:
        city_id = city.pk
        row = [by_key[key] for key in ((city_id, pk) for pk in practice_ids) if key in by_key]
        add_up_tallies(city, row)
        attach_progress(city)
        transfers += row
    rows = [
        ProgressRow(city, cells)
        for city in cities
        if any(cells := [by_key.get((city.pk, pk)) for pk in practice_ids])
    ]
    return ProgressMatrix(
        network=network,
        practices=practices,
        rows=rows,
        transfers=transfers,
        # Every transfer has a practice of the network: their tallies add up to the network's.
        total=_added_up(practices),
    )


def _added_up(objects: list) -> SimpleNamespace:
    total = SimpleNamespace()
    add_up_tallies(total, objects)
    attach_progress(total)
    return total


def progress_records(matrix: ProgressMatrix) -> list[dict]:
    """The matrix as flat records for the open-data downloads (stable keys, slugs as ids)."""
    records = []
    for transfer in matrix.transfers:
        record = {
            "city": transfer.city.slug,
            "city_name": transfer.city.name,
            "country": str(transfer.city.country),
            "practice": transfer.practice.slug,
            "practice_title": transfer.practice.title,
            "steps": transfer.step_count,
            "progress": transfer.overall,
        }
        for phase in transfer.phases:
            record[f"progress_{phase.phase}"] = phase.value
        records.append(record)
    return records
