"""Which network a request (or a task) is about, decided once, in this one place.

A request's network follows its host name (``cities.Network.objects.for_host``): it is looked up
at most once per request, and only when something asks. While an archive is built, it is the
network being archived. Looked up through the app registry: this module sits below every domain
app and imports none of them.

``NetworkMiddleware`` also makes the request's network the one ``common.sites.site_url()``
answers for, so that every absolute link built while serving it (emails queued, feeds,
calendars, sitemaps) starts with that network's own address.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponseBadRequest
from django.template.loader import render_to_string

from .sites import serving
from .static_build import archiving


def _networks():
    return apps.get_model("cities", "Network").objects


def network_for(request: HttpRequest | None):
    """The network a request shows (None only for a request no network serves)."""
    building = archiving()
    if building is not None:
        return building.network
    if request is None:
        return _networks().default()
    if not hasattr(request, "_citisense_network"):
        try:
            host = request.get_host()
        except DisallowedHost:
            # Only the 400 page of a host nobody allows gets here: it shows the default network.
            host = ""
        request._citisense_network = _networks().for_host(host)
    return request._citisense_network


def network_address(network) -> str:
    return network.address if network is not None else settings.SITE_URL


class NetworkMiddleware:
    """Serves each request as its network's; answers 400 for a host no network serves when
    the deployment has no default network (``DEFAULT_NETWORK = ""``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not settings.DEFAULT_NETWORK and network_for(request) is None:
            return HttpResponseBadRequest(render_to_string("400.html", request=request))
        with serving(lambda: network_address(network_for(request))):
            return self.get_response(request)
