"""Celery tasks: thin wrappers around the services."""

from celery import shared_task

from . import services


@shared_task
def purge_registrations() -> int:
    return services.purge_personal_data()
