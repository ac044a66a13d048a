"""A real Celery worker on the real Redis sends each reminder once, however often it is asked.

The worker is a separate process using the test database (the rows this test commits) and a
file email backend, so what it sends can be counted afterwards.
"""

import contextlib
import datetime as dt
import email
import email.policy
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from citisense.celery import app as celery_app
from meetings.models import Participation
from notifications.models import OutboundEmail
from notifications.tasks import send_email, send_meeting_reminders
from tests.factories import MeetingFactory, ParticipationFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def wait_for(condition, *, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"Timed out waiting for {what}. Worker log:\n{log.read_text()[-4000:]}")


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
    queue = f"citisense-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "citisense.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "integration-tests-only",
        "DATABASE_URL": database_url(),
        "REDIS_URL": celery_app.conf.broker_url,
        "EMAIL_URL": f"filemail://{maildir}",
        "SITE_URL": "https://portal.example",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
    }
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "citisense",
                "worker",
                "--loglevel=INFO",
                "--concurrency=2",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-Q",
                queue,
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so its children stop with it
        )
    try:
        wait_for(lambda: b" ready." in log.read_bytes(), timeout=60, what="the worker", log=log)
        yield {"queue": queue, "maildir": maildir, "log": log}
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture
def broker():
    """Tasks from this test process go to Redis instead of running in-process."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = eager


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
    send_meeting_reminders.apply_async(task_id=job_id, queue=queue)
    send_meeting_reminders.apply_async(task_id=job_id, queue=queue)
    wait_for(
        lambda: OutboundEmail.objects.filter(status="sent").count() == 2,
        timeout=60,
        what="two sent reminders",
        log=log,
    )
    send_meeting_reminders.apply_async(queue=queue)
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
