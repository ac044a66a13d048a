"""Celery tasks: thin wrappers that take ids and call services (see services.py for the design)."""

from celery import shared_task
from django.conf import settings

from . import jobs, services


@shared_task(
    autoretry_for=(services.DeliveryFailed,),
    retry_backoff=settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS,
    retry_backoff_max=3600,
    retry_jitter=True,
    # The row counts the attempts and stops retrying; Celery only schedules them.
    max_retries=None,
)
def send_email(email_id: int) -> bool:
    return services.deliver_email(email_id=email_id)


@shared_task
def send_meeting_reminders() -> int:
    return jobs.queue_meeting_reminders()


@shared_task
def send_daily_digests() -> int:
    return jobs.queue_daily_digests()


@shared_task
def send_weekly_digests() -> int:
    return jobs.queue_weekly_digests()


@shared_task
def send_closeout_reminders() -> int:
    return jobs.queue_closeout_reminders()


@shared_task
def dispatch_stalled_emails() -> int:
    return services.dispatch_stalled()
