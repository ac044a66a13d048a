"""A network's lifecycle comes from its own dates and the day asked about, never from code."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cities.models import Network
from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_year_network():
    return NetworkFactory(start_date=date(2024, 9, 1), end_date=date(2026, 8, 31))


@pytest.mark.parametrize(
    ("day", "state"),
    [
        (date(2024, 8, 31), Network.State.UPCOMING),
        (date(2024, 9, 1), Network.State.RUNNING),
        (date(2026, 8, 31), Network.State.RUNNING),
        (date(2026, 9, 1), Network.State.CONCLUDED),
    ],
)
def test_state_follows_the_dates(two_year_network, day, state):
    assert two_year_network.state_on(day) == state
    assert two_year_network.is_running_on(day) is (state == Network.State.RUNNING)


def test_final_reporting_closes_ninety_days_after_the_end_unless_set(two_year_network):
    assert two_year_network.final_reporting_closes == date(2026, 11, 29)
    assert two_year_network.is_open_for_coordinators_on(date(2026, 11, 29))
    assert not two_year_network.is_open_for_coordinators_on(date(2026, 11, 30))

    two_year_network.closing_date = date(2026, 12, 31)
    assert two_year_network.is_open_for_coordinators_on(date(2026, 12, 31))


def test_two_networks_keep_their_own_state(two_year_network):
    later = NetworkFactory(start_date=date(2026, 10, 1), end_date=date(2028, 9, 30))
    today = date(2026, 12, 2)
    assert two_year_network.state_on(today) == Network.State.CONCLUDED
    assert later.state_on(today) == Network.State.RUNNING


def test_closing_before_the_end_is_refused(two_year_network):
    two_year_network.closing_date = date(2026, 8, 1)
    with pytest.raises(ValidationError) as error:
        two_year_network.full_clean()
    assert "closing_date" in error.value.message_dict
