from django.conf import settings
from django.http import HttpRequest

from cities.selectors import current_network


def site(request: HttpRequest) -> dict:
    """The network shown in the header and footer of every page."""
    return {
        "network": current_network(),
        "SITE_URL": settings.SITE_URL,
    }
