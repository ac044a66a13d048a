"""The daily digest to coordinators and the weekly network digest to lead staff (jobs registered
with the outbox), and the due dates in a person's calendar feed. See ``PracticesConfig.ready``.

Other apps add their own items to each city's part of the daily digest with
``register_city_items`` (the URBACT Local Groups add their meetings' open actions).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cities.models import City, Network
from common.calendars import AllDayEntry, all_day_event
from meetings.formatting import LONG_DATE
from notifications.emails import ComposedEmail, compose
from notifications.jobs import queue_safely, sends_on
from notifications.models import Kind
from notifications.selectors import recipients_wanting
from notifications.services import existing_keys

from . import digest_selectors as selectors
from .links import deliverable_url, step_url

FOLDER = "practices/email"


@dataclass(frozen=True)
class CityItems:
    """Items another app adds to each city's part of the daily digest.

    ``fetch(city_ids=…, today=…)`` returns the items by city id; ``rows(items, user=…, today=…)``
    turns them into the template's rows for the recipient ``user``, in their language;
    ``template`` (without ``.txt`` or ``.html``) renders those rows with their heading.
    """

    fetch: Callable[..., dict[int, list]]
    rows: Callable[..., list[dict]]
    template: str


_CITY_ITEMS: list[CityItems] = []


def register_city_items(items: CityItems) -> None:
    _CITY_ITEMS.append(items)


# --- Composing --------------------------------------------------------------------------------


def due_row(item, *, today: dt.date, url: str, title: str, detail: str) -> dict:
    return {
        "title": title,
        "detail": detail,
        "due_date": date_format(item.due_date, LONG_DATE),
        "days_late": (today - item.due_date).days if item.due_date < today else 0,
        "status": item.get_status_display(),
        "url": url,
    }


def _due_rows(steps, deliverables, *, today: dt.date) -> list[dict]:
    rows = [
        due_row(
            step,
            today=today,
            url=step_url(step),
            title=step.title,
            detail=step.transfer.practice.title,
        )
        for step in steps
    ]
    return rows + [
        due_row(
            deliverable,
            today=today,
            url=deliverable_url(deliverable),
            title=deliverable.display_title,
            detail=_("Deliverable"),
        )
        for deliverable in deliverables
    ]


def daily_digest(user, *, network, cities: list, today: dt.date) -> ComposedEmail:
    """``cities``: CityDue entries of the person's cities in ``network`` with something due."""

    def build() -> dict:
        sections = [
            {
                "city": due.city.name,
                "rows": _due_rows(due.steps, due.deliverables, today=today),
                "extras": [
                    {"template": extra.template, "rows": extra.rows(items, user=user, today=today)}
                    for extra, items in due.extras
                ],
            }
            for due in cities
        ]
        return {
            "sections": sections,
            "count": sum(due.count for due in cities),
            "today": date_format(today, LONG_DATE),
        }

    return compose(
        recipient=user,
        network=network,
        template="daily_digest",
        build=build,
        unsubscribe_kind=Kind.DAILY_DIGEST,
        folder=FOLDER,
    )


def weekly_digest(user, *, network, weeks: list, since: dt.date, today: dt.date) -> ComposedEmail:
    """``weeks``: CityWeek entries with progress changes or overdue items."""

    def build() -> dict:
        sections = [
            {
                "city": week.city.name if week.city else _("Network-level deliverables"),
                "changes": week.changes,
                "overdue": _due_rows(week.overdue_steps, week.overdue_deliverables, today=today),
            }
            for week in weeks
        ]
        return {
            "sections": sections,
            "since": date_format(since, LONG_DATE),
            "today": date_format(today, LONG_DATE),
        }

    return compose(
        recipient=user,
        network=network,
        template="weekly_digest",
        build=build,
        unsubscribe_kind=Kind.WEEKLY_DIGEST,
        folder=FOLDER,
    )


# --- The jobs ---------------------------------------------------------------------------------


def _add_city_items(due: dict, *, city_ids, today: dt.date) -> None:
    """Adds the registered items of each city whose network runs ``today`` to ``due``."""
    if not _CITY_ITEMS:
        return
    cities = {
        city.pk: city
        for city in City.objects.filter(pk__in=list(city_ids)).select_related("network")
        if city.network.is_running_on(today)
    }
    if not cities:
        return
    for extra in _CITY_ITEMS:
        for city_id, items in extra.fetch(city_ids=list(cities), today=today).items():
            if items and city_id in cities:
                entry = due.setdefault(city_id, selectors.CityDue(city=cities[city_id]))
                entry.extras.append((extra, items))


def daily_object_key(network_id: int) -> str:
    return f"network:{network_id}"


def queue_daily_digests(*, now: dt.datetime | None = None) -> int:
    """One email per coordinator, per network and per day with their cities' items due soon or
    overdue, while that network runs (each network is asked: none is sent once it has ended).
    A person coordinating cities in two networks gets each network's digest on its own, from
    that network's address."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    occasion = today.isoformat()
    recipients = recipients_wanting(Kind.DAILY_DIGEST)
    existing = existing_keys(kind=Kind.DAILY_DIGEST, occasion=occasion)
    networks = Network.objects.with_closure().with_address().in_bulk()
    # (user id, network id) → the person's cities in that network.
    cities: dict[tuple[int, int], list] = {}
    for user_id, user_cities in selectors.coordinator_cities(
        recipients=recipients, today=today
    ).items():
        for city in user_cities:
            key = (user_id, city.network_id)
            if (daily_object_key(city.network_id), user_id, occasion) in existing:
                continue
            if sends_on(networks[city.network_id], today):
                cities.setdefault(key, []).append(city)
    if not cities:
        return 0
    city_ids = {city.pk for user_cities in cities.values() for city in user_cities}
    due = selectors.due_by_city(
        city_ids=city_ids, today=today, within_days=settings.DIGEST_DUE_WITHIN_DAYS
    )
    _add_city_items(due, city_ids=city_ids, today=today)
    users = get_user_model().objects.in_bulk({user_id for user_id, _network in cities})
    queued = 0
    for (user_id, network_id), user_cities in cities.items():
        entries = [due[city.pk] for city in user_cities if city.pk in due]
        if not entries:
            continue  # nothing due: no email at all
        user, network = users[user_id], networks[network_id]
        queued += bool(
            queue_safely(
                network=network,
                kind=Kind.DAILY_DIGEST,
                object_key=daily_object_key(network_id),
                recipient=user,
                occasion=occasion,
                compose=lambda u=user, n=network, e=entries: daily_digest(
                    u, network=n, cities=e, today=today
                ),
            )
        )
    return queued


def week_occasion(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def queue_weekly_digests(*, now: dt.datetime | None = None) -> int:
    """One email per lead staff member, per network and per ISO week: that network's progress
    changes and overdue items, while it runs."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    since = now - dt.timedelta(days=7)
    occasion = week_occasion(today)
    recipients = recipients_wanting(Kind.WEEKLY_DIGEST)
    existing = existing_keys(kind=Kind.WEEKLY_DIGEST, occasion=occasion)
    people_by_network = selectors.lead_staff_by_network(recipients=recipients)
    networks = Network.objects.with_closure().with_address().in_bulk(people_by_network.keys())
    queued = 0
    for network_id, people in people_by_network.items():
        network = networks[network_id]
        if not sends_on(network, today):
            continue  # a network that has not started, has ended or is closed sends none
        object_key = f"network:{network_id}"
        people = [p for p in people if (object_key, p.pk, occasion) not in existing]
        if not people:
            continue
        weeks = selectors.network_week(network=network, since=since, today=today)
        if not weeks:
            continue
        for person in people:
            queued += bool(
                queue_safely(
                    network=network,
                    kind=Kind.WEEKLY_DIGEST,
                    object_key=object_key,
                    recipient=person,
                    occasion=occasion,
                    compose=lambda u=person, n=network, w=weeks: weekly_digest(
                        u,
                        network=n,
                        weeks=w,
                        since=timezone.localdate(since),
                        today=today,
                    ),
                )
            )
    return queued


# --- The personal calendar feed ---------------------------------------------------------------


def feed_events(user, *, now: dt.datetime, network) -> list:
    """The due dates of the person's cities in ``network`` (and the network's, for its lead
    staff)."""
    steps, deliverables = selectors.feed_due_items(user=user, network=network)
    entries = [
        AllDayEntry(
            uid=f"step-{step.pk}",
            day=step.due_date,
            summary=_("Due: %(title)s (%(city)s)")
            % {"title": step.title, "city": step.transfer.city.name},
            description=step.transfer.practice.title,
            url=step_url(step),
        )
        for step in steps
    ]
    entries += [
        AllDayEntry(
            uid=f"deliverable-{deliverable.pk}",
            day=deliverable.due_date,
            summary=_("Due: %(title)s (%(city)s)")
            % {
                "title": deliverable.display_title,
                "city": deliverable.city.name if deliverable.city_id else _("network"),
            },
            url=deliverable_url(deliverable),
        )
        for deliverable in deliverables
    ]
    return [all_day_event(entry) for entry in entries]
