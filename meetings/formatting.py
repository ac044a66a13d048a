"""How a meeting's time and place read in pages and emails, in the active language.

Never more precise than the meeting's ``date_precision``: no times for a meeting whose times
were not published, only the month for one known to the month.
"""

from django.utils import dateformat
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext, pgettext

from common.dates import DayTexts, Month, say

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


def _utc_offset(moment) -> str:
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


class VenueTimes:
    """``venue_time_parts`` for a list of meetings: each day, clock time and offset from UTC
    written once per list (a list of search hits repeats them, and formatting is the dear
    part of a row)."""

    def __init__(self) -> None:
        self._clock_format = get_format("TIME_FORMAT")
        # A day format names no time or zone: the local day alone says what it writes.
        self._days = DayTexts()
        self._clocks: dict = {}
        self._zones: dict = {}

    def _day(self, moment) -> str:
        return self._days(moment.date(), "DATE_FORMAT")

    def _clock(self, moment) -> str:
        key = (moment.time(), moment.utcoffset(), moment.tzinfo)
        text = self._clocks.get(key)
        if text is None:
            text = self._clocks[key] = dateformat.time_format(moment, self._clock_format)
        return text

    def _zone(self, moment) -> str:
        offset = _utc_offset(moment)
        text = self._zones.get(offset)
        if text is None:
            text = self._zones[offset] = gettext("venue time, %(offset)s") % {"offset": offset}
        return text

    def __call__(self, meeting) -> dict:
        """When a meeting runs, in the venue's local time, with its offset from UTC (only as
        precisely as the meeting's date was published): what meetings/_venue_time.html
        shows."""
        start, end = meeting.local_start, meeting.local_end
        imprecise = imprecise_when(meeting)
        if imprecise is not None:
            return {"imprecise": imprecise, "day_iso": start.date().isoformat()}
        start_text = f"{self._day(start)}, {self._clock(start)}"
        if start.date() == end.date():
            end_text = self._clock(end)
            separator = "–"
        else:
            end_text = f"{self._day(end)}, {self._clock(end)}"
            separator = " – "
        return {
            "start_iso": start.isoformat(timespec="seconds"),
            "start_text": start_text,
            "separator": separator,
            "end_iso": end.isoformat(timespec="seconds"),
            "end_text": end_text,
            "zone": self._zone(start),
        }


def venue_time_parts(meeting) -> dict:
    """When one meeting runs (see ``VenueTimes``)."""
    return VenueTimes()(meeting)
