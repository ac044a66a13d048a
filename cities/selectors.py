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
    return City.objects.filter(memberships__user=user).distinct()


def cities_editable_by(user) -> QuerySet[City]:
    if is_lead_staff(user):
        return City.objects.all()
    if not user.is_authenticated:
        return City.objects.none()
    return City.objects.filter(
        memberships__user=user,
        memberships__role__in=[Membership.Role.CITY_COORDINATOR, Membership.Role.ULG_COORDINATOR],
    ).distinct()


# --- Public site -------------------------------------------------------------------------------


def public_cities(*, network: Network | None) -> list[City]:
    """Every partner of the network, with its overall progress (average of all its steps)."""
    from practices.selectors import attach_progress, step_progress_annotations

    if network is None:
        return []
    cities = list(
        partner_cities(network=network).annotate(**step_progress_annotations("transfers__steps"))
    )
    for city in cities:
        attach_progress(city)
    return cities


def public_city(*, network: Network | None, slug: str) -> City | None:
    """One partner with its transfers and their progress by phase."""
    from practices.selectors import (
        attach_progress,
        step_progress_annotations,
        transfers_with_progress,
    )

    if network is None:
        return None
    city = (
        partner_cities(network=network)
        .filter(slug=slug)
        .annotate(**step_progress_annotations("transfers__steps"))
        .prefetch_related(Prefetch("transfers", queryset=transfers_with_progress()))
        .first()
    )
    if city is None:
        return None
    attach_progress(city)
    for transfer in city.transfers.all():
        attach_progress(transfer)
    return city
