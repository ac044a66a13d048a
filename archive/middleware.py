"""The admin writes past the services; while the network is closed it writes nothing of the
network's data (lead staff still manage accounts and invitations, which are not the network's
record)."""

from django.template.response import TemplateResponse

from cities.closure import RECORD_APPS
from common.requests import network_for


class ClosedNetworkAdminMiddleware:
    """The host's network closed: no admin POST to its record. (An object of a closed network
    reached from another network's host is read-only through ``NetworkScopedAdmin``.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        match = request.resolver_match
        if match is None or match.namespace != "admin":
            return None
        app_label = view_kwargs.get("app_label") or match.url_name.split("_", 1)[0]
        if app_label not in RECORD_APPS:
            return None
        network = network_for(request)
        if network is not None and network.is_closed:
            response = TemplateResponse(request, "archive/closed.html", status=403)
            return response.render()
        return None
