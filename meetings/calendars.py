"""iCalendar documents for meetings (RFC 5545), built with the icalendar library.

Times are written in the venue's time zone with a VTIMEZONE, so calendar apps show the right
local time on both sides of a daylight-saving change. The UID never changes; SEQUENCE rises.

A calendar entry is never more precise than what was published: a meeting whose days are known
but not its times is an all-day event over those days, and one known only to the month (or not
dated at all) is left out of every calendar file, since any day we gave it would be invented.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Meeting

PRODID = "-//CITISENSE//Portal//EN"


@dataclass(frozen=True)
class AllDayEntry:
    """A dated item that is not a meeting, e.g. a step's due date in a personal feed."""

    uid: str
    day: dt.date
    summary: str
    description: str = ""
    url: str = ""


def _uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "citisense.example"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.uid}@{_uid_domain()}"


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


def all_day_event(entry: AllDayEntry) -> Event:
    event = Event()
    event.add("uid", f"{entry.uid}@{_uid_domain()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", entry.day)
    event.add("dtend", entry.day + dt.timedelta(days=1))
    event.add("summary", entry.summary)
    event.add("transp", "TRANSPARENT")
    if entry.description:
        event.add("description", entry.description)
    if entry.url:
        event.add("url", entry.url)
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
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancel else "PUBLISH")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        if not meeting.has_days:
            continue
        calendar.add_component(meeting_event(meeting, url=url_for(meeting) if url_for else ""))
    for entry in entries:
        calendar.add_component(all_day_event(entry))
    calendar.add_missing_timezones()
    return calendar.to_ical()
