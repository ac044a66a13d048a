import datetime as dt
import zoneinfo

import pytest
import time_machine

from cities.models import Membership
from tests.factories import (
    CityFactory,
    MembershipFactory,
    NetworkFactory,
    PracticeFactory,
    TransferFactory,
    TransferStepFactory,
    UserFactory,
    activate_totp,
)

ATHENS = zoneinfo.ZoneInfo("Europe/Athens")
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
#: The four moments of a network's life the tests visit (the closing date defaults to 90 days
#: after the end: 31 March 2026).
BEFORE_START = dt.datetime(2024, 12, 15, 9, 0, tzinfo=ATHENS)
DURING = dt.datetime(2025, 6, 2, 9, 0, tzinfo=ATHENS)
AFTER_END = dt.datetime(2026, 1, 15, 9, 0, tzinfo=ATHENS)
AFTER_CLOSING = dt.datetime(2026, 4, 15, 9, 0, tzinfo=ATHENS)


@pytest.fixture
def at():
    """``at(moment)``: the clock stands still at that moment for the rest of the test."""
    travellers = []

    def travel(moment):
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield travel
    for traveller in reversed(travellers):
        traveller.stop()


@pytest.fixture
def life(db):
    """A network from START to END with a lead city, a partner city, a coordinator, lead staff
    and a step due in May 2025 that was never finished."""
    from portal.seed import ensure_lead_staff_group

    network = NetworkFactory(slug="ended", name="Ended network", start_date=START, end_date=END)
    lead_city = CityFactory(network=network, slug="lead", role="lead_partner", country="GR")
    city = CityFactory(network=network, slug="partner")
    coordinator = UserFactory(email="coordinator@example.org")
    MembershipFactory(user=coordinator, city=city, role=Membership.Role.CITY_COORDINATOR)
    staff = UserFactory(email="lead@example.org", is_staff=True)
    staff.groups.add(ensure_lead_staff_group())
    MembershipFactory(user=staff, city=lead_city, role=Membership.Role.LEAD_STAFF)
    activate_totp(staff)  # staff must have a second factor
    practice = PracticeFactory(network=network, title_en="Safety walks")
    transfer = TransferFactory(city=city, practice=practice)
    step = TransferStepFactory(
        transfer=transfer,
        title="Map the dark spots",
        due_date=dt.date(2025, 5, 1),
        status="in_progress",
        progress=40,
    )
    return type(
        "Life",
        (),
        {
            "network": network,
            "city": city,
            "lead_city": lead_city,
            "coordinator": coordinator,
            "staff": staff,
            "transfer": transfer,
            "step": step,
        },
    )
