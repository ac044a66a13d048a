"""The ULG sections other apps' pages include: the public summary on a city's page and the open
actions on the workspace home. Each reads its rows in a fixed number of queries and renders
them with a template."""

from django import template
from django.utils import timezone

from common.requests import network_for

from .. import selectors
from ..privacy import show_owners

register = template.Library()


@register.inclusion_tag("ulg/_public_summary.html")
def ulg_public_summary(city) -> dict:
    return {"city": city, "ulg": selectors.public_summary(city=city)}


@register.inclusion_tag("ulg/_open_actions.html", takes_context=True)
def ulg_open_actions(context, limit: int = 10) -> dict:
    """The open actions, on the workspace home while the network runs (the ULG page keeps
    them afterwards, for the final reports)."""
    request = context["request"]
    network = network_for(request)
    today = timezone.localdate()
    if network is None or not network.is_running_on(today):
        return {"actions": []}
    user = request.user
    shown = show_owners(user, selectors.first_open_actions(user, network, limit))
    if len(shown) < limit:
        count = len(shown)
    else:
        count = selectors.open_actions_visible_to(user, network).count()
    return {
        "actions": shown,
        "action_count": count,
        "today": today,
        "marks_late": True,
    }
