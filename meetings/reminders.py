"""Reminders of upcoming meetings (a job registered with the outbox), and the meetings in a
person's calendar feed (a feed source registered with it). See ``MeetingsConfig.ready``."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from cities.models import Network
from notifications.jobs import queue_safely, sends_on, wants
from notifications.models import Kind
from notifications.services import existing_keys

from . import emails, selectors
from .calendars import meeting_event
from .links import meeting_url

#: How far back the feed goes; older meetings have dropped out of people's calendars anyway.
FEED_HISTORY = dt.timedelta(days=365)


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
    """Reminders to invitees who have not declined, ``MEETING_REMINDER_OFFSETS_DAYS`` before,
    for the meetings of each network that runs today (a concluded network reminds nobody)."""
    now = now or timezone.now()
    offsets = reminder_offsets()
    if not offsets:
        return 0
    today = timezone.localdate(now)
    meetings = list(selectors.meetings_starting_between(now, now + dt.timedelta(days=offsets[0])))
    networks = (
        Network.objects.with_closure().with_address().in_bulk({m.network_id for m in meetings})
    )
    meetings = [m for m in meetings if sends_on(networks[m.network_id], today)]
    existing = existing_keys(
        kind=Kind.MEETING_REMINDER, object_keys=[f"meeting:{m.pk}" for m in meetings]
    )
    queued = 0
    for meeting in meetings:
        days = current_offset(meeting.start, now, offsets)
        if days is None:
            continue
        meeting.network = networks[meeting.network_id]
        due_at = meeting.start - dt.timedelta(days=days)
        object_key, occasion = f"meeting:{meeting.pk}", reminder_occasion(meeting, days)
        for participation in meeting.invitees:
            user = participation.user
            if (object_key, user.pk, occasion) in existing or not wants(
                user, Kind.MEETING_REMINDER
            ):
                continue
            # Invited after this reminder was due: the invitation itself was the reminder.
            if participation.invited_at > due_at:
                continue
            participation.meeting = meeting
            queued += bool(
                queue_safely(
                    network=meeting.network,
                    kind=Kind.MEETING_REMINDER,
                    object_key=object_key,
                    recipient=user,
                    occasion=occasion,
                    compose=lambda p=participation, d=days: emails.meeting_reminder(p, days=d),
                )
            )
    return queued


def feed_events(user, *, now: dt.datetime, network) -> list:
    """The person's meetings of ``network`` for their calendar feed (those known to the day)."""
    return [
        meeting_event(meeting, url=meeting_url(meeting))
        for meeting in selectors.feed_meetings(user=user, since=now - FEED_HISTORY).filter(
            network=network
        )
        if meeting.has_days
    ]
