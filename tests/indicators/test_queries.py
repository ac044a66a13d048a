"""The workspace's indicator list costs the same few queries however many cities and values."""

import datetime as dt
from decimal import Decimal

import pytest

from indicators.models import Indicator, Measurement, Series
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


def test_the_indicator_list_does_not_grow_with_cities(
    client, lead_staff, network, safety, fear, django_assert_max_num_queries
):
    for number in range(8):
        city = CityFactory(network=network)
        for indicator in (safety, fear):
            series = Series.objects.create(
                indicator=indicator,
                city=city,
                baseline_value=Decimal("40"),
                baseline_date=network.start_date,
            )
            Measurement.objects.create(
                series=series,
                value=Decimal(number),
                measured_on=network.start_date + dt.timedelta(days=30),
            )
    Indicator.objects.create(
        network=network, slug="trained", name_en="People trained", unit_en="people"
    )
    client.force_login(lead_staff)
    client.get("/en/workspace/indicators/")  # warm the per-process caches
    with django_assert_max_num_queries(12):
        response = client.get("/en/workspace/indicators/")
    assert response.status_code == 200
    # A row per city of the network: the eight above and the lead partner.
    assert response.content.decode().count("Perception of safety") == 9
