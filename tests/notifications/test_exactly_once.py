"""Each email is sent once: duplicate jobs and tasks, SMTP failures, a worker killed mid-batch."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection

from meetings.reminders import queue_meeting_reminders
from notifications import services
from notifications.jobs import run_all
from notifications.models import Kind, OutboundEmail
from notifications.tasks import run_job, send_email
from tests.factories import MeetingFactory, ParticipationFactory, UserFactory

from .conftest import NOW

DAY = dt.timedelta(days=1)
Status = OutboundEmail.Status


@pytest.fixture
def meeting_with_invitees(clock):
    """Five invitees of a meeting that is exactly seven days away in an hour."""
    clock.move_to(NOW - 30 * DAY)
    meeting = MeetingFactory(start=NOW + 7 * DAY + dt.timedelta(hours=1))
    people = [
        ParticipationFactory(meeting=meeting, user__email=f"p{n}@example.org").user
        for n in range(5)
    ]
    clock.move_to(NOW + dt.timedelta(hours=2))
    return meeting, people


def sent_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.mark.django_db
def test_a_task_delivered_twice_sends_once(meeting_with_invitees, on_commit):
    on_commit(queue_meeting_reminders)
    email = OutboundEmail.objects.first()
    mail.outbox.clear()
    # The broker hands the same task to a worker again (acks_late after a lost connection).
    assert send_email.apply(args=[email.pk]).get() is False
    assert send_email.apply(args=[email.pk]).get() is False
    assert mail.outbox == []
    email.refresh_from_db()
    assert email.status == Status.SENT
    assert email.attempts == 1


@pytest.mark.django_db
def test_the_job_task_run_twice_sends_each_reminder_once(meeting_with_invitees, on_commit):
    on_commit(run_job.apply, args=["meeting reminders"])
    on_commit(run_job.apply, args=["meeting reminders"])
    assert sent_to() == [f"p{n}@example.org" for n in range(5)]


@pytest.mark.django_db(transaction=True)
def test_two_beat_processes_running_the_job_at_once_send_each_reminder_once(
    meeting_with_invitees,
):
    """Two threads with their own database connections stand in for two beat schedulers."""
    barrier = threading.Barrier(2)
    errors = []

    def job():
        try:
            barrier.wait(timeout=10)
            queue_meeting_reminders()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=job) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sent_to() == [f"p{n}@example.org" for n in range(5)]
    assert OutboundEmail.objects.filter(status=Status.SENT).count() == 5


@pytest.mark.django_db
def test_smtp_failure_is_retried_and_recorded_as_sent_only_after_success(
    meeting_with_invitees, flaky_smtp, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    flaky_smtp.refuse["p0@example.org"] = 1
    queue_meeting_reminders()  # no on-commit: sends are queued, not yet run
    email = OutboundEmail.objects.get(to_email="p0@example.org")

    with pytest.raises(services.DeliveryFailed):
        services.deliver_email(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == Status.RETRYING
    assert email.sent_at is None
    assert "450" in email.last_error
    assert email.next_attempt_at == NOW + dt.timedelta(hours=2, seconds=60)
    assert flaky_smtp.accepted == []

    assert services.deliver_email(email_id=email.pk) is True
    email.refresh_from_db()
    assert email.status == Status.SENT
    assert email.attempts == 2
    assert [m.to for m in flaky_smtp.accepted] == [["p0@example.org"]]


def test_retries_back_off_exponentially_up_to_an_hour(settings):
    settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS = 60
    delays = [services.retry_delay(attempt).total_seconds() for attempt in range(1, 9)]
    assert delays == [60, 120, 240, 480, 960, 1920, 3600, 3600]
    failure = services.DeliveryFailed("refused", retry_in=120)
    assert failure.retry_in == 120


@pytest.mark.django_db
def test_one_failing_recipient_does_not_stop_the_others(
    clock, meeting_with_invitees, flaky_smtp, on_commit, settings
):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    flaky_smtp.refuse["p2@example.org"] = -1
    on_commit(queue_meeting_reminders)
    accepted = sorted(m.to[0] for m in flaky_smtp.accepted)
    assert accepted == ["p0@example.org", "p1@example.org", "p3@example.org", "p4@example.org"]
    failing = OutboundEmail.objects.get(to_email="p2@example.org")
    assert (failing.status, failing.attempts) == (Status.RETRYING, 1)

    # Eager tasks cannot wait for Celery's countdown; the sweeper stands in for the retries,
    # each one after the backoff has passed.
    for _attempt in range(4):
        clock.shift(dt.timedelta(hours=2))
        on_commit(services.dispatch_stalled)
    failing.refresh_from_db()
    assert (failing.status, failing.attempts, failing.sent_at) == (Status.FAILED, 3, None)
    # The job does not start over for a failed email: its key is taken.
    on_commit(queue_meeting_reminders)
    assert len(flaky_smtp.accepted) == 4


@pytest.mark.django_db
def test_a_worker_killed_mid_batch_never_causes_a_duplicate(
    clock, meeting_with_invitees, on_commit
):
    queue_meeting_reminders()  # rows recorded; their send tasks died with the worker
    emails = list(OutboundEmail.objects.order_by("to_email"))
    # The worker had sent p0, had handed p1 to SMTP when it was killed, and never reached the
    # others.
    assert services.deliver_email(email_id=emails[0].pk) is True
    OutboundEmail.objects.filter(pk=emails[1].pk).update(status=Status.HANDED_OVER, attempts=1)
    mail.outbox.clear()

    # The redelivered tasks and the next runs of the jobs.
    for email in emails[:2]:
        assert send_email.apply(args=[email.pk]).get() is False
    on_commit(run_all)
    assert mail.outbox == []  # too early for the sweeper: the lost tasks may still arrive
    clock.shift(dt.timedelta(minutes=10))
    on_commit(run_all)
    on_commit(run_all)

    assert sent_to() == ["p2@example.org", "p3@example.org", "p4@example.org"]
    statuses = dict(OutboundEmail.objects.values_list("to_email", "status"))
    # p1's fate is unknown (SMTP may have accepted it): it waits for a person, never resent.
    assert statuses == {
        "p0@example.org": Status.SENT,
        "p1@example.org": Status.HANDED_OVER,
        "p2@example.org": Status.SENT,
        "p3@example.org": Status.SENT,
        "p4@example.org": Status.SENT,
    }


@pytest.mark.django_db
def test_a_send_interrupted_before_the_hand_over_is_sent_again_and_the_late_sender_stops(
    clock, meeting_with_invitees, on_commit, settings
):
    settings.NOTIFICATIONS_STALLED_AFTER_SECONDS = 300
    queue_meeting_reminders()
    email = OutboundEmail.objects.order_by("to_email").first()
    # A worker claimed it and then went silent before handing the message to SMTP.
    late = services._claim(email.pk)
    clock.shift(dt.timedelta(minutes=4))
    on_commit(services.dispatch_stalled)
    assert sent_to() == []  # it may only be slow: not yet
    clock.shift(dt.timedelta(minutes=2))
    on_commit(services.dispatch_stalled)  # with the others, whose tasks were never run
    everyone = sorted(OutboundEmail.objects.values_list("to_email", flat=True))
    assert sent_to() == everyone
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.SENT, 2)

    # The slow worker wakes up: its claim is gone, so it must not hand the message over.
    with pytest.raises(services.Superseded):
        services._hand_over(late)
    email.refresh_from_db()
    assert email.status == Status.SENT
    assert sent_to() == everyone


@pytest.mark.django_db
def test_an_administrator_can_send_an_interrupted_email_again(meeting_with_invitees, on_commit):
    queue_meeting_reminders()
    email = OutboundEmail.objects.first()
    OutboundEmail.objects.filter(pk=email.pk).update(status=Status.SENDING, attempts=1)
    assert on_commit(services.requeue, email=email) is True
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == Status.SENT
    assert on_commit(services.requeue, email=email) is False


@pytest.mark.django_db
def test_the_database_refuses_a_second_row_with_the_same_key(meeting_with_invitees):
    from django.db import IntegrityError

    user = UserFactory()
    fields = {
        "network": meeting_with_invitees[0].network,
        "kind": Kind.DAILY_DIGEST,
        "object_key": "",
        "recipient": user,
        "occasion": "2026-05-04",
        "to_email": user.email,
        "language": "en",
        "subject": "s",
        "body_text": "b",
    }
    OutboundEmail.objects.create(**fields)
    with pytest.raises(IntegrityError):
        OutboundEmail.objects.create(**fields)
