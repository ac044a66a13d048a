"""Read-side queries for cities, and the per-city permission questions every app asks."""

from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .models import City, FactSource, Membership, Network


def current_network() -> Network | None:
    return Network.objects.current()


def partner_cities(*, network: Network) -> QuerySet[City]:
    return City.objects.filter(network=network).order_by("order", "slug")


def _reporting_closes(end_date: date, closing_date: date | None) -> date:
    # The network's own rule, applied to the two columns read with the memberships.
    return Network(end_date=end_date, closing_date=closing_date).final_reporting_closes


def _memberships(user) -> list[tuple[str, int, date]]:
    """(role, city id, the day the city's network closes final reporting) of each of the
    person's memberships: one query per request, however many permission questions the page
    asks (kept on the user object the request carries)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_citisense_memberships", None)
    if cached is None:
        rows = (
            Membership.objects.filter(user_id=user.pk)
            .order_by()
            .values_list(
                "role", "city_id", "city__network__end_date", "city__network__closing_date"
            )
        )
        cached = [
            (role, city, _reporting_closes(end, closing)) for role, city, end, closing in rows
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


#: Roles that may change their own city's progress data.
CITY_EDITOR_ROLES = frozenset({Membership.Role.CITY_COORDINATOR, Membership.Role.ULG_COORDINATOR})


def visible_city_ids(user) -> list[int]:
    """The cities a person who does not follow the whole network works for."""
    return sorted({city for _role, city, _closes in _memberships(user)})


def editable_city_ids(user) -> list[int]:
    """The cities whose data the person's roles let them change (whatever the date)."""
    return sorted({city for role, city, _closes in _memberships(user) if role in CITY_EDITOR_ROLES})


def writable_city_ids(user) -> list[int]:
    """Of those, the cities whose network has not closed final reporting: afterwards the
    workspace is read-only for coordinators (the write scopes of progress data and
    indicators are built on this)."""
    today = timezone.localdate()
    return sorted(
        {
            city
            for role, city, closes in _memberships(user)
            if role in CITY_EDITOR_ROLES and today <= closes
        }
    )


def reporting_closed_for(user) -> bool:
    """A coordinator whose every city's network has closed final reporting."""
    memberships = [m for m in _memberships(user) if m[0] in CITY_EDITOR_ROLES]
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
    """``cities_editable_by`` today: without the cities whose final reporting has closed."""
    if is_lead_staff(user):
        return City.objects.all()
    return City.objects.filter(pk__in=writable_city_ids(user))


# --- Public site -------------------------------------------------------------------------------


def public_cities_with_progress(*, network: Network | None) -> QuerySet[City]:
    """The network's partners annotated with their progress (average of all their steps);
    pass the ones shown to ``practices.selectors.attach_progress``."""
    from practices.progress import tally_sums
    from practices.selectors import CITY_LIST_FIELDS

    if network is None:
        return City.objects.none()
    return (
        partner_cities(network=network).only(*CITY_LIST_FIELDS).annotate(**tally_sums("transfers"))
    )


def public_cities(*, network: Network | None, limit: int | None = None) -> list[City]:
    """The partners of the network (the first ``limit``), with their overall progress."""
    from practices.selectors import attach_progress

    cities = public_cities_with_progress(network=network)
    cities = list(cities[:limit] if limit else cities)
    for city in cities:
        attach_progress(city)
    return cities


def public_city(*, network: Network | None, slug: str) -> City | None:
    """One partner with its transfers and their progress by phase."""
    from practices.progress import add_up_tallies
    from practices.selectors import attach_progress, transfers_with_progress

    if network is None:
        return None
    city = (
        partner_cities(network=network)
        .filter(slug=slug)
        .prefetch_related(Prefetch("transfers", queryset=transfers_with_progress("practice")))
        .first()
    )
    if city is None:
        return None
    for transfer in city.transfers.all():
        attach_progress(transfer)
    add_up_tallies(city, city.transfers.all())
    attach_progress(city)
    return city


def sources_of(*, network: Network) -> dict[tuple[int | None, str], list[FactSource]]:
    """The network's sources by (city id or None, fact): a figure is shown only with one."""
    sources: dict[tuple[int | None, str], list[FactSource]] = {}
    for source in FactSource.objects.filter(network=network).order_by("read_on", "pk"):
        sources.setdefault((source.city_id, source.fact), []).append(source)
    return sources
