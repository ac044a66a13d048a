"""One rule decides who reads the names a city keeps about people without a say in the portal:
a ULG contact person, an action owner who is a person, a meeting's registrant. Lead staff and
the host city's coordinators do; a coordinator of another city invited to the meeting, and the
lead expert, do not — on every page and export that could show them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cities.models import Membership
from meetings.models import Meeting
from registrations.models import Registration, RegistrationSettings
from reports.models import ReportingPeriod
from tests.factories import (
    CityFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    OutcomeFactory,
    ParticipationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

OWNER = "Nikos Owner"
CONTACT = "Marta Secret"
REGISTRANT = "Rena Registrant"
ACTION = "Repaint the crossing by the school"


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def other_city(network):
    return CityFactory(network=network, slug="othertown")


@pytest.fixture
def invited_coordinator(other_city):
    user = UserFactory(email="invited@example.org")
    MembershipFactory(user=user, city=other_city, role=Membership.Role.CITY_COORDINATOR)
    return user


@pytest.fixture
def lead_expert(lead_city):
    user = UserFactory(email="expert@example.org")
    MembershipFactory(user=user, city=lead_city, role=Membership.Role.LEAD_EXPERT)
    return user


@pytest.fixture
def held(network, city, coordinator, invited_coordinator):
    """Yesterday's ULG meeting of the host city, with an action owned by a person, a contact
    person in the register, a registrant, and a coordinator of another city invited."""
    start = timezone.now() - dt.timedelta(days=1, hours=3)
    meeting = MeetingFactory(
        network=network,
        kind=Meeting.Kind.LOCAL_ULG,
        host_city=city,
        start=start,
        end=start + dt.timedelta(hours=2),
    )
    ParticipationFactory(meeting=meeting, user=invited_coordinator)
    OutcomeFactory(
        meeting=meeting,
        kind="action",
        text=ACTION,
        owner_person=OWNER,
        due_date=timezone.localdate() + dt.timedelta(days=20),
        status="open",
    )
    OrganisationFactory(city=city, name="Local police", contact_name=CONTACT)
    RegistrationSettings.objects.create(meeting=meeting, is_open=True)
    Registration.objects.create(
        meeting=meeting,
        name=REGISTRANT,
        email="rena@example.org",
        email_key="rena@example.org",
        language="en",
        check_in_code="RENA23",
        status=Registration.Status.CONFIRMED,
    )
    today = timezone.localdate()
    ReportingPeriod.objects.create(
        network=network,
        number=1,
        start_date=today - dt.timedelta(days=60),
        end_date=today,
        due_date=today + dt.timedelta(days=30),
    )
    return meeting


def pages(client, user, meeting, report_city) -> dict[str, tuple[int, str]]:
    client.force_login(user)
    period = ReportingPeriod.objects.get()
    shown = {}
    for name, path in {
        "close-out": url("ulg:closeout", meeting.pk),
        "register": url("ulg:register"),
        "export csv": url("ulg:export", "csv"),
        "report pre-fill": url("reports:city_report", period.pk, report_city.slug),
        "registrations list": url("registrations_organise:door", meeting.pk),
        "registrations export": url("registrations_organise:export", meeting.pk, "csv"),
    }.items():
        response = client.get(path)
        shown[name] = (response.status_code, response.content.decode("utf-8", "replace"))
    return shown


def test_an_invited_coordinator_of_another_city_reads_no_name(
    client, held, other_city, invited_coordinator
):
    shown = pages(client, invited_coordinator, held, other_city)
    for page, (_status, text) in shown.items():
        for name in (OWNER, CONTACT, REGISTRANT):
            assert name not in text, f"{name} on the {page}"
    # They do see the meeting's close-out and the action itself, only not whose it is.
    status, closeout = shown["close-out"]
    assert status == 200 and ACTION in closeout
    assert "A person (name not shown)" in closeout
    # Their own city's report lists the meeting they were invited to, without the owner.
    status, prefill = shown["report pre-fill"]
    assert status == 200 and ACTION in prefill
    # The registrations of another city's meeting are simply not there.
    assert shown["registrations list"][0] == 404
    assert shown["registrations export"][0] == 404


def test_the_host_coordinator_reads_every_name(client, held, city, coordinator):
    shown = pages(client, coordinator, held, city)
    assert OWNER in shown["close-out"][1]
    assert CONTACT in shown["register"][1] and OWNER in shown["register"][1]
    assert OWNER in shown["export csv"][1]
    assert REGISTRANT in shown["registrations list"][1]
    assert REGISTRANT in shown["registrations export"][1]
    # A report is read by the lead expert and frozen once submitted: it names no person, not
    # even for the host's own coordinator (organisations that own actions are named).
    status, prefill = shown["report pre-fill"]
    assert status == 200 and ACTION in prefill and OWNER not in prefill


def test_lead_staff_read_every_name(client, held, city, lead_staff):
    shown = pages(client, lead_staff, held, city)
    assert OWNER in shown["close-out"][1]
    assert CONTACT in shown["register"][1]
    assert REGISTRANT in shown["registrations list"][1]


def test_the_lead_expert_follows_every_city_but_reads_no_name(client, held, city, lead_expert):
    shown = pages(client, lead_expert, held, city)
    status, register = shown["register"]
    assert status == 200 and "Local police" in register
    assert CONTACT not in register and "Not shown" in register
    assert ACTION in shown["close-out"][1] and OWNER not in shown["close-out"][1]
    assert OWNER not in shown["export csv"][1]
