from django.http import HttpRequest

from .requests import network_for
from .sites import site_url
from .static_build import archiving


def site(request: HttpRequest) -> dict:
    """The network shown in the header and footer of every page."""
    return {
        "network": network_for(request),
        "SITE_URL": site_url(),
        # Set only while the static archive is rendered: the network and its date.
        "archive": archiving(),
    }
