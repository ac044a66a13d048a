"""Celery tasks of the reports app (thin: they call the jobs)."""

from celery import shared_task

from . import reminders


@shared_task
def send_report_reminders() -> int:
    return reminders.queue_report_reminders()
