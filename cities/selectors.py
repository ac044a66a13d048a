"""Read-side queries for cities, and the per-city permission questions every app asks."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from common.prepared import prepared_instances, prepared_rows

from .models import City, FactSource, Membership, Network, NetworkClosure


def partner_cities(*, network: Network) -> QuerySet[City]:
    return City.objects.filter(network=network).order_by("order", "slug")


def _reporting_closes(end_date: date, closing_date: date | None) -> date:
    # The network's own rule, applied to the two columns read with the memberships.
    return Network(end_date=end_date, closing_date=closing_date).final_reporting_closes


def closed_network_ids() -> QuerySet:
    """The networks closed now (a subquery): nobody writes to anything of theirs."""
    return NetworkClosure.objects.in_force().values("network_id")


def _memberships(user) -> list[tuple[str, int, int, date]]:
    """(role, city id, network id, the day the city's network closes final reporting) of each
    of the person's memberships: one query per request, however many permission questions
    the page asks (kept on the user object the request carries). A closed network's cities
    close on ``date.min``: nobody writes there any more."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_citisense_memberships", None)
    if cached is None:
        # Every signed-in page asks: its SQL is built once per process (common.prepared).
        rows = prepared_rows(("cities.memberships",), _membership_rows, {"user": user.pk})
        cached = [
            (role, city, network, date.min if closed else _reporting_closes(end, closing))
            for role, city, network, end, closing, closed in map(dict.values, rows)
        ]
        user._citisense_memberships = cached
    return cached


def _membership_rows(user: int) -> QuerySet:
    closed = NetworkClosure.objects.in_force().filter(network_id=OuterRef("city__network"))
    return (
        Membership.objects.filter(user_id=user)
        .order_by()
        .annotate(closed=Exists(closed))
        .values(
            "role",
            "city_id",
            "city__network_id",
            "city__network__end_date",
            "city__network__closing_date",
            "closed",
        )
    )


def _network_id(network: Network | int | None) -> int | None:
    return network.pk if isinstance(network, Network) else network


def _in(network: Network | int | None, network_id: int) -> bool:
    return network is None or _network_id(network) == network_id


def _roles(user, network: Network | int | None = None) -> set[str]:
    return {role for role, _city, net, _closes in _memberships(user) if _in(network, net)}


def network_ids_with_role(user, roles) -> set[int] | None:
    """The networks in which the person holds one of ``roles`` (None: every network, for a
    superuser). Roles are per network: lead staff of one network are nobody in another."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return None
    return {net for role, _city, net, _closes in _memberships(user) if role in roles}


def lead_network_ids(user) -> set[int] | None:
    return network_ids_with_role(user, Membership.NETWORK_EDITOR_ROLES)


def followed_network_ids(user) -> set[int] | None:
    return network_ids_with_role(user, Membership.NETWORK_ROLES)


def network_ids_of(user) -> set[int] | None:
    """Every network the person has a role in (None: all, for a superuser)."""
    return network_ids_with_role(user, {role for role, _label in Membership.Role.choices})


def is_lead_staff(user, network: Network | int | None = None) -> bool:
    """Lead staff of ``network`` (of any network when None) and superusers see and change
    every city's data of that network."""
    return bool(
        user.is_authenticated
        and (user.is_superuser or _roles(user, network) & Membership.NETWORK_EDITOR_ROLES)
    )


def follows_whole_network(user, network: Network | int | None = None) -> bool:
    """Lead staff and the lead expert follow every city of their network; coordinators only
    their own."""
    return bool(
        user.is_authenticated
        and (user.is_superuser or _roles(user, network) & Membership.NETWORK_ROLES)
    )


def has_role_in(user, network: Network | int) -> bool:
    """Whether the person works for the network at all (superusers always do)."""
    return bool(user.is_authenticated and (user.is_superuser or _roles(user, network)))


def visible_city_ids(user, network: Network | int | None = None) -> list[int]:
    """The cities a person who does not follow the whole network works for."""
    return sorted({city for _r, city, net, _c in _memberships(user) if _in(network, net)})


def editable_city_ids(user, network: Network | int | None = None) -> list[int]:
    """The cities whose data the person's roles let them change (whatever the date)."""
    return sorted(
        {
            city
            for role, city, net, _closes in _memberships(user)
            if role in Membership.COORDINATOR_ROLES and _in(network, net)
        }
    )


def writable_city_ids(user, network: Network | int | None = None) -> list[int]:
    """Of those, the cities whose network has not closed final reporting: afterwards the
    workspace is read-only for coordinators (the write scopes of progress data and
    indicators are built on this). A closed network's cities are never among them."""
    today = timezone.localdate()
    return sorted(
        {
            city
            for role, city, net, closes in _memberships(user)
            if role in Membership.COORDINATOR_ROLES and today <= closes and _in(network, net)
        }
    )


def reporting_closed_for(user, network: Network | int | None = None) -> bool:
    """A coordinator whose every city's network has closed final reporting."""
    memberships = [
        m for m in _memberships(user) if m[0] in Membership.COORDINATOR_ROLES and _in(network, m[2])
    ]
    return (
        bool(memberships)
        and not is_lead_staff(user, network)
        and not writable_city_ids(user, network)
    )


def _scoped(cities: QuerySet[City], network: Network | int | None) -> QuerySet[City]:
    return cities if network is None else cities.filter(network_id=_network_id(network))


def _cities_of(network_ids: set[int] | None, city_ids: list[int]) -> QuerySet[City]:
    if network_ids is None:
        return City.objects.all()
    # The ids themselves rather than a subquery of memberships: querysets scoped by them are
    # built and compiled many times per page.
    if not network_ids:
        return City.objects.filter(pk__in=city_ids)
    return City.objects.filter(Q(network_id__in=sorted(network_ids)) | Q(pk__in=city_ids))


def cities_visible_to(user, network: Network | int | None = None) -> QuerySet[City]:
    """The cities whose transfer the person may read in the workspace: every city of the
    networks they follow, and the cities they work for; of ``network`` only, when given."""
    return _scoped(_cities_of(followed_network_ids(user), visible_city_ids(user)), network)


def cities_editable_by(user, network: Network | int | None = None) -> QuerySet[City]:
    return _scoped(_cities_of(lead_network_ids(user), editable_city_ids(user)), network)


def cities_writable_by(user, network: Network | int | None = None) -> QuerySet[City]:
    """``cities_editable_by`` today: without the cities whose final reporting has closed, and,
    for everyone including lead staff, without the cities of a closed network."""
    leads = lead_network_ids(user)
    writable = _cities_of(leads, writable_city_ids(user))
    if leads is None or leads:
        writable = writable.exclude(network__in=closed_network_ids())
    return _scoped(writable, network)


def _city_fact_sources(city: int, fact: str) -> QuerySet[FactSource]:
    return FactSource.objects.filter(city=city, fact=fact).order_by("read_on", "pk")


def city_fact_sources(*, city: City, fact: str) -> list[FactSource]:
    """The sources of one of a city's facts (its SQL built once per process,
    ``common.prepared``)."""
    # A plain str (a template's literal is a SafeString), as the prepared query binds it.
    values = {"city": city.pk, "fact": str.__str__(fact)}
    return prepared_instances(("cities.city_fact_sources",), _city_fact_sources, values)


def sources_of(*, network: Network) -> dict[tuple[int | None, str], list[FactSource]]:
    """The network's sources by (city id or None, fact): a figure is shown only with one."""
    sources: dict[tuple[int | None, str], list[FactSource]] = {}
    for source in FactSource.objects.filter(network=network).order_by("read_on", "pk"):
        sources.setdefault((source.city_id, source.fact), []).append(source)
    return sources
