import datetime as dt
import zoneinfo

import pytest
from icalendar import Calendar

from meetings.calendars import AllDayEntry, build_calendar, meeting_uid
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

ROME = zoneinfo.ZoneInfo("Europe/Rome")


def parse(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_meeting_is_written_in_venue_time_across_daylight_saving_change():
    # 30 March 2026 is the first Monday of summer time in Rome (UTC+2).
    start = dt.datetime(2026, 3, 30, 9, 30, tzinfo=ROME)
    meeting = MeetingFactory(start=start, end=start + dt.timedelta(hours=3), timezone="Europe/Rome")
    winter = MeetingFactory(
        start=dt.datetime(2026, 3, 27, 9, 30, tzinfo=ROME),
        end=dt.datetime(2026, 3, 27, 12, 30, tzinfo=ROME),
        timezone="Europe/Rome",
    )
    data = build_calendar([meeting, winter], name="Test")
    summer_event, winter_event = parse(data)
    assert summer_event.decoded("dtstart") == start
    assert summer_event.decoded("dtstart").utcoffset() == dt.timedelta(hours=2)
    assert winter_event.decoded("dtstart").utcoffset() == dt.timedelta(hours=1)
    assert b"TZID=Europe/Rome" in data
    assert b"BEGIN:VTIMEZONE" in data


def test_uid_is_stable_and_cancellation_is_marked():
    meeting = MeetingFactory()
    first = parse(build_calendar([meeting], name="Test"))[0]
    meeting.status = meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.save()
    second = parse(build_calendar([meeting], name="Test"))[0]
    assert str(first["uid"]) == str(second["uid"]) == meeting_uid(meeting)
    assert second["status"] == "CANCELLED"
    assert second.decoded("sequence") == first.decoded("sequence") + 1


def test_all_day_entries_are_dates():
    entry = AllDayEntry(uid="step-1", day=dt.date(2026, 5, 4), summary="Due: pilot")
    event = parse(build_calendar([], name="Mine", entries=[entry]))[0]
    assert event.decoded("dtstart") == dt.date(2026, 5, 4)
    assert str(event["summary"]) == "Due: pilot"
