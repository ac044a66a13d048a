"""Who may open the workspace of the network a request is served for, and where else they work.

Every workspace view is wrapped in ``workspace_view``: the person signs in, and the request's
network (``common.requests.network_for``) must be one they have a role in. Anyone else (not a
superuser) gets the "You have no role in this network" page (403), with links to the public
site and to the networks where they do work — never an empty workspace or an error.

Both questions are answered from the memberships the request already read (no query), except
the list of the person's other networks, read only for people who work in more than one.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from common.requests import network_for

from .models import Network
from .selectors import has_role_in, network_ids_of

#: The template of the refusal; it extends ``base.html``.
NO_ROLE_TEMPLATE = "workspace/no_role.html"


@dataclass(frozen=True, slots=True)
class OtherNetwork:
    """A network the person also works in: its name and its workspace at its own address."""

    name: str
    workspace_url: str


def other_networks(user, network: Network | None, *, path: str = "") -> list[OtherNetwork]:
    """The person's other networks (superusers: every other network), each with the link to
    ``path`` (default: the workspace's home) at that network's own address. No query for
    someone who works in one network only; one otherwise."""
    if not user.is_authenticated:
        return []
    current = network.pk if network is not None else None
    ids = network_ids_of(user)
    networks = Network.objects.exclude(pk=current) if current else Network.objects.all()
    if ids is not None:
        ids = sorted(ids - {current})
        if not ids:
            return []
        networks = networks.filter(pk__in=ids)
    path = path or reverse("workspace:home")
    return [
        OtherNetwork(name=other.name, workspace_url=f"{other.address}{path}")
        for other in networks.with_address().only("name", "slug").order_by("-start_date", "name")
    ]


def no_role_page(request, network: Network | None):
    """The refusal shown to a signed-in person with no role in the request's network."""
    context = {
        "refused_network": network,
        "other_networks": other_networks(request.user, network),
    }
    return render(request, NO_ROLE_TEMPLATE, context, status=403)


def workspace_view(view):
    """Sign-in, then a role in the request's network (superusers have one everywhere)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        network = network_for(request)
        if network is None or not has_role_in(request.user, network):
            return no_role_page(request, network)
        return view(request, *args, **kwargs)

    return login_required(wrapped)
