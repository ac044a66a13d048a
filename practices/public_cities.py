"""The public pages of the cities: the partners with their progress, and one partner with its
transfers (their SQL built once per process, ``common.prepared``)."""

from django.db.models import QuerySet
from modeltranslation.utils import get_language

from cities.models import City, Network
from cities.selectors import partner_cities
from common.languages import localized_fields
from common.prepared import prepared_instances, prepared_rows
from common.search import document_columns

from .models import Practice, Transfer
from .progress import add_up_tallies, tally_fields, tally_sums
from .selectors import CITY_LIST_FIELDS, attach_progress


def public_cities_with_progress(*, network: Network | None) -> QuerySet[City]:
    """The network's partners annotated with their progress (average of all their steps);
    pass the ones shown to ``attach_progress``."""
    if network is None:
        return City.objects.none()
    return (
        partner_cities(network=network).only(*CITY_LIST_FIELDS).annotate(**tally_sums("transfers"))
    )


def public_cities(*, network: Network | None, limit: int | None = None) -> list[City]:
    """The partners of the network (the first ``limit``), with their overall progress.

    The home page's: its SQL is built once per process (``common.prepared``)."""
    if network is None:
        return []

    def build(network: int) -> QuerySet[City]:
        cities = public_cities_with_progress(network=network)
        if not limit:
            return cities
        # Add up the transfers of the cities shown only, not of every partner before the limit.
        first = partner_cities(network=network).values("pk")[:limit]
        return cities.filter(pk__in=first)[:limit]

    key = ("practices.public_cities", get_language(), limit)
    cities = prepared_instances(key, build, {"network": network.pk})
    for city in cities:
        attach_progress(city)
    return cities


def public_city(*, network: Network | None, slug: str) -> City | None:
    """One partner with its transfers and their progress by phase."""
    if network is None:
        return None

    def build(network: int, slug: str) -> QuerySet[City]:
        # The search documents (every language's, the widest columns) are never shown.
        return partner_cities(network=network).filter(slug=slug).defer(*document_columns())[:1]

    # The city's SQL and its transfers' are built once per process (``common.prepared``).
    found = prepared_instances(
        ("practices.public_city",), build, {"network": network.pk, "slug": slug}
    )
    if not found:
        return None
    city = found[0]
    city.shown_transfers = _transfers_of(city)
    for transfer in city.shown_transfers:
        attach_progress(transfer)
    add_up_tallies(city, city.shown_transfers)
    attach_progress(city)
    return city


def _columns(model, names) -> list[str]:
    """``names`` in the model's order of columns, as ``from_db`` reads them."""
    return [f.attname for f in model._meta.concrete_fields if f.attname in names]


def _transfers_of(city: City) -> list[Transfer]:
    """The city's transfers with their practices, as ``transfers_with_progress("practice")``
    reads them (of each practice ``PRACTICE_LIST_FIELDS``, its title in every language)."""
    transfer_columns = _columns(Transfer, {"id", "city_id", "practice_id", *tally_fields()})
    practice_columns = _columns(
        Practice, {"id", "network_id", "slug", "order", *localized_fields("title")}
    )

    def build(city: int) -> QuerySet:
        return (
            Transfer.objects.filter(city=city)
            .order_by("practice__order", "practice__slug")
            .values(*transfer_columns, *(f"practice__{c}" for c in practice_columns))
        )

    transfers = []
    for row in prepared_rows(("practices.city_transfers",), build, {"city": city.pk}):
        transfer = Transfer.from_db(None, transfer_columns, [row[c] for c in transfer_columns])
        practice = Practice.from_db(
            None, practice_columns, [row[f"practice__{c}"] for c in practice_columns]
        )
        Transfer.practice.field.set_cached_value(transfer, practice)
        Transfer.city.field.set_cached_value(transfer, city)
        transfers.append(transfer)
    return transfers
