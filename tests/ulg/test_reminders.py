"""The close-out reminder (once, through the outbox) and open actions in the daily digest."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from cities.models import Membership
from meetings.models import Meeting
from notifications.models import Kind, OutboundEmail
from practices.digests import queue_daily_digests
from tests.factories import (
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    OutcomeFactory,
    UserFactory,
)
from tests.notifications.conftest import NOW
from ulg.reminders import queue_closeout_reminders
from ulg.services import record_attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(city):
    user = UserFactory(email="organiser@example.org", preferred_language="el", full_name="Νίκη")
    MembershipFactory(user=user, city=city, role=Membership.Role.CITY_COORDINATOR)
    return user


def ulg_meeting(network, city, organiser, *, ended_days_ago: float, title="Τρίτη συνάντηση"):
    end = NOW - dt.timedelta(days=ended_days_ago)
    return MeetingFactory(
        network=network,
        kind=Meeting.Kind.LOCAL_ULG,
        host_city=city,
        title_el=title,
        title_en="Third meeting",
        start=end - dt.timedelta(hours=2),
        end=end,
        created_by=organiser,
    )


def run(django_capture_on_commit_callbacks, job, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return job(**kwargs)


def test_the_organiser_is_reminded_once_three_days_after_the_meeting(
    clock, network, city, organiser, django_capture_on_commit_callbacks
):
    meeting = ulg_meeting(network, city, organiser, ended_days_ago=3.5)
    ulg_meeting(network, city, organiser, ended_days_ago=1, title="Χθεσινή")  # too early
    assert run(django_capture_on_commit_callbacks, queue_closeout_reminders) == 1
    assert run(django_capture_on_commit_callbacks, queue_closeout_reminders) == 0
    clock.shift(dt.timedelta(hours=6))
    assert run(django_capture_on_commit_callbacks, queue_closeout_reminders) == 0
    (message,) = mail.outbox
    assert message.to == ["organiser@example.org"]
    assert "Τρίτη συνάντηση" in message.subject
    assert f"/el/workspace/ulg/meetings/{meeting.pk}/" in message.body
    row = OutboundEmail.objects.get()
    assert (row.kind, row.object_key, row.status) == (
        Kind.MEETING_CLOSEOUT,
        f"meeting:{meeting.pk}",
        "sent",
    )


def test_no_reminder_for_a_complete_close_out_or_a_cancelled_meeting(
    clock, network, city, organiser, django_capture_on_commit_callbacks
):
    complete = ulg_meeting(network, city, organiser, ended_days_ago=4)
    record_attendance(user=organiser, meeting=complete, people=8)
    OutcomeFactory(meeting=complete, kind="information", text="Budget presented")
    cancelled = ulg_meeting(network, city, organiser, ended_days_ago=4, title="Ακυρωμένη")
    Meeting.objects.filter(pk=cancelled.pk).update(status=Meeting.Status.CANCELLED)
    assert run(django_capture_on_commit_callbacks, queue_closeout_reminders) == 0
    assert not mail.outbox


def test_a_meeting_with_attendance_but_no_outcome_is_still_reminded(
    clock, network, city, organiser, django_capture_on_commit_callbacks
):
    meeting = ulg_meeting(network, city, organiser, ended_days_ago=4)
    record_attendance(user=organiser, meeting=meeting, people=8)
    assert run(django_capture_on_commit_callbacks, queue_closeout_reminders) == 1
    body = mail.outbox[0].body
    assert "δεν έχει καταγραφεί καμία απόφαση" in body
    assert "λείπει η συμμετοχή" not in body


def test_open_actions_are_in_the_daily_digest_in_the_recipients_language(
    clock, network, city, organiser, django_capture_on_commit_callbacks
):
    meeting = ulg_meeting(network, city, organiser, ended_days_ago=10)
    police = OrganisationFactory(city=city, name="Δημοτική αστυνομία", sector="police")
    OutcomeFactory(
        meeting=meeting,
        kind="action",
        text="Χαρτογράφηση σκοτεινών δρόμων",
        owner_organisation=police,
        due_date=NOW.date() + dt.timedelta(days=30),
        status="open",
    )
    OutcomeFactory(
        meeting=meeting,
        kind="action",
        text="Ολοκληρωμένη δράση",
        owner_person="Κάποιος",
        due_date=NOW.date(),
        status="done",
    )
    assert run(django_capture_on_commit_callbacks, queue_daily_digests) == 1
    (message,) = mail.outbox
    assert message.to == ["organiser@example.org"]
    assert "Ανοιχτές δράσεις της Τοπικής Ομάδας URBACT" in message.body
    assert "Χαρτογράφηση σκοτεινών δρόμων · Δημοτική αστυνομία" in message.body
    assert "Ολοκληρωμένη δράση" not in message.body


def test_no_open_actions_in_the_digest_once_the_network_has_ended(
    network, city, organiser, django_capture_on_commit_callbacks
):
    meeting = ulg_meeting(network, city, organiser, ended_days_ago=10)
    OutcomeFactory(
        meeting=meeting,
        kind="action",
        text="Χαρτογράφηση",
        owner_person="Κάποιος",
        due_date=network.end_date,
        status="open",
    )
    after_end = dt.datetime.combine(network.end_date + dt.timedelta(days=2), dt.time(9))
    with time_machine.travel(after_end, tick=False):
        assert run(django_capture_on_commit_callbacks, queue_daily_digests) == 0
    assert not mail.outbox
