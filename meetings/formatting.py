"""How a meeting's time and place read in pages and emails, in the active language."""

from django.utils.formats import date_format

LONG_DATE = "l j E Y"


def meeting_when(meeting) -> str:
    """E.g. "Monday 30 March 2026, 09:30–12:30 (Europe/Rome)", in the venue's local time."""
    start, end = meeting.local_start, meeting.local_end
    first = f"{date_format(start, LONG_DATE)}, {date_format(start, 'H:i')}"
    if start.date() == end.date():
        last = date_format(end, "H:i")
    else:
        last = f"{date_format(end, LONG_DATE)}, {date_format(end, 'H:i')}"
    return f"{first}–{last} ({meeting.timezone})"


def meeting_place(meeting) -> str:
    return " · ".join(part for part in [meeting.venue, meeting.online_url] if part)
