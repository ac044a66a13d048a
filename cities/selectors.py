"""Read-side queries for cities, and the per-city permission questions every app asks."""

from django.db.models import QuerySet

from .models import City, Membership, Network


def current_network() -> Network | None:
    return Network.objects.current()


def partner_cities(*, network: Network) -> QuerySet[City]:
    return City.objects.filter(network=network).order_by("order", "slug")


def _memberships(user) -> list[tuple[str, int]]:
    """(role, city id) of each of the person's memberships: one query per request, however many
    permission questions the page asks (kept on the user object the request carries)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_citisense_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user_id=user.pk).order_by().values_list("role", "city_id")
        )
        user._citisense_memberships = cached
    return cached


def _roles(user) -> set[str]:
    return {role for role, _city in _memberships(user)}


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
    return sorted({city for _role, city in _memberships(user)})


def editable_city_ids(user) -> list[int]:
    return sorted(
        {city for role, city in _memberships(user) if role in Membership.COORDINATOR_ROLES}
    )


def cities_visible_to(user) -> QuerySet[City]:
    if follows_whole_network(user):
        return City.objects.all()
    # The ids themselves rather than a subquery of memberships: querysets scoped by them are
    # built and compiled many times per page.
    return City.objects.filter(pk__in=visible_city_ids(user))
