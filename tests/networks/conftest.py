"""Two networks in one portal: A is served on every host nobody claims (the test client's
"testserver"), B answers on its own host name "b.example"."""

import pytest

from cities.hosts import NetworkHost
from cities.models import Membership
from tests.factories import CityFactory, MembershipFactory, NetworkFactory, UserFactory

B_HOST = "b.example"


@pytest.fixture
def network_a(db):
    # The default network (DEFAULT_NETWORK names it), so the test client's host serves it.
    return NetworkFactory(slug="citisense", name="Network A")


@pytest.fixture
def network_b(network_a):
    network = NetworkFactory(name="Network B")
    NetworkHost.objects.create(network=network, host=B_HOST, is_primary=True)
    return network


@pytest.fixture
def city_a(network_a):
    return CityFactory(network=network_a)


@pytest.fixture
def city_b(network_b):
    return CityFactory(network=network_b)


@pytest.fixture
def lead_b(network_b):
    """Lead staff of network B only."""
    lead_city = CityFactory(network=network_b, role="lead_partner")
    user = UserFactory(email="lead-b@example.org", is_staff=True)
    MembershipFactory(user=user, city=lead_city, role=Membership.Role.LEAD_STAFF)
    return user


@pytest.fixture
def on_b():
    """Keyword arguments that send a test client request to network B's host."""
    return {"HTTP_HOST": B_HOST}
