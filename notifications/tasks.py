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
def run_job(name: str) -> int:
    """One job registered by the app whose emails it sends (``CELERY_BEAT_SCHEDULE`` names it)."""
    return jobs.run_job(name)


@shared_task
def dispatch_stalled_emails() -> int:
    return services.dispatch_stalled()
