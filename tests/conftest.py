import pytest
from django.core.cache import cache, caches
from django.utils import translation

from cities.models import Membership
from common.hosts import HostList
from tests.factories import (
    CityFactory,
    MembershipFactory,
    NetworkFactory,
    UserFactory,
    activate_totp,
)

# Shared Chromium, contexts, screenshots and sign-in for every test marked `browser`; the
# `broker` fixture of the tests that start a real worker.
pytest_plugins = ["tests.browser.fixtures", "tests.workers"]


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded files go to a per-test folder, never into the project's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _commits(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _hosts_follow_networks(settings):
    """The test runner turns ALLOWED_HOSTS into a plain list (adding "testserver"); as in a
    deployment, it also lists every network's host names."""
    settings.ALLOWED_HOSTS = HostList(list(settings.ALLOWED_HOSTS))


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language, whatever the previous one's last
    request activated (the test client leaves it active in the thread)."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache(request, django_db_blocker):
    """Every test starts with an empty cache and no sign-in counters.

    The counters live in a database table (the "security" cache): rolled back with the test's
    transaction, or emptied here around tests that commit.
    """
    commits = _commits(request)

    def clear():
        cache.clear()
        if commits:
            with django_db_blocker.unblock():
                caches["security"].clear()

    clear()
    yield
    clear()


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
