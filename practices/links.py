"""Absolute links from emails and feeds to a step or a deliverable, in the active language."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

from common.languages import absolute

# The coordinators' workspace (steps and deliverables) belongs to another app; these are the
# route names it is expected to offer, most specific first. The first that exists wins.
STEP_ROUTES = (("workspace:step", "step"), ("workspace:city", "city"), ("workspace:home", None))
DELIVERABLE_ROUTES = (
    ("workspace:deliverable", "deliverable"),
    ("workspace:city", "city"),
    ("workspace:home", None),
)


def _first(routes, values: dict) -> str:
    for name, arg in routes:
        try:
            return absolute(reverse(name, args=[values[arg]] if arg else []))
        except (NoReverseMatch, KeyError):
            continue
    return absolute(f"/{get_language()}/workspace/")


def step_url(step) -> str:
    return _first(STEP_ROUTES, {"step": step.pk, "city": step.transfer.city.slug})


def deliverable_url(deliverable) -> str:
    values = {"deliverable": deliverable.pk}
    if deliverable.city_id:
        values["city"] = deliverable.city.slug
    return _first(DELIVERABLE_ROUTES, values)
