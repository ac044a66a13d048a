"""What pages say about where the network is in its life (asked of the network, never of a
hard-coded date)."""

from django import template
from django.utils import timezone

from cities import phrases
from cities.selectors import city_fact_sources, is_lead_staff, reporting_closed_for

register = template.Library()


@register.simple_tag(takes_context=True)
def network_lifecycle(context, network=None) -> dict:
    network = network or context.get("network")
    if network is None:
        return {}
    today = timezone.localdate()
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "state": network.state_on(today),
        "upcoming": network.state_on(today) == network.State.UPCOMING,
        "concluded": network.is_concluded_on(today),
        "start": network.start_date,
        "end": network.end_date,
        "closes": network.final_reporting_closes,
        "open_for_coordinators": network.is_open_for_coordinators_on(today),
        "read_only": bool(user and reporting_closed_for(user, network)),
        "lead_staff": bool(user and is_lead_staff(user, network)),
        "closure": network.closure,
        # Sentences about its dates, written only where a page shows them.
        "reporting_closed_notice": lambda: phrases.reporting_closed(network),
        "ended_notice": lambda: phrases.ended(network),
        "concluded_notice": lambda: phrases.concluded(network),
        "starts_notice": lambda: phrases.starts(network),
        "period": lambda: phrases.period(network),
    }


@register.simple_tag
def lifecycle_notice(network) -> str:
    """What every page of a concluded or upcoming network says about it first ("… has
    concluded: it ran from … to …", "… starts on …"); nothing while it runs."""
    if network is None:
        return ""
    state = network.state_on(timezone.localdate())
    if state == network.State.CONCLUDED:
        return phrases.concluded(network)
    if state == network.State.UPCOMING:
        return phrases.starts(network)
    return ""


@register.simple_tag
def fact_sources(city, fact: str) -> list:
    """The sources of one of a city's facts; a figure without one is not shown."""
    return city_fact_sources(city=city, fact=fact)
