from django.conf import settings
from django.http import HttpRequest

from cities.models import Network
from cities.selectors import current_network


def network_for(request: HttpRequest | None) -> Network | None:
    """The current network, read once per request however many views and templates ask."""
    if request is None:
        return current_network()
    if not hasattr(request, "_citisense_network"):
        request._citisense_network = current_network()
    return request._citisense_network


def site(request: HttpRequest) -> dict:
    """The network shown in the header and footer of every page."""
    return {
        "network": network_for(request),
        "SITE_URL": settings.SITE_URL,
    }
