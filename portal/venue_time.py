"""When a meeting runs, as its pages show it: in the venue's local time."""

from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from meetings.formatting import imprecise_when


def _utc_offset(moment) -> str:
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def venue_time_parts(meeting) -> dict:
    """When a meeting runs, in the venue's local time, with its offset from UTC (only as
    precisely as the meeting's date was published): what portal/_venue_time.html shows."""
    start, end = meeting.local_start, meeting.local_end
    imprecise = imprecise_when(meeting)
    if imprecise is not None:
        return {"imprecise": imprecise, "day_iso": start.date().isoformat()}
    day, clock = get_format("DATE_FORMAT"), get_format("TIME_FORMAT")
    start_text = f"{dateformat.format(start, day)}, {dateformat.time_format(start, clock)}"
    if start.date() == end.date():
        end_text = dateformat.time_format(end, clock)
        separator = "–"
    else:
        end_text = f"{dateformat.format(end, day)}, {dateformat.time_format(end, clock)}"
        separator = " – "
    return {
        "start_iso": start.isoformat(timespec="seconds"),
        "start_text": start_text,
        "separator": separator,
        "end_iso": end.isoformat(timespec="seconds"),
        "end_text": end_text,
        "zone": _("venue time, %(offset)s") % {"offset": _utc_offset(start)},
    }
