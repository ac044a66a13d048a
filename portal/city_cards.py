"""The partner cities as cards, on the home page and the list of cities: what each card shows,
prepared once per list (issue 26: a card's country, role and address looked up per card cost
more than the card's markup)."""

from collections.abc import Iterable
from typing import TypedDict

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext
from modeltranslation.utils import get_language

from cities.models import City
from common.languages import supplying_language
from common.links import slug_linker


class CityCard(TypedDict):
    url: str
    name: str
    #: The language of the name when it is not the page's (a fallback), else "".
    name_lang: str
    country: str
    role: str
    withdrawn: bool
    #: "Population 12,345" in the page's language; "" when unknown or not shown.
    population: str
    #: The lead partner hands its practice on: its card shows no progress bar.
    shows_progress: bool
    #: The rounded percentage as shown (``attach_progress``), None without steps.
    progress: str | None


def city_cards(cities: Iterable[City], *, with_population: bool = False) -> list[CityCard]:
    """One card per city (each with ``overall`` set by ``practices.selectors.attach_progress``)."""
    language = get_language()
    link = slug_linker("cities:detail")
    roles = {value: str(label) for value, label in City.Role.choices}
    countries: dict[str, str] = {}
    cards = []
    for city in cities:
        code = str(city.country)
        if code not in countries:
            countries[code] = str(city.country.name)
        lang = supplying_language(city, "name")
        population = ""
        if with_population and city.population:
            population = gettext("Population %(population)s") % {
                "population": intcomma(city.population)
            }
        cards.append(
            CityCard(
                url=link(city.slug),
                name=city.name,
                name_lang=lang if lang != language else "",
                country=countries[code],
                role=roles.get(city.role, city.role),
                withdrawn=city.status == City.Status.WITHDRAWN,
                population=population,
                shows_progress=not city.is_lead_partner,
                progress=None if city.overall is None else str(city.overall),
            )
        )
    return cards
