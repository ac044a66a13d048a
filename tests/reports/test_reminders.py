"""Deadline reminders: 7 and 1 days before the due date to coordinators whose report is not
submitted, an overdue note to lead staff, each exactly once and in the recipient's language;
nothing once the network's final reporting has closed."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from cities.models import Membership
from notifications.jobs import run_all
from notifications.models import Kind, OutboundEmail
from reports.models import ReportingPeriod
from reports.reminders import queue_report_reminders
from tests.factories import MembershipFactory, NetworkFactory, UserFactory

pytestmark = pytest.mark.django_db

ATHENS = zoneinfo.ZoneInfo("Europe/Athens")
DUE = dt.date(2026, 5, 15)


def morning(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(7, 15), tzinfo=ATHENS)


@pytest.fixture
def clock():
    with time_machine.travel(morning(DUE - dt.timedelta(days=20)), tick=False) as traveller:
        yield traveller


@pytest.fixture
def due_period(clock, network):
    return ReportingPeriod.objects.create(
        network=network,
        number=3,
        start_date=DUE - dt.timedelta(days=120),
        end_date=DUE - dt.timedelta(days=15),
        due_date=DUE,
    )


@pytest.fixture
def greek_coordinator(city):
    user = UserFactory(email="greek@example.org", preferred_language="el")
    MembershipFactory(user=user, city=city, role=Membership.Role.CITY_COORDINATOR)
    return user


def sent(kind):
    return list(OutboundEmail.objects.filter(kind=kind).order_by("recipient__email", "pk"))


def test_seven_and_one_days_before_once_each_in_their_language(
    clock, due_period, coordinator, greek_coordinator
):
    clock.move_to(morning(DUE - dt.timedelta(days=8)))
    assert queue_report_reminders() == 0
    clock.move_to(morning(DUE - dt.timedelta(days=7)))
    assert queue_report_reminders() == 2
    assert queue_report_reminders() == 0  # again: nothing more
    clock.move_to(morning(DUE - dt.timedelta(days=5)))
    assert queue_report_reminders() == 0
    clock.move_to(morning(DUE - dt.timedelta(days=1)))
    assert run_all()["report reminders"] == 2
    assert run_all()["report reminders"] == 0
    emails = sent(Kind.REPORT_REMINDER)
    assert [(e.recipient.email, e.occasion) for e in emails] == [
        ("coordinator@example.org", "7d@2026-05-15"),
        ("coordinator@example.org", "1d@2026-05-15"),
        ("greek@example.org", "7d@2026-05-15"),
        ("greek@example.org", "1d@2026-05-15"),
    ]
    assert "due in 7 days" in emails[0].subject
    assert "due tomorrow" in emails[1].subject
    assert emails[2].language == "el"
    assert "7 ημέρες" in emails[2].subject


def test_a_submitted_report_is_not_reminded(clock, due_period, city, coordinator):
    from reports import services

    report = services.open_report(period=due_period, city=city, user=coordinator)
    services.save_report(
        report=report,
        user=coordinator,
        expected_version=report.version,
        achievements="Done",
        difficulties="",
        next_steps="Next",
        submit=True,
    )
    clock.move_to(morning(DUE - dt.timedelta(days=7)))
    assert queue_report_reminders() == 0


def test_lead_staff_get_one_overdue_note(
    clock, due_period, city, other_city_with_report, lead_staff
):
    clock.move_to(morning(DUE))
    queue_report_reminders()
    assert sent(Kind.REPORT_OVERDUE) == []
    clock.move_to(morning(DUE + dt.timedelta(days=1)))
    assert queue_report_reminders() == 1
    clock.move_to(morning(DUE + dt.timedelta(days=3)))
    assert queue_report_reminders() == 0
    (note,) = sent(Kind.REPORT_OVERDUE)
    assert note.recipient == lead_staff
    assert note.language == "el"
    assert city.name_el in note.body_text
    assert other_city_with_report.name_el not in note.body_text  # it submitted


@pytest.fixture
def other_city_with_report(due_period, network):
    from reports import services
    from tests.factories import CityFactory

    other = CityFactory(network=network, name_el="Υποβλήθηκε", name_en="Submittedtown")
    writer = UserFactory(email="writer@example.org")
    MembershipFactory(user=writer, city=other)
    report = services.open_report(period=due_period, city=other, user=writer)
    services.save_report(
        report=report,
        user=writer,
        expected_version=1,
        achievements="a",
        difficulties="",
        next_steps="b",
        submit=True,
    )
    return other


def test_nothing_for_a_network_past_its_closing_date(clock, coordinator, lead_staff):
    ended = NetworkFactory(
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2025, 12, 31),
        closing_date=dt.date(2026, 3, 31),
    )
    city = coordinator.memberships.get().city
    city.network = ended
    city.save()
    ReportingPeriod.objects.create(
        network=ended,
        number=9,
        start_date=dt.date(2025, 7, 1),
        end_date=dt.date(2025, 12, 31),
        due_date=DUE,
    )
    for days_before in (7, 1, -1):
        clock.move_to(morning(DUE - dt.timedelta(days=days_before)))
        assert queue_report_reminders() == 0
    assert not OutboundEmail.objects.exists()


def test_a_concluded_network_still_in_final_reporting_is_reminded(clock, coordinator):
    ended = NetworkFactory(start_date=dt.date(2024, 1, 1), end_date=dt.date(2026, 4, 30))
    city = coordinator.memberships.get().city
    city.network = ended
    city.save()
    ReportingPeriod.objects.create(
        network=ended,
        number=9,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 4, 30),
        due_date=DUE,
    )
    clock.move_to(morning(DUE - dt.timedelta(days=1)))
    assert queue_report_reminders() == 1
