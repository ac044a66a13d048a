"""The periodic jobs that decide who gets which reminder or digest.

Each job may run any number of times, in parallel too: every email it wants is recorded under a
unique key (see services.py), so a second run finds the keys taken and sends nothing more.
"""

import datetime as dt
import logging
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from cities.models import Network

from . import composers, selectors, services
from .models import Kind

logger = logging.getLogger(__name__)


def _queue(
    *, kind: str, object_key: str, recipient, occasion: str, compose: Callable
) -> int | None:
    """Compose and record one email; a failure for one person is logged, not fatal to the job."""
    try:
        return services.queue_email(
            kind=kind,
            object_key=object_key,
            recipient=recipient,
            occasion=occasion,
            composed=compose(),
        )
    except Exception:
        logger.exception("Could not queue %s for user %s (%s)", kind, recipient.pk, object_key)
        return None


def _wants(user, kind: str) -> bool:
    preferences = getattr(user, "notification_preferences", None)
    return preferences.wants(kind) if preferences else True


# --- Meeting reminders ------------------------------------------------------------------------


def reminder_offsets() -> list[int]:
    """Configured offsets in days, largest first."""
    return sorted({int(days) for days in settings.MEETING_REMINDER_OFFSETS_DAYS if int(days) > 0})[
        ::-1
    ]


def current_offset(start: dt.datetime, now: dt.datetime, offsets: list[int]) -> int | None:
    """The reminder whose window holds ``now``: from ``start - days`` to the next reminder.

    A job that was down for a while still sends the reminder due now, and never an older one.
    """
    for index, days in enumerate(offsets):
        window_end = (
            start - dt.timedelta(days=offsets[index + 1]) if index + 1 < len(offsets) else start
        )
        if start - dt.timedelta(days=days) <= now < window_end:
            return days
    return None


def reminder_occasion(meeting, days: int) -> str:
    # The start time is part of the key: a meeting moved to another date is reminded again.
    return f"{days}d@{meeting.start.astimezone(dt.UTC):%Y%m%dT%H%MZ}"


def queue_meeting_reminders(*, now: dt.datetime | None = None) -> int:
    """Reminders to invitees who have not declined, ``MEETING_REMINDER_OFFSETS_DAYS`` before."""
    now = now or timezone.now()
    offsets = reminder_offsets()
    if not offsets:
        return 0
    meetings = list(selectors.meetings_starting_between(now, now + dt.timedelta(days=offsets[0])))
    existing = services.existing_keys(
        kind=Kind.MEETING_REMINDER, object_keys=[f"meeting:{m.pk}" for m in meetings]
    )
    queued = 0
    for meeting in meetings:
        days = current_offset(meeting.start, now, offsets)
        if days is None:
            continue
        due_at = meeting.start - dt.timedelta(days=days)
        object_key, occasion = f"meeting:{meeting.pk}", reminder_occasion(meeting, days)
        for participation in meeting.invitees:
            user = participation.user
            if (object_key, user.pk, occasion) in existing or not _wants(
                user, Kind.MEETING_REMINDER
            ):
                continue
            # Invited after this reminder was due: the invitation itself was the reminder.
            if participation.invited_at > due_at:
                continue
            participation.meeting = meeting
            queued += bool(
                _queue(
                    kind=Kind.MEETING_REMINDER,
                    object_key=object_key,
                    recipient=user,
                    occasion=occasion,
                    compose=lambda p=participation, d=days: composers.meeting_reminder(p, days=d),
                )
            )
    return queued


# --- Digests ----------------------------------------------------------------------------------


def queue_daily_digests(*, now: dt.datetime | None = None) -> int:
    """One email per coordinator per day with their cities' items due soon or overdue, while
    their network runs (each network is asked: none is sent once it has ended)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    occasion = today.isoformat()
    recipients = selectors.recipients_wanting(Kind.DAILY_DIGEST)
    existing = services.existing_keys(kind=Kind.DAILY_DIGEST, occasion=occasion)
    cities = {
        user_id: user_cities
        for user_id, user_cities in selectors.coordinator_cities(
            recipients=recipients, today=today
        ).items()
        if ("", user_id, occasion) not in existing
    }
    if not cities:
        return 0
    city_ids = {city.pk for user_cities in cities.values() for city in user_cities}
    due = selectors.due_by_city(
        city_ids=city_ids, today=today, within_days=settings.DIGEST_DUE_WITHIN_DAYS
    )
    selectors.add_open_actions(due, city_ids=city_ids, today=today)
    users = get_user_model().objects.in_bulk(cities.keys())
    queued = 0
    for user_id, user_cities in cities.items():
        entries = [due[city.pk] for city in user_cities if city.pk in due]
        if not entries:
            continue  # nothing due: no email at all
        user = users[user_id]
        queued += bool(
            _queue(
                kind=Kind.DAILY_DIGEST,
                object_key="",
                recipient=user,
                occasion=occasion,
                compose=lambda u=user, e=entries: composers.daily_digest(u, cities=e, today=today),
            )
        )
    return queued


def week_occasion(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def queue_weekly_digests(*, now: dt.datetime | None = None) -> int:
    """One email per lead staff member per ISO week: progress changes and overdue items."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    since = now - dt.timedelta(days=7)
    occasion = week_occasion(today)
    recipients = selectors.recipients_wanting(Kind.WEEKLY_DIGEST)
    existing = services.existing_keys(kind=Kind.WEEKLY_DIGEST, occasion=occasion)
    people_by_network = selectors.lead_staff_by_network(recipients=recipients)
    networks = Network.objects.in_bulk(people_by_network.keys())
    queued = 0
    for network_id, people in people_by_network.items():
        object_key = f"network:{network_id}"
        people = [p for p in people if (object_key, p.pk, occasion) not in existing]
        if not people:
            continue
        weeks = selectors.network_week(network=networks[network_id], since=since, today=today)
        if not weeks:
            continue
        for person in people:
            queued += bool(
                _queue(
                    kind=Kind.WEEKLY_DIGEST,
                    object_key=object_key,
                    recipient=person,
                    occasion=occasion,
                    compose=lambda u=person, w=weeks: composers.weekly_digest(
                        u, weeks=w, since=timezone.localdate(since), today=today
                    ),
                )
            )
    return queued


# --- Meeting close-out -------------------------------------------------------------------------


def queue_closeout_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind the organiser, once, of a meeting that ended ``CLOSEOUT_REMINDER_DAYS`` ago with
    no attendance or no outcome recorded (as long as its network's final reporting is open)."""
    from ulg.selectors import closeout_gaps, meetings_missing_closeout

    now = now or timezone.now()
    days = settings.CLOSEOUT_REMINDER_DAYS
    ended_before = now - dt.timedelta(days=days)
    meetings = list(
        meetings_missing_closeout(
            ended_before=ended_before,
            ended_after=ended_before - dt.timedelta(days=settings.CLOSEOUT_REMINDER_WINDOW_DAYS),
        )
    )
    existing = services.existing_keys(
        kind=Kind.MEETING_CLOSEOUT, object_keys=[f"meeting:{m.pk}" for m in meetings]
    )
    today = timezone.localdate(now)
    queued = 0
    for meeting in meetings:
        if not meeting.network.is_open_for_coordinators_on(today):
            continue
        object_key = f"meeting:{meeting.pk}"
        missing_attendance, missing_outcomes = closeout_gaps(meeting)
        for organiser in selectors.meeting_organisers(meeting):
            if (object_key, organiser.pk, "closeout") in existing:
                continue
            queued += bool(
                _queue(
                    kind=Kind.MEETING_CLOSEOUT,
                    object_key=object_key,
                    recipient=organiser,
                    occasion="closeout",
                    compose=partial(
                        composers.closeout_reminder,
                        organiser,
                        meeting=meeting,
                        missing_attendance=missing_attendance,
                        missing_outcomes=missing_outcomes,
                    ),
                )
            )
    return queued


#: Reminder jobs of other apps (name → job taking ``now``), registered from their ready():
#: this app sends their emails but does not import them.
_REGISTERED_JOBS: dict[str, Callable[..., int]] = {}


def register_job(name: str, job: Callable[..., int]) -> None:
    _REGISTERED_JOBS[name] = job


def run_all(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Every reminder job once, then a sweep for emails whose send task was lost."""
    counts = {
        "meeting reminders": queue_meeting_reminders(now=now),
        "daily digests": queue_daily_digests(now=now),
        "weekly digests": queue_weekly_digests(now=now),
        "close-out reminders": queue_closeout_reminders(now=now),
    }
    for name, job in _REGISTERED_JOBS.items():
        counts[name] = job(now=now)
    counts["resent stalled"] = services.dispatch_stalled(now=now)
    return counts
