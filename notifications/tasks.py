"""Celery tasks: thin wrappers that take ids and call services (see services.py for the design)."""

from celery import shared_task

from . import jobs, services


@shared_task(
    bind=True,
    # The row counts the attempts and stops retrying; Celery only schedules them, at the time
    # the row shows as its next attempt (services.retry_delay: 1, 2, 4 … minutes).
    max_retries=None,
)
def send_email(self, email_id: int) -> bool:
    try:
        return services.deliver_email(email_id=email_id)
    except services.DeliveryFailed as failure:
        raise self.retry(countdown=failure.retry_in, exc=failure) from failure


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
