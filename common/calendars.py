"""iCalendar documents (RFC 5545), built with the icalendar library: the document around the
events, and all-day entries. Meetings make their own events (``meetings/calendars.py``)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils import timezone
from icalendar import Calendar, Event

from .sites import site_url

PRODID = "-//CITISENSE//Portal//EN"


@dataclass(frozen=True)
class AllDayEntry:
    """A dated item that is not a meeting, e.g. a step's due date in a personal feed."""

    uid: str
    day: dt.date
    summary: str
    description: str = ""
    url: str = ""


def uid_domain() -> str:
    return urlsplit(site_url()).hostname or "citisense.example"


def all_day_event(entry: AllDayEntry) -> Event:
    event = Event()
    event.add("uid", f"{entry.uid}@{uid_domain()}")
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


def calendar_document(events: Iterable[Event], *, name: str, cancel: bool = False) -> bytes:
    """One VCALENDAR with ``events``; ``cancel`` sets METHOD:CANCEL for a cancellation notice
    sent by email. Time zones the events use are added (VTIMEZONE)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancel else "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
