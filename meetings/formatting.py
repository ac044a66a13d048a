"""How a meeting's time and place read in pages and emails, in the active language.

Never more precise than the meeting's ``date_precision``: no times for a meeting whose times
were not published, only the month for one known to the month.
"""

from django.utils.formats import date_format
from django.utils.translation import pgettext

from common.dates import Month, say

LONG_DATE = "l j E Y"
DAY_DATE = "j E Y"


def imprecise_when(meeting) -> str | None:
    """The words for a meeting without published times, or None when its times are known."""
    precision = getattr(meeting, "date_precision", "time")
    start, end = meeting.local_start, meeting.local_end
    if precision == "day":
        if start.date() == end.date():
            return date_format(start, DAY_DATE)
        return f"{date_format(start, DAY_DATE)} – {date_format(end, DAY_DATE)}"
    if precision == "month":
        return Month(start).form()
    if precision == "undated":
        sentence = pgettext(
            "a meeting's date",
            # xgettext:no-python-brace-format
            "Date not published (between {start} and {end})",
        )
        return say(sentence, start=Month(start), end=Month(end))
    return None


def meeting_when(meeting) -> str:
    """E.g. "Monday 30 March 2026, 09:30–12:30 (Europe/Rome)", in the venue's local time."""
    imprecise = imprecise_when(meeting)
    if imprecise is not None:
        return imprecise
    start, end = meeting.local_start, meeting.local_end
    first = f"{date_format(start, LONG_DATE)}, {date_format(start, 'H:i')}"
    if start.date() == end.date():
        last = date_format(end, "H:i")
    else:
        last = f"{date_format(end, LONG_DATE)}, {date_format(end, 'H:i')}"
    return f"{first}–{last} ({meeting.timezone})"


def meeting_place(meeting) -> str:
    return " · ".join(part for part in [meeting.venue, meeting.online_url] if part)
