"""Read-side queries for cities, and the per-city permission questions every app asks."""

from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from .models import City, FactSource, Membership, Network, NetworkClosure


def current_network() -> Network | None:
    return Network.objects.current()


def partner_cities(*, network: Network) -> QuerySet[City]:
    return City.objects.filter(network=network).order_by("order", "slug")


def _reporting_closes(end_date: date, closing_date: date | None) -> date:
    # The network's own rule, applied to the two columns read with the memberships.
    return Network(end_date=end_date, closing_date=closing_date).final_reporting_closes


def closed_network_ids() -> QuerySet:
    """The networks closed now (a subquery): nobody writes to anything of theirs."""
    return NetworkClosure.objects.in_force().values("network_id")


def _memberships(user) -> list[tuple[str, int, date]]:
    """(role, city id, the day the city's network closes final reporting) of each of the
    person's memberships: one query per request, however many permission questions the page
    asks (kept on the user object the request carries). A closed network's cities close on
    ``date.min``: nobody writes there any more."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_citisense_memberships", None)
    if cached is None:
        rows = (
            Membership.objects.filter(user_id=user.pk)
            .order_by()
            .annotate(
                closed=Exists(
                    NetworkClosure.objects.in_force().filter(network_id=OuterRef("city__network"))
                )
            )
            .values_list(
                "role",
                "city_id",
                "city__network__end_date",
                "city__network__closing_date",
                "closed",
            )
        )
        cached = [
            (role, city, date.min if closed else _reporting_closes(end, closing))
            for role, city, end, closing, closed in rows
        ]
        user._citisense_memberships = cached
    return cached


def _roles(user) -> set[str]:
    return {role for role, _city, _closes in _memberships(user)}


def is_lead_staff(user) -> bool:
    """Lead staff (and superusers) see and change every city's data."""
    return bool(
        user.is_authenticated
        and (user.is_superuser or _roles(user) & Membership.NETWORK_EDITOR_ROLES)
    )


def follows_whole_network(user) -> bool:
    """Lead staff and the lead expert follow every city; coordinators only their own."""
    return bool(
        user.is_authenticated and (user.is_superuser or _roles(user) & Membership.NETWORK_ROLES)
    )


def visible_city_ids(user) -> list[int]:
    """The cities a person who does not follow the whole network works for."""
    return sorted({city for _role, city, _closes in _memberships(user)})


def editable_city_ids(user) -> list[int]:
    """The cities whose data the person's roles let them change (whatever the date)."""
    return sorted(
        {city for role, city, _closes in _memberships(user) if role in Membership.COORDINATOR_ROLES}
    )


def writable_city_ids(user) -> list[int]:
    """Of those, the cities whose network has not closed final reporting: afterwards the
    workspace is read-only for coordinators (the write scopes of progress data and
    indicators are built on this). A closed network's cities are never among them."""
    today = timezone.localdate()
    return sorted(
        {
            city
            for role, city, closes in _memberships(user)
            if role in Membership.COORDINATOR_ROLES and today <= closes
        }
    )


def reporting_closed_for(user) -> bool:
    """A coordinator whose every city's network has closed final reporting."""
    memberships = [m for m in _memberships(user) if m[0] in Membership.COORDINATOR_ROLES]
    return bool(memberships) and not is_lead_staff(user) and not writable_city_ids(user)


def cities_visible_to(user) -> QuerySet[City]:
    if follows_whole_network(user):
        return City.objects.all()
    # The ids themselves rather than a subquery of memberships: querysets scoped by them are
    # built and compiled many times per page.
    return City.objects.filter(pk__in=visible_city_ids(user))


def cities_editable_by(user) -> QuerySet[City]:
    if is_lead_staff(user):
        return City.objects.all()
    return City.objects.filter(pk__in=editable_city_ids(user))


def cities_writable_by(user) -> QuerySet[City]:
    """``cities_editable_by`` today: without the cities whose final reporting has closed, and,
    for everyone including lead staff, without the cities of a closed network."""
    if is_lead_staff(user):
        return City.objects.exclude(network__in=closed_network_ids())
    return City.objects.filter(pk__in=writable_city_ids(user))


def sources_of(*, network: Network) -> dict[tuple[int | None, str], list[FactSource]]:
    """The network's sources by (city id or None, fact): a figure is shown only with one."""
    sources: dict[tuple[int | None, str], list[FactSource]] = {}
    for source in FactSource.objects.filter(network=network).order_by("read_on", "pk"):
        sources.setdefault((source.city_id, source.fact), []).append(source)
    return sources
