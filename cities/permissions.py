"""The portal's one write rule and its one personal-data rule.

Every service that writes asks ``require_writable`` (views ask ``may_write`` first, for speed
and to hide buttons), and every page, export, report and email that could name a person asks
``may_see_personal_data``. Both are built on the person's memberships in ``cities.selectors``
and on the network's lifecycle (``Network.final_reporting_closes``).

A closed network (``cities.closure``) is written by nobody, lead staff included.

A refusal is Django's ``PermissionDenied``: a view lets it through (403), or looks the object
up in a scoped queryset first so that another city's object is simply not found (404).
"""

from django.core.exceptions import PermissionDenied

from .models import City, Network
from .selectors import closed_network_ids, editable_city_ids, is_lead_staff, writable_city_ids


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated)


def _city_id(city: City | int | None) -> int | None:
    return city.pk if isinstance(city, City) else city


def _network_id(network: Network | int | None) -> int | None:
    return network.pk if isinstance(network, Network) else network


def _covers(user, city: City | int | None, city_ids) -> bool:
    if not _signed_in(user):
        return False
    if is_lead_staff(user):
        return True
    city_id = _city_id(city)
    return city_id is not None and city_id in city_ids(user)


def may_write(user, city: City | int | None, *, network: Network | int | None = None) -> bool:
    """Lead staff write every city's data and the network's own (``city`` None, ``network``
    given or not: reporting periods, publications, invitations, network meetings); a city's
    coordinators write their city's data until its network closes final reporting. Nobody
    writes to a closed network."""
    if not _covers(user, city, writable_city_ids):
        return False
    if not is_lead_staff(user):
        return True  # a coordinator's writable cities already leave closed networks out
    closed = closed_network_ids()
    if city is not None:
        return not City.objects.filter(pk=_city_id(city), network__in=closed).exists()
    return network is None or not closed.filter(network_id=_network_id(network)).exists()


def require_writable(
    user, city: City | int | None, *, network: Network | int | None = None
) -> None:
    """Raises ``PermissionDenied`` unless ``may_write``: services call it before any write."""
    if not may_write(user, city, network=network):
        raise PermissionDenied


def require_lead_staff(user, *, network: Network | int | None = None) -> None:
    """The rule for the network's own data (no city): lead staff, while the network (if the
    data belongs to one) is not closed."""
    require_writable(user, None, network=network)


def may_see_personal_data(user, city: City | int | None) -> bool:
    """Who may read the names and addresses a city keeps about people who have no say in the
    portal — a ULG contact person, an action owner who is a person, a meeting's registrant:
    lead staff and that city's coordinators (also after final reporting closes: reading stays).
    Nobody else, not the lead expert, not a coordinator of another city invited to the
    meeting. ``city`` None (a network meeting's registrants): lead staff only."""
    return _covers(user, city, editable_city_ids)
