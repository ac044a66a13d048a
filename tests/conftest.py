import pytest
from django.core.cache import cache
from django.utils import translation

from cities.models import Membership
from tests.factories import (
    CityFactory,
    MembershipFactory,
    NetworkFactory,
    UserFactory,
    activate_totp,
)

# Shared Chromium, contexts, screenshots and sign-in for every test marked `browser`.
pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded files go to a per-test folder, never into the project's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language, whatever the previous one's last
    request activated (the test client leaves it active in the thread)."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def network(db):
    return NetworkFactory()


@pytest.fixture
def lead_city(network):
    return CityFactory(network=network, slug="lead-city", role="lead_partner", country="GR")


@pytest.fixture
def lead_staff(lead_city):
    from portal.seed import ensure_lead_staff_group

    user = UserFactory(email="lead@example.org", is_staff=True, preferred_language="el")
    user.groups.add(ensure_lead_staff_group())
    MembershipFactory(user=user, city=lead_city, role=Membership.Role.LEAD_STAFF)
    # Staff must have a second factor before they reach the admin or staff pages.
    activate_totp(user)
    return user


@pytest.fixture
def city(network):
    return CityFactory(network=network)


@pytest.fixture
def coordinator(city):
    user = UserFactory(email="coordinator@example.org")
    MembershipFactory(user=user, city=city, role=Membership.Role.CITY_COORDINATOR)
    return user
