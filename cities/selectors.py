"""Read-side queries for cities, and the per-city permission questions every app asks."""

from django.db.models import Prefetch, QuerySet

from .models import City, Membership, Network


def current_network() -> Network | None:
    return Network.objects.current()


def partner_cities(*, network: Network) -> QuerySet[City]:
    return City.objects.filter(network=network).order_by("order", "slug")


def _roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_citisense_roles", None)
    if cached is None:
        cached = set(Membership.objects.filter(user=user).values_list("role", flat=True))
        user._citisense_roles = cached
    return cached


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


def cities_visible_to(user) -> QuerySet[City]:
    if follows_whole_network(user):
        return City.objects.all()
    if not user.is_authenticated:
        return City.objects.none()
    # The id, not the (lazy) user object: querysets built on this one are cloned many times
    # per page, and every clone would copy the user along.
    return City.objects.filter(memberships__user_id=user.pk).distinct()


def cities_editable_by(user) -> QuerySet[City]:
    if is_lead_staff(user):
        return City.objects.all()
    if not user.is_authenticated:
        return City.objects.none()
    return City.objects.filter(
        memberships__user_id=user.pk,
        memberships__role__in=[Membership.Role.CITY_COORDINATOR, Membership.Role.ULG_COORDINATOR],
    ).distinct()


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
