"""A real Celery worker on the real Redis sends each reminder once, however often it is asked.

The worker is a separate process using the test database (the rows this test commits) and a
file email backend, so what it sends can be counted afterwards.
"""

import datetime as dt
import email
import email.policy
import uuid
from pathlib import Path

import pytest
from django.utils import timezone

from meetings.models import Participation
from notifications.models import OutboundEmail
from notifications.tasks import run_job, send_email
from tests.factories import MeetingFactory, ParticipationFactory, UserFactory
from tests.workers import new_queue, start_worker, stop_worker, wait_for, wait_until_ready

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def delivered_messages(folder: Path) -> list[email.message.EmailMessage]:
    messages = []
    for path in sorted(folder.iterdir()):
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=email.policy.default))
    return messages


@pytest.fixture
def worker(tmp_path):
    """A Celery worker process on its own queue; always stopped at the end."""
    maildir = tmp_path / "mail"
    maildir.mkdir()
    log = tmp_path / "worker.log"
    queue = new_queue()
    process = start_worker(queue=queue, log=log, email_url=f"filemail://{maildir}")
    try:
        wait_until_ready(log)
        yield {"queue": queue, "maildir": maildir, "log": log}
    finally:
        stop_worker(process)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_each_reminder_once_in_the_invitees_language(worker, broker):
    now = timezone.now()
    meeting = MeetingFactory(
        start=now + dt.timedelta(days=7) - dt.timedelta(hours=1),
        title_en="Peer review in Manresa",
        title_el="Αξιολόγηση από ομοτίμους στη Μανρέσα",
    )
    for address, language, answer in [
        ("maria@example.org", "el", Participation.RSVP.ATTENDING),
        ("tom@example.org", "en", Participation.RSVP.INVITED),
        ("away@example.org", "en", Participation.RSVP.DECLINED),
    ]:
        user = UserFactory(email=address, preferred_language=language)
        ParticipationFactory(meeting=meeting, user=user, rsvp=answer)
    # Invited well before the seven-day mark.
    Participation.objects.update(invited_at=now - dt.timedelta(days=20))

    queue, log = worker["queue"], worker["log"]
    # The same job task delivered twice (same id), then the job run once more.
    job_id = str(uuid.uuid4())
    run_job.apply_async(args=["meeting reminders"], task_id=job_id, queue=queue)
    run_job.apply_async(args=["meeting reminders"], task_id=job_id, queue=queue)
    wait_for(
        lambda: OutboundEmail.objects.filter(status="sent").count() == 2,
        timeout=60,
        what="two sent reminders",
        log=log,
    )
    run_job.apply_async(args=["meeting reminders"], queue=queue)
    # And every send task delivered twice more.
    for email_id in OutboundEmail.objects.values_list("pk", flat=True):
        send_email.apply_async(args=[email_id], queue=queue)
        send_email.apply_async(args=[email_id], queue=queue)
    # 3 job runs + 2 sends queued by the first run + 4 duplicates.
    wait_for(
        lambda: log.read_bytes().count(b"succeeded in") >= 9,
        timeout=60,
        what="every task to finish",
        log=log,
    )

    messages = delivered_messages(worker["maildir"])
    assert sorted(m["To"] for m in messages) == ["maria@example.org", "tom@example.org"]
    by_recipient = {m["To"]: m for m in messages}
    assert "Υπενθύμιση: Αξιολόγηση από ομοτίμους στη Μανρέσα σε 7 ημέρες" in str(
        by_recipient["maria@example.org"]["Subject"]
    )
    assert "Reminder: Peer review in Manresa in 7 days" in str(
        by_recipient["tom@example.org"]["Subject"]
    )
    text = by_recipient["tom@example.org"].get_body(("plain",)).get_content()
    assert f"https://portal.example/en/workspace/meetings/{meeting.pk}/" in text
    assert OutboundEmail.objects.count() == 2
    assert set(OutboundEmail.objects.values_list("attempts", flat=True)) == {1}
