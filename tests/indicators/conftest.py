import datetime as dt
from decimal import Decimal

import pytest

from indicators.models import Indicator, Measurement, Series
from tests.factories import CityFactory, MembershipFactory, UserFactory


@pytest.fixture
def safety(network):
    return Indicator.objects.create(
        network=network,
        slug="perception-of-safety",
        name_en="Perception of safety",
        name_el="Αίσθημα ασφάλειας",
        unit_en="% of respondents",
        unit_el="% ερωτηθέντων",
        direction=Indicator.Direction.HIGHER,
    )


@pytest.fixture
def fear(network):
    return Indicator.objects.create(
        network=network,
        slug="fear-of-crime",
        name_en="Fear of crime",
        name_el="Φόβος του εγκλήματος",
        unit_en="%",
        unit_el="%",
        direction=Indicator.Direction.LOWER,
    )


@pytest.fixture
def other_city(network):
    return CityFactory(network=network, slug="othertown")


@pytest.fixture
def other_coordinator(other_city):
    from cities.models import Membership

    user = UserFactory(email="other@example.org")
    MembershipFactory(user=user, city=other_city, role=Membership.Role.CITY_COORDINATOR)
    return user


@pytest.fixture
def measured(safety, city):
    today = dt.date.today()
    series = Series.objects.create(
        indicator=safety,
        city=city,
        baseline_value=Decimal("41"),
        baseline_date=today - dt.timedelta(days=300),
        baseline_source="Household survey",
        target_value=Decimal("50"),
    )
    Measurement.objects.create(
        series=series, value=Decimal("44"), measured_on=today - dt.timedelta(days=100)
    )
    Measurement.objects.create(
        series=series, value=Decimal("47.5"), measured_on=today - dt.timedelta(days=10)
    )
    return series
