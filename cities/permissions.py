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
from .selectors import (
    closed_network_ids,
    editable_city_ids,
    is_lead_staff,
    lead_network_ids,
    writable_city_ids,
)


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated)


def _city_id(city: City | int | None) -> int | None:
    return city.pk if isinstance(city, City) else city


def _network_id(network: Network | int | None) -> int | None:
    return network.pk if isinstance(network, Network) else network


def _lead_of_city(user, city: City | int) -> bool:
    """Lead staff of the city's own network: roles are per network, so lead staff of one
    network are nobody in another's cities."""
    leads = lead_network_ids(user)
    if leads is None:
        return True
    if not leads:
        return False
    if isinstance(city, City):
        return city.network_id in leads
    return City.objects.filter(pk=city, network_id__in=sorted(leads)).exists()


def _covers(user, city: City | int | None, city_ids) -> bool:
    if not _signed_in(user):
        return False
    city_id = _city_id(city)
    if city_id is not None and city_id in city_ids(user):
        return True
    if city is None:
        return is_lead_staff(user)
    return _lead_of_city(user, city)


def may_write(user, city: City | int | None, *, network: Network | int | None = None) -> bool:
    """Lead staff write every city's data of their network and the network's own (``city``
    None, ``network`` given: reporting periods, publications, invitations, network
    meetings); a city's coordinators write their city's data until its network closes final
    reporting. Nobody writes to a closed network, and nobody to a network they have no role in.
    """
    if not _signed_in(user):
        return False
    city_id = _city_id(city)
    if city_id is not None and city_id in writable_city_ids(user):
        return True  # a coordinator's writable cities already leave closed networks out
    closed = closed_network_ids()
    if city is not None:
        leads = lead_network_ids(user)
        if leads is not None and not leads:
            return False
        cities = City.objects.filter(pk=city_id).exclude(network__in=closed)
        if leads is not None:
            cities = cities.filter(network_id__in=sorted(leads))
        return cities.exists()
    if network is None:
        return is_lead_staff(user)
    if not is_lead_staff(user, _network_id(network)):
        return False
    return not closed.filter(network_id=_network_id(network)).exists()


def require_writable(
    user, city: City | int | None, *, network: Network | int | None = None
) -> None:
    """Raises ``PermissionDenied`` unless ``may_write``: services call it before any write."""
    if not may_write(user, city, network=network):
        raise PermissionDenied


def require_lead_staff(user, *, network: Network | int, even_if_closed: bool = False) -> None:
    """The rule for the network's own data (no city): lead staff of that network, while it is
    not closed (``even_if_closed``: the closure itself, which is also reopened while closed)."""
    if even_if_closed:
        if not (_signed_in(user) and is_lead_staff(user, _network_id(network))):
            raise PermissionDenied
        return
    require_writable(user, None, network=network)


def may_see_personal_data(user, city: City | int | None) -> bool:
    """Who may read the names and addresses a city keeps about people who have no say in the
    portal — a ULG contact person, an action owner who is a person, a meeting's registrant:
    lead staff and that city's coordinators (also after final reporting closes: reading stays).
    Nobody else, not the lead expert, not a coordinator of another city invited to the
    meeting. ``city`` None (a network meeting's registrants): lead staff only."""
    return _covers(user, city, editable_city_ids)
