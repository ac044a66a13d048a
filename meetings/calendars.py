"""iCalendar documents for meetings (RFC 5545), built with the icalendar library.

Times are written in the venue's time zone with a VTIMEZONE, so calendar apps show the right
local time on both sides of a daylight-saving change. The UID never changes; SEQUENCE rises.

A calendar entry is never more precise than what was published: a meeting whose days are known
but not its times is an all-day event over those days, and one known only to the month (or not
dated at all) is left out of every calendar file, since any day we gave it would be invented.
"""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Event

from common.calendars import AllDayEntry, all_day_event, calendar_document, uid_domain

from .models import Meeting

__all__ = ["AllDayEntry", "build_calendar", "meeting_event", "meeting_uid"]


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.uid}@{uid_domain()}"


def meeting_event(meeting: Meeting, *, url: str = "") -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at or timezone.now())
    event.add("sequence", meeting.sequence)
    if meeting.has_times:
        event.add("dtstart", meeting.local_start)
        event.add("dtend", meeting.local_end)
    else:
        # All day, over the venue's days; DTEND is exclusive.
        event.add("dtstart", meeting.local_start.date())
        event.add("dtend", meeting.local_end.date() + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    event.add("summary", meeting.title)
    location = ", ".join(part for part in [meeting.venue, meeting.online_url] if part)
    if location:
        event.add("location", location)
    if meeting.agenda:
        event.add("description", meeting.agenda)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    return event


def build_calendar(
    meetings: Iterable[Meeting],
    *,
    name: str,
    url_for=None,
    entries: Iterable[AllDayEntry] = (),
    cancel: bool = False,
) -> bytes:
    """One VCALENDAR with every meeting (and optional all-day entries).

    ``url_for(meeting)`` gives each event's absolute link; ``cancel`` sets METHOD:CANCEL for a
    cancellation notice sent by email.
    """
    events = [
        meeting_event(meeting, url=url_for(meeting) if url_for else "")
        for meeting in meetings
        if meeting.has_days
    ]
    events += [all_day_event(entry) for entry in entries]
    return calendar_document(events, name=name, cancel=cancel)
