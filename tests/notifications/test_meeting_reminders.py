import datetime as dt

import pytest
from django.core import mail

from meetings.models import Participation
from meetings.reminders import queue_meeting_reminders
from notifications.models import Kind, NotificationPreferences, OutboundEmail
from tests.factories import MeetingFactory, ParticipationFactory, UserFactory

from .conftest import NOW

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


@pytest.fixture
def meeting(clock):
    """A meeting starting a week and an hour from now, with invitations sent two weeks ago."""
    clock.move_to(NOW - 14 * DAY)
    meeting = MeetingFactory(
        start=NOW + 7 * DAY + HOUR,
        end=NOW + 7 * DAY + 7 * HOUR,
        timezone="Europe/Rome",
        title_en="Transfer meeting in Naples",
        title_el="Συνάντηση μεταφοράς στη Νάπολη",
        venue_en="Palazzo San Giacomo",
        venue_el="Παλάτσο Σαν Τζάκομο",
    )
    clock.move_to(NOW)
    return meeting


@pytest.fixture
def invitees(clock, meeting):
    clock.move_to(NOW - 14 * DAY)
    greek = UserFactory(email="eleni@example.org", full_name="Ελένη", preferred_language="el")
    english = UserFactory(email="anna@example.org", full_name="Anna", preferred_language="en")
    declined = UserFactory(email="no@example.org", preferred_language="en")
    ParticipationFactory(meeting=meeting, user=greek)
    ParticipationFactory(meeting=meeting, user=english, rsvp=Participation.RSVP.ATTENDING)
    ParticipationFactory(meeting=meeting, user=declined, rsvp=Participation.RSVP.DECLINED)
    clock.move_to(NOW)
    return {"el": greek, "en": english, "declined": declined}


def by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def test_nothing_is_sent_before_the_seven_day_mark(clock, invitees, on_commit):
    assert on_commit(queue_meeting_reminders) == 0
    assert mail.outbox == []


def test_seven_days_before_each_invitee_who_has_not_declined_gets_one_reminder_in_their_language(
    clock, meeting, invitees, on_commit
):
    clock.move_to(NOW + 2 * HOUR)  # 6 days 23 hours before the start
    assert on_commit(queue_meeting_reminders) == 2
    sent = by_recipient()
    assert set(sent) == {"eleni@example.org", "anna@example.org"}

    greek = sent["eleni@example.org"]
    assert "Υπενθύμιση: Συνάντηση μεταφοράς στη Νάπολη σε 7 ημέρες" in greek.subject
    assert "Παλάτσο Σαν Τζάκομο" in greek.body
    # Venue time (Rome), with the Greek day and month names.
    assert "Δευτέρα 11 Μαΐου 2026, 08:00" in greek.body
    assert f"https://portal.example/el/workspace/meetings/{meeting.pk}/" in greek.body
    # Not answered yet: the reminder carries the answer links.
    assert "/el/workspace/meetings/answer/" in greek.body

    english = sent["anna@example.org"]
    assert "Reminder: Transfer meeting in Naples in 7 days" in english.subject
    assert "Monday 11 May 2026, 08:00–14:00 (Europe/Rome)" in english.body
    assert "/workspace/meetings/answer/" not in english.body  # already answered
    html, mimetype = english.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="https://portal.example/en/workspace/meetings/{meeting.pk}/"' in html
    assert english.extra_headers["List-Unsubscribe"].startswith(
        "<https://portal.example/en/account/notifications/unsubscribe/"
    )
    assert english.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_running_the_job_again_sends_nothing_more(clock, meeting, invitees, on_commit):
    clock.move_to(NOW + 2 * HOUR)
    on_commit(queue_meeting_reminders)
    for minutes in (0, 15, 30, 600):
        clock.move_to(NOW + 2 * HOUR + dt.timedelta(minutes=minutes))
        assert on_commit(queue_meeting_reminders) == 0
    assert len(mail.outbox) == 2
    assert OutboundEmail.objects.filter(kind=Kind.MEETING_REMINDER).count() == 2
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_one_day_before_comes_the_second_reminder_and_only_that(
    clock, meeting, invitees, on_commit
):
    clock.move_to(NOW + 2 * HOUR)
    on_commit(queue_meeting_reminders)
    clock.move_to(NOW + 6 * DAY + 2 * HOUR)  # 23 hours before
    assert on_commit(queue_meeting_reminders) == 2
    assert on_commit(queue_meeting_reminders) == 0
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 4
    assert sum("tomorrow" in subject for subject in subjects) == 1
    assert sum("αύριο" in subject for subject in subjects) == 1


def test_a_job_that_missed_the_seven_day_mark_sends_only_the_current_reminder(
    clock, meeting, invitees, on_commit
):
    clock.move_to(NOW + 6 * DAY + 3 * HOUR)
    assert on_commit(queue_meeting_reminders) == 2
    assert all("7" not in message.subject for message in mail.outbox)


def test_someone_invited_after_the_seven_day_mark_gets_only_the_one_day_reminder(
    clock, meeting, on_commit
):
    clock.move_to(NOW + 2 * DAY)
    late = ParticipationFactory(meeting=meeting, user__preferred_language="en")
    assert on_commit(queue_meeting_reminders) == 0
    clock.move_to(NOW + 6 * DAY + 2 * HOUR)
    assert on_commit(queue_meeting_reminders) == 1
    assert mail.outbox[0].to == [late.user.email]
    assert "tomorrow" in mail.outbox[0].subject


def test_offsets_come_from_settings(clock, settings, meeting, invitees, on_commit):
    settings.MEETING_REMINDER_OFFSETS_DAYS = [3]
    clock.move_to(NOW + 2 * HOUR)
    assert on_commit(queue_meeting_reminders) == 0
    clock.move_to(NOW + 4 * DAY + 2 * HOUR)
    assert on_commit(queue_meeting_reminders) == 2
    assert "in 3 days" in by_recipient()["anna@example.org"].subject


def test_people_who_switched_reminders_off_get_none(clock, meeting, invitees, on_commit):
    NotificationPreferences.objects.create(user=invitees["en"], meeting_reminders=False)
    clock.move_to(NOW + 2 * HOUR)
    assert on_commit(queue_meeting_reminders) == 1
    assert list(by_recipient()) == ["eleni@example.org"]


def test_cancelled_meetings_are_not_reminded(clock, meeting, invitees, on_commit):
    meeting.status = meeting.Status.CANCELLED
    meeting.save()
    clock.move_to(NOW + 2 * HOUR)
    assert on_commit(queue_meeting_reminders) == 0


def test_a_meeting_moved_to_a_later_date_is_reminded_again(clock, meeting, invitees, on_commit):
    clock.move_to(NOW + 2 * HOUR)
    on_commit(queue_meeting_reminders)
    meeting.start += 14 * DAY
    meeting.end += 14 * DAY
    meeting.save()
    clock.move_to(NOW + 14 * DAY + 2 * HOUR)
    assert on_commit(queue_meeting_reminders) == 2
    assert len(mail.outbox) == 4
