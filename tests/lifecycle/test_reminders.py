"""Digests and due-date reminders stop when a network ends (asserted on the outbox)."""

import datetime as dt

import pytest

from cities.models import Membership
from meetings.models import Meeting
from meetings.reminders import queue_meeting_reminders
from notifications.models import OutboundEmail
from practices.digest_selectors import network_week
from practices.digests import queue_daily_digests
from tests.factories import (
    CityFactory,
    MeetingFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
    TransferFactory,
    TransferStepFactory,
    UserFactory,
)

from .conftest import AFTER_CLOSING, AFTER_END, BEFORE_START, DURING

pytestmark = pytest.mark.django_db


def digests() -> int:
    return OutboundEmail.objects.filter(kind="daily_digest").count()


def test_daily_digest_while_running(at, life):
    at(DURING)
    assert queue_daily_digests() == 1
    assert digests() == 1


@pytest.mark.parametrize("moment", [BEFORE_START, AFTER_END, AFTER_CLOSING])
def test_no_daily_digest_outside_the_network_period(at, life, moment):
    at(moment)
    assert queue_daily_digests() == 0
    assert digests() == 0


def test_weekly_digest_lists_no_overdue_items_after_the_end(at, life):
    at(DURING)
    weeks = network_week(
        network=life.network, since=DURING - dt.timedelta(days=7), today=DURING.date()
    )
    assert [step.title for week in weeks for step in week.overdue_steps] == ["Map the dark spots"]
    at(AFTER_END)
    since = AFTER_END - dt.timedelta(days=7)
    weeks = network_week(network=life.network, since=since, today=AFTER_END.date())
    assert not any(week.overdue_steps or week.overdue_deliverables for week in weeks)


def test_a_running_network_still_gets_its_digests(at, life):
    at(AFTER_END)
    running = NetworkFactory(slug="running", start_date=dt.date(2026, 1, 1))
    city = CityFactory(network=running, slug="elsewhere")
    person = UserFactory(email="running@example.org")
    MembershipFactory(user=person, city=city, role=Membership.Role.CITY_COORDINATOR)
    TransferStepFactory(transfer=TransferFactory(city=city), due_date=dt.date(2026, 1, 10))
    assert queue_daily_digests() == 1
    (email,) = OutboundEmail.objects.filter(kind="daily_digest")
    assert email.recipient == person


def test_a_meeting_known_only_to_the_month_is_not_reminded(at, life):
    at(DURING)
    start = DURING + dt.timedelta(days=1)
    meeting = MeetingFactory(
        network=life.network,
        start=start,
        end=start + dt.timedelta(days=2),
        date_precision=Meeting.Precision.MONTH,
    )
    ParticipationFactory(meeting=meeting, user=life.coordinator)
    assert queue_meeting_reminders() == 0
    assert not OutboundEmail.objects.filter(kind="meeting_reminder").exists()


def test_due_dates_leave_the_personal_calendar_feed_after_the_end(at, life):
    from practices.digest_selectors import feed_due_items

    at(DURING)
    steps, _deliverables = feed_due_items(user=life.coordinator, network=life.network)
    assert [step.title for step in steps] == ["Map the dark spots"]
    at(AFTER_END)
    assert feed_due_items(user=life.coordinator, network=life.network) == ([], [])
