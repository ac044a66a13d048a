"""The directory of networks: every network with its programme, type, period, state and cities,
linking to its own site; ended networks as archives."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import override

from cities.hosts import NetworkHost
from cities.models import Network
from common.dates import MONTHS
from networks.phrases import period
from networks.selectors import network_directory
from tests.factories import CityFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def years_from_today(years: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=round(365.25 * years))


@pytest.fixture
def networks(db):
    """An ended network (the default), a running one with its own host, an upcoming one."""
    ended = NetworkFactory(
        slug="citisense",
        name="Ended Network",
        start_date=years_from_today(-3),
        end_date=years_from_today(-1),
    )
    CityFactory(network=ended, slug="piraeus", name_en="Piraeus", name_el="Πειραιάς", order=1)
    running = NetworkFactory(
        name="Running Network",
        network_type=Network.Type.TRANSFER,
        start_date=years_from_today(-1),
        end_date=years_from_today(1),
        tagline_en="A demo network for trying the portal out",
    )
    NetworkHost.objects.create(network=running, host="running.example", is_primary=True)
    NetworkHost.objects.create(network=running, host="www.running.example")
    CityFactory(network=running, slug="castelluce", name_en="Castelluce", order=1)
    CityFactory(network=running, slug="thalassopoli", name_en="Thalassopoli", name_el="Θαλασσόπολη")
    upcoming = NetworkFactory(
        name="Upcoming Network", start_date=years_from_today(1), end_date=years_from_today(3)
    )
    return ended, running, upcoming


def sections(page: str) -> tuple[str, str]:
    """The running and upcoming networks, and the archives (the served network's own name is
    also in the header and footer)."""
    main = page.split('id="current-title"', 1)[1].split("</main>", 1)[0]
    current, _, archives = main.partition('id="archives-title"')
    return current, archives


def test_each_network_with_its_state_period_cities_and_link(client, networks, settings):
    ended, running, upcoming = networks
    page = client.get("/en/networks/").content.decode()
    current, archives = sections(page)

    assert "Running Network" in current and "Upcoming Network" in current
    assert "Ended Network" not in current and "Ended Network" in archives
    assert "Archives: networks that have ended" in page
    # Programme, type, state and period, as one sentence each.
    assert "URBACT IV · Transfer Network" in current
    assert ">Running</span>" in current and ">Upcoming</span>" in current
    assert ">Concluded</span>" in archives
    start, end = running.start_date, running.end_date
    assert f"Runs from {start:%B %Y} to {end:%B %Y}." in current
    assert f"Starts in {upcoming.start_date:%B %Y} and runs until" in current
    assert f"Ran from {ended.start_date:%B %Y} to {ended.end_date:%B %Y}." in archives
    # Cities, each linking to its page on its own network's site.
    assert 'href="http://running.example:8000/en/cities/castelluce/">Castelluce</a>' in current
    assert 'href="http://testserver/en/cities/piraeus/">Piraeus</a>' in archives.replace(
        settings.SITE_URL, "http://testserver"
    )
    # The network's own address (its main host name), not the page's.
    assert 'href="http://running.example:8000/en/">Running Network</a>' in current
    assert "www.running.example" not in page


def test_the_directory_is_in_greek_too(client, networks):
    running = networks[1]
    response = client.get("/el/networks/")
    page = response.content.decode()
    assert '<html lang="el">' in page
    current, archives = sections(page)
    assert 'href="http://running.example:8000/el/cities/thalassopoli/"' in current
    assert "Θαλασσόπολη" in current and "Πειραιάς" in archives
    assert ">Σε εξέλιξη</span>" in current and "Ολοκληρωμένο" in archives
    with override("el"):
        sentence = period(running, Network.State.RUNNING)
        greek_month = str(MONTHS["nominative"][running.start_date.month - 1])
    assert sentence in current and greek_month[:4] in sentence


def test_linked_from_the_footer_on_every_network(client, networks):
    assert 'href="/en/networks/"' in client.get("/en/").content.decode()
    page = client.get("/el/", HTTP_HOST="running.example").content.decode()
    assert 'href="/el/networks/"' in page


def test_the_directory_costs_the_same_queries_for_one_or_many_networks(
    networks, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        directory = network_directory()
        assert [listing.network.name for listing in directory.current] == [
            "Upcoming Network",
            "Running Network",
        ]
        assert [city.city.slug for city in directory.current[1].cities] == [
            "castelluce",
            "thalassopoli",
        ]
    for _ in range(3):
        CityFactory(network=NetworkFactory())
    with django_assert_max_num_queries(2):
        assert len(network_directory().current) == 5


def test_the_seeded_demo_network_and_citisense_in_the_directory(client, settings):
    from django.core.management import call_command

    from portal.seed import DEMO_NETWORK_FILE

    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", "--data", str(DEMO_NETWORK_FILE), verbosity=0)
    day = dt.date(2026, 12, 7)
    directory = network_directory(today=day)
    assert [listing.network.slug for listing in directory.current] == ["demo-network"]
    assert [listing.network.slug for listing in directory.archives] == ["citisense"]
    demo = directory.current[0]
    assert demo.link == "http://demo-network.localhost:8000/el/"
    assert len(demo.cities) == 6
