from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cities.access import other_networks
from cities.selectors import follows_whole_network, is_lead_staff
from common.languages import once_per_language
from common.requests import network_for

register = template.Library()

#: Who sees a link of the workspace's menu: everyone, those who follow the whole network (lead
#: staff and the lead expert), lead staff only.
EVERYONE, WHOLE_NETWORK, LEAD_STAFF = "everyone", "whole network", "lead staff"
MENU = (
    ("workspace:home", _("Steps and deliverables"), EVERYONE),
    ("workspace:network", _("Whole network"), WHOLE_NETWORK),
    ("ulg:register", _("Local groups"), EVERYONE),
    ("workspace_indicators:list", _("Indicators"), EVERYONE),
    ("workspace_outputs:list", _("Publish outputs"), LEAD_STAFF),
    ("archive:closure", _("Closing the network"), LEAD_STAFF),
    ("workspace:changes", _("Changes"), WHOLE_NETWORK),
    ("reports:index", _("Progress reports"), EVERYONE),
)


@once_per_language
def _menu() -> dict:
    """The menu's addresses and labels, and the other links, in the active language."""
    return {
        # The portal's own translations of its own words: trusted, as {% translate %} trusts them.
        "entries": tuple((reverse(name), mark_safe(str(label)), who) for name, label, who in MENU),
        "links": {
            "change_password": reverse("account_change_password"),
            "administration": reverse("admin:index"),
        },
    }


@register.simple_tag(takes_context=True)
def workspace_menu(context) -> dict:
    """What the workspace's menu offers the person in the request's network (the roles are
    cached on the user): ``entries``, each with its ``url``, ``label`` and whether it is the
    ``current`` page, and the ``links`` to the password and administration pages."""
    request = context["request"]
    user, network = request.user, network_for(request)
    shown = {
        EVERYONE: True,
        WHOLE_NETWORK: follows_whole_network(user, network),
        LEAD_STAFF: is_lead_staff(user, network),
    }
    menu = _menu()
    entries = [
        {"url": url, "label": label, "current": url == request.path}
        for url, label, who in menu["entries"]
        if shown[who]
    ]
    return {"entries": entries, "links": menu["links"]}


@register.inclusion_tag("workspace/_network_switcher.html", takes_context=True)
def network_switcher(context) -> dict:
    """The person's other networks, each linking to its own workspace (nothing, and no query,
    for someone who works in one network only)."""
    request = context["request"]
    network = network_for(request)
    return {"network": network, "others": other_networks(request.user, network)}
