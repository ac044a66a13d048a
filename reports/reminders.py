"""Deadline reminders for city reports, run by ``send_reminders`` and Celery beat.

Coordinators whose report is not submitted hear ``REPORT_REMINDER_OFFSETS_DAYS`` (7 and 1) days
before a period's due date; once it has passed, lead staff get one note naming the cities still
missing. Each period's own network decides: its reminders go out while coordinators may still
report (a concluded network in its final reporting is reminded of its final report), and
nothing is sent for a network whose final reporting has closed, or that is closed. Every email
is recorded under a unique key in the outbox, so running the job again sends nothing twice.
"""

import datetime as dt
from functools import partial

from django.conf import settings
from django.utils import timezone

from cities.models import City, Network
from notifications.jobs import queue_safely
from notifications.models import Kind
from notifications.services import existing_keys

from . import emails, selectors
from .models import CityReport, ReportingPeriod

#: An overdue note is sent within this many days after the due date (a job that first runs
#: months later does not flood lead staff with notes about long-gone periods).
OVERDUE_NOTE_WITHIN_DAYS = 14


def reminder_offsets() -> list[int]:
    return sorted({int(days) for days in settings.REPORT_REMINDER_OFFSETS_DAYS if int(days) > 0})[
        ::-1
    ]


def current_offset(due: dt.date, today: dt.date, offsets: list[int]) -> int | None:
    """The reminder whose window holds ``today``: from ``due - days`` until the next reminder
    (the last one until the due date itself), so a job that was down still sends the one due."""
    for index, days in enumerate(offsets):
        window_end = (
            due - dt.timedelta(days=offsets[index + 1]) if index + 1 < len(offsets) else due
        )
        if due - dt.timedelta(days=days) <= today and (
            today < window_end or (index + 1 == len(offsets) and today <= due)
        ):
            return days
    return None


def _not_submitted(period: ReportingPeriod, cities: list[City]) -> list[City]:
    done = set(
        CityReport.objects.filter(
            period=period, status__in=[CityReport.Status.SUBMITTED, CityReport.Status.ACCEPTED]
        ).values_list("city_id", flat=True)
    )
    return [city for city in cities if city.pk not in done]


def queue_report_reminders(*, now: dt.datetime | None = None) -> int:
    today = timezone.localdate(now or timezone.now())
    offsets = reminder_offsets()
    horizon = today + dt.timedelta(days=offsets[0] if offsets else 0)
    candidates = list(
        ReportingPeriod.objects.filter(
            due_date__gte=today - dt.timedelta(days=OVERDUE_NOTE_WITHIN_DAYS),
            due_date__lte=horizon,
        )
    )
    # Each period's own network decides, asked once per network.
    networks = (
        Network.objects.with_closure()
        .with_address()
        .in_bulk({period.network_id for period in candidates})
    )
    queued = 0
    for period in candidates:
        network = period.network = networks[period.network_id]
        if network.is_closed or not network.is_open_for_coordinators_on(today):
            continue
        missing = _not_submitted(period, list(selectors.reporting_cities(network=network)))
        if not missing:
            continue
        if period.due_date >= today:
            days = current_offset(period.due_date, today, offsets)
            if days is not None:
                queued += _remind_coordinators(period, missing, days)
        else:
            queued += _note_overdue(period, missing, today)
    return queued


def _remind_coordinators(period: ReportingPeriod, cities: list[City], days: int) -> int:
    occasion = f"{days}d@{period.due_date.isoformat()}"
    keys = {f"report-period:{period.pk}:{city.pk}": city for city in cities}
    existing = existing_keys(kind=Kind.REPORT_REMINDER, object_keys=keys, occasion=occasion)
    queued = 0
    for object_key, city in keys.items():
        for person in selectors.city_writers(city_ids=[city.pk]):
            if (object_key, person.pk, occasion) in existing:
                continue
            queued += bool(
                queue_safely(
                    network=period.network,
                    kind=Kind.REPORT_REMINDER,
                    object_key=object_key,
                    recipient=person,
                    occasion=occasion,
                    compose=partial(emails.reminder, person, period=period, city=city, days=days),
                )
            )
    return queued


def _note_overdue(period: ReportingPeriod, cities: list[City], today: dt.date) -> int:
    object_key, occasion = f"report-period:{period.pk}", f"overdue@{period.due_date.isoformat()}"
    existing = existing_keys(kind=Kind.REPORT_OVERDUE, object_keys=[object_key], occasion=occasion)
    queued = 0
    for person in selectors.lead_staff_of(network=period.network):
        if (object_key, person.pk, occasion) in existing:
            continue
        queued += bool(
            queue_safely(
                network=period.network,
                kind=Kind.REPORT_OVERDUE,
                object_key=object_key,
                recipient=person,
                occasion=occasion,
                compose=partial(emails.overdue, person, period=period, cities=cities, today=today),
            )
        )
    return queued
