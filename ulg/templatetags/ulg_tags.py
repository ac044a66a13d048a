"""The ULG sections other apps' pages include: the public summary on a city's page and the open
actions on the workspace home. Each reads its rows in a fixed number of queries and renders
them with a template."""

from django import template
from django.utils import timezone

from .. import selectors

register = template.Library()


@register.inclusion_tag("ulg/_public_summary.html")
def ulg_public_summary(city) -> dict:
    return {"city": city, "ulg": selectors.public_summary(city=city)}


@register.inclusion_tag("ulg/_open_actions.html", takes_context=True)
def ulg_open_actions(context, limit: int = 10) -> dict:
    user = context["request"].user
    actions = selectors.open_actions_visible_to(user)
    shown = list(actions[:limit])
    return {
        "actions": shown,
        "action_count": len(shown) if len(shown) < limit else actions.count(),
        "today": timezone.localdate(),
    }
