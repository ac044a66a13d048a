import functools

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cities.access import other_networks
from cities.selectors import follows_whole_network, is_lead_staff
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


@functools.lru_cache(maxsize=64)
def _menu(language: str, prefix: str) -> tuple:
    """The menu's addresses and labels in ``language`` (the active one), once per process."""
    # The portal's own translations of its own words: trusted, as {% translate %} trusts them.
    return tuple((reverse(name), mark_safe(str(label)), who) for name, label, who in MENU)


@functools.lru_cache(maxsize=64)
def _links(language: str, prefix: str) -> dict[str, str]:
    return {
        "change_password": reverse("account_change_password"),
        "administration": reverse("admin:index"),
    }


@receiver(setting_changed)
def _forget_menu(*, setting: str, **kwargs) -> None:
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):
        _menu.cache_clear()
        _links.cache_clear()


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
    language, prefix = get_language(), get_script_prefix()
    entries = [
        {"url": url, "label": label, "current": url == request.path}
        for url, label, who in _menu(language, prefix)
        if shown[who]
    ]
    return {"entries": entries, "links": _links(language, prefix)}


@register.inclusion_tag("workspace/_network_switcher.html", takes_context=True)
def network_switcher(context) -> dict:
    """The person's other networks, each linking to its own workspace (nothing, and no query,
    for someone who works in one network only)."""
    request = context["request"]
    network = network_for(request)
    return {"network": network, "others": other_networks(request.user, network)}
