"""The directory of networks: every network the portal serves, with its cities, in two queries
however many networks there are."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from cities.models import City, Network
from common.languages import translated_columns

from .phrases import period


@dataclass(frozen=True)
class ListedCity:
    city: City
    link: str


@dataclass(frozen=True)
class Listing:
    network: Network
    state: Network.State
    period: str
    link: str
    cities: list[ListedCity]


@dataclass
class Directory:
    current: list[Listing] = field(default_factory=list)
    archives: list[Listing] = field(default_factory=list)


def network_directory(*, today: date | None = None) -> Directory:
    """Running and upcoming networks first (newest first), then the ended ones as archives.
    Each links to its own site (``Network.address``) in the language being read."""
    today = today or timezone.localdate()
    cities = City.objects.only(
        "network_id", "slug", "order", "role", "status", "country", *translated_columns("name")
    ).order_by("order", "slug")
    networks = (
        Network.objects.with_address()
        .prefetch_related(Prefetch("cities", queryset=cities))
        .order_by("-start_date", "name")
    )
    # Paths in the active language, built once: "/el/" and "/el/cities/<slug>/".
    home = reverse("portal:home")
    city_path = reverse("cities:detail", args=["SLUG"])
    directory = Directory()
    for network in networks:
        state = network.state_on(today)
        address = network.address
        listing = Listing(
            network=network,
            state=state,
            period=period(network, state),
            link=address + home,
            cities=[
                ListedCity(city=city, link=address + city_path.replace("SLUG", city.slug))
                for city in network.cities.all()
            ],
        )
        if state == Network.State.CONCLUDED:
            directory.archives.append(listing)
        else:
            directory.current.append(listing)
    return directory
