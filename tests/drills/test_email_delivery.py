"""Drills on the email outbox with a real Celery worker on Redis and a real SMTP server.

1. The worker is killed with SIGKILL in the middle of a batch and a new one started: every
   email arrives exactly once.
2. SMTP refuses, then times out, then accepts: the email is retried with growing delays and
   arrives once; an email SMTP always refuses is failed after the last try and shown in the admin.
"""

import os
import signal

import pytest
from django.db import transaction
from django.urls import reverse

from citisense.celery import app as celery_app
from notifications import services
from notifications.emails import ComposedEmail
from notifications.models import Kind, OutboundEmail
from notifications.tasks import dispatch_stalled_emails
from tests.factories import NetworkFactory, UserFactory
from tests.workers import new_queue, start_worker, stop_worker, wait_for, wait_until_ready

from .smtp import REFUSE, STALL, RecordingSMTPServer

pytestmark = [pytest.mark.drill, pytest.mark.django_db(transaction=True)]

Status = OutboundEmail.Status


@pytest.fixture
def smtp():
    server = RecordingSMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def workers(tmp_path, smtp):
    """Starts workers on one queue (all stopped at the end); every start waits until ready.

    The outbox's own send tasks from this process go to that queue too.
    """
    queue, log, started = new_queue(), tmp_path / "worker.log", []
    previous_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue

    def start(**env):
        env = {
            "EMAIL_TIMEOUT": 1,
            "NOTIFICATIONS_RETRY_BACKOFF_SECONDS": 1,
            "NOTIFICATIONS_STALLED_AFTER_SECONDS": 2,
            **env,
        }
        process = start_worker(queue=queue, log=log, email_url=smtp.url, concurrency=1, **env)
        started.append(process)
        wait_until_ready(log, readies=len(started))
        return process

    start.queue, start.log = queue, log
    yield start
    celery_app.conf.task_default_queue = previous_queue
    for process in started:
        stop_worker(process)


def _queue_emails(addresses: list[str]) -> list[int]:
    with transaction.atomic():
        network = NetworkFactory()
        ids = [
            services.queue_email(
                network=network,
                kind=Kind.DAILY_DIGEST,
                object_key="drill",
                recipient=UserFactory(email=address),
                occasion="2026-05-04",
                composed=ComposedEmail(
                    to_email=address,
                    language="en",
                    subject=f"Drill message to {address}",
                    text="A fault drill.",
                    html="",
                ),
            )
            for address in addresses
        ]
    return ids


def _statuses() -> dict[str, str]:
    return dict(OutboundEmail.objects.values_list("to_email", "status"))


def test_a_worker_killed_mid_batch_sends_every_email_exactly_once(smtp, workers, broker):
    addresses = [f"person{n:02}@example.org" for n in range(12)]
    smtp.hold_after = 5  # the sixth email is stuck in the SMTP conversation
    first = workers()
    _queue_emails(addresses)
    wait_for(lambda: smtp.holding.is_set(), timeout=60, what="the sixth email", log=workers.log)
    assert list(_statuses().values()).count(Status.SENT) == 5
    (interrupted,) = OutboundEmail.objects.filter(status=Status.SENDING)

    os.killpg(first.pid, signal.SIGKILL)  # the worker and its pool, nothing else
    first.wait(timeout=10)
    smtp.release.set()

    workers()

    # Beat runs the sweep every few minutes; here every second, with a 2-second grace.
    def everything_sent() -> bool:
        dispatch_stalled_emails.apply_async(queue=workers.queue)
        return set(_statuses().values()) == {Status.SENT}

    wait_for(everything_sent, timeout=60, what="every email to be sent", log=workers.log)

    received = sorted(str(message["To"]) for message in smtp.received)
    assert received == addresses  # each one, once
    interrupted.refresh_from_db()
    assert interrupted.attempts == 2
    assert OutboundEmail.objects.exclude(pk=interrupted.pk).filter(attempts=1).count() == 11


def test_smtp_refusing_then_timing_out_then_accepting(smtp, workers, broker, client, lead_staff):
    patient, unlucky = "patient@example.org", "unlucky@example.org"
    smtp.stall_seconds = 2.5  # longer than the worker's EMAIL_TIMEOUT of 1 second
    smtp.scripts = {patient: [REFUSE, STALL], unlucky: [REFUSE, REFUSE, REFUSE, REFUSE]}
    workers(NOTIFICATIONS_MAX_ATTEMPTS=3)
    _queue_emails([patient, unlucky])

    wait_for(
        lambda: _statuses() == {patient: Status.SENT, unlucky: Status.FAILED},
        timeout=60,
        what="one email sent and one failed",
        log=workers.log,
    )
    assert smtp.subjects_to(patient) == [f"Drill message to {patient}"]
    assert smtp.subjects_to(unlucky) == []
    tries = [attempt for attempt in smtp.attempts if attempt.address == patient]
    assert [attempt.outcome for attempt in tries] == ["refuse", "stall", "accept"]
    # Backoff: 1 s after the first failure, 2 s after the second (which took 1 s to time out).
    assert tries[1].at - tries[0].at >= 1
    assert tries[2].at - tries[1].at >= 1 + 2
    assert len([a for a in smtp.attempts if a.address == unlucky]) == 3

    sent = OutboundEmail.objects.get(to_email=patient)
    assert (sent.attempts, sent.last_error) == (3, "")
    failed = OutboundEmail.objects.get(to_email=unlucky)
    assert failed.attempts == 3
    assert "451" in failed.last_error

    # The drill's addresses belong to no network's people: the superusers' part of the outbox.
    lead_staff.is_superuser = True
    lead_staff.save()
    client.force_login(lead_staff)
    page = client.get(
        reverse("admin:notifications_outboundemail_changelist"), {"status__exact": "failed"}
    )
    assert page.status_code == 200
    content = page.content.decode()
    assert unlucky in content
    assert patient not in content
