import pytest

from tests.factories import NetworkFactory

# The public site's demo data (two partners, news in every state, meetings), shared with the
# journeys and the accessibility scan.
from tests.public.conftest import site  # noqa: F401


@pytest.fixture
def network(db):
    """A network named like the real one, so the screenshots read like the portal."""
    return NetworkFactory(
        name="CITISENSE",
        slug="citisense",
        tagline_el="Πόλεις που μαθαίνουν η μία από την άλλη να νιώθουν ασφαλείς.",
        tagline_en="Cities learning from each other how to feel safe.",
    )


@pytest.fixture
def demo_site(transactional_db):
    """The demo network as `make run` seeds it, with its demo accounts."""
    from portal.seed import load_data, seed_demo_users, seed_network
    from registrations.seed import seed_open_meeting

    data = load_data()
    network, _ = seed_network(data=data)
    seed_demo_users(data=data, password="citisense-demo")
    seed_open_meeting(network=network, data=data)
    return network


@pytest.fixture
def client_for(demo_site):
    """A test client signed in as the demo user with that e-mail (a visitor's for None)."""
    from django.test import Client

    from accounts.models import User

    def make(email):
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        return client

    return make
