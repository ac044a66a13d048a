import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cities.models import Membership
from meetings.models import Meeting
from tests.factories import (
    CityFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.notifications.conftest import clock  # noqa: F401  (the frozen clock, shared)


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"ulg:{name}", args=args)


@pytest.fixture
def other_city(network):
    return CityFactory(network=network, name_en="Othertown", slug="othertown")


@pytest.fixture
def other_coordinator(other_city):
    user = UserFactory(email="other.coordinator@example.org")
    MembershipFactory(user=user, city=other_city, role=Membership.Role.CITY_COORDINATOR)
    return user


@pytest.fixture
def police(city):
    return OrganisationFactory(
        city=city,
        name="Local police",
        sector="police",
        contact_name="Marta Secret",
        contact_email="marta.secret@example.org",
        listed_publicly=True,
    )


@pytest.fixture
def residents(city):
    return OrganisationFactory(
        city=city,
        name="Old town residents",
        sector="residents",
        contact_name="Jordi Hidden",
        contact_email="jordi.hidden@example.org",
        listed_publicly=False,
    )


@pytest.fixture
def foreign_organisation(other_city):
    return OrganisationFactory(city=other_city, name="Othertown traders", sector="business")


@pytest.fixture
def ulg_meeting(network, city, coordinator):
    """A ULG meeting of the coordinator's city that took place yesterday."""
    start = timezone.now() - dt.timedelta(days=1, hours=3)
    return MeetingFactory(
        network=network,
        kind=Meeting.Kind.LOCAL_ULG,
        host_city=city,
        title_en="Second ULG meeting",
        start=start,
        end=start + dt.timedelta(hours=2),
        created_by=coordinator,
    )


@pytest.fixture
def other_meeting(network, other_city):
    start = timezone.now() - dt.timedelta(days=1, hours=3)
    return MeetingFactory(
        network=network,
        kind=Meeting.Kind.LOCAL_ULG,
        host_city=other_city,
        title_en="Othertown ULG meeting",
        start=start,
        end=start + dt.timedelta(hours=2),
    )
