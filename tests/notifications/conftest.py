import datetime as dt
import zoneinfo

import pytest
import time_machine

from cities.models import Membership
from tests.factories import MembershipFactory, UserFactory

ATHENS = zoneinfo.ZoneInfo("Europe/Athens")
#: A Monday morning; every test with the clock starts here.
NOW = dt.datetime(2026, 5, 4, 8, 0, tzinfo=ATHENS)


SITE = "https://portal.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def clock():
    """A frozen clock; list it first so that factories see the frozen date."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run a callable and then its on-commit callbacks (the queued send tasks, run eagerly)."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def greek_coordinator(city):
    user = UserFactory(
        email="syntonistis@example.org", full_name="Ελένη Παππά", preferred_language="el"
    )
    MembershipFactory(user=user, city=city, role=Membership.Role.CITY_COORDINATOR)
    return user


class FlakySMTP:
    """An email backend standing in for an SMTP server that refuses some recipients.

    ``FlakySMTP.refuse`` maps an address to how many more times it is refused (-1: always).
    """

    refuse: dict[str, int] = {}
    accepted: list = []

    def __init__(self, *args, fail_silently=False, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        for message in messages:
            for address in message.to:
                left = self.refuse.get(address, 0)
                if left:
                    self.refuse[address] = left - 1 if left > 0 else left
                    raise smtplib.SMTPRecipientsRefused({address: (450, b"try later")})
            self.accepted.append(message)
        return len(messages)


@pytest.fixture
def flaky_smtp(settings):
    settings.EMAIL_BACKEND = "tests.notifications.conftest.FlakySMTP"
    FlakySMTP.refuse = {}
    FlakySMTP.accepted = []
    yield FlakySMTP
    FlakySMTP.refuse = {}
    FlakySMTP.accepted = []
