"""What a request needs to know once, however many views and templates ask."""

from django.apps import apps
from django.http import HttpRequest

from .static_build import archiving


def network_for(request: HttpRequest | None):
    """The current network (``cities.Network.objects.current()``), read once per request.

    Looked up through the app registry: this module sits below every domain app and imports
    none of them. While an archive is built, the network being archived.
    """
    building = archiving()
    if building is not None:
        return building.network
    if request is None:
        return apps.get_model("cities", "Network").objects.current()
    if not hasattr(request, "_citisense_network"):
        request._citisense_network = apps.get_model("cities", "Network").objects.current()
    return request._citisense_network
