from django import template

from cities.access import other_networks
from cities.selectors import follows_whole_network, is_lead_staff
from common.requests import network_for

register = template.Library()


@register.simple_tag(takes_context=True)
def workspace_roles(context) -> dict:
    """What the workspace navigation offers the person in the request's network (the roles
    are cached on the user)."""
    request = context["request"]
    user, network = request.user, network_for(request)
    return {
        "follows_network": follows_whole_network(user, network),
        "lead_staff": is_lead_staff(user, network),
    }


@register.inclusion_tag("workspace/_network_switcher.html", takes_context=True)
def network_switcher(context) -> dict:
    """The person's other networks, each linking to its own workspace (nothing, and no query,
    for someone who works in one network only)."""
    request = context["request"]
    network = network_for(request)
    return {"network": network, "others": other_networks(request.user, network)}
