"""A meeting is shown, and put in calendars, no more precisely than its source says."""

import datetime as dt
import zoneinfo

import pytest

from meetings.models import Meeting
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")


@pytest.fixture
def month_meeting(network):
    return MeetingFactory(
        network=network,
        slug="manresa",
        title_en="Transnational meeting in Manresa",
        timezone="Europe/Madrid",
        start=dt.datetime(2025, 11, 1, tzinfo=MADRID),
        end=dt.datetime(2025, 11, 30, 23, 59, tzinfo=MADRID),
        date_precision=Meeting.Precision.MONTH,
    )


@pytest.fixture
def day_meeting(network):
    return MeetingFactory(
        network=network,
        slug="barcelona",
        title_en="Session in Barcelona",
        timezone="Europe/Madrid",
        start=dt.datetime(2025, 11, 5, tzinfo=MADRID),
        end=dt.datetime(2025, 11, 5, 23, 59, tzinfo=MADRID),
        date_precision=Meeting.Precision.DAY,
    )


def test_a_meeting_known_to_the_month_shows_only_the_month(client, month_meeting):
    for language, month in (("en", "November 2025"), ("el", "Νοέμβριος 2025")):
        page = client.get(f"/{language}/meetings/manresa/").content.decode()
        assert month in page
        assert "00:00" not in page and "23:59" not in page
        assert "calendar.ics" not in page.split("<main", 1)[1].split("</main>")[0]
        listing = client.get(f"/{language}/meetings/").content.decode()
        assert month in listing and "00:00" not in listing


def test_a_meeting_known_to_the_month_is_in_no_calendar_file(client, month_meeting):
    assert client.get("/en/meetings/manresa/calendar.ics").status_code == 404
    feed = client.get("/en/meetings/calendar.ics").content.decode()
    assert "Manresa" not in feed


def test_a_meeting_known_to_the_day_is_an_all_day_event_without_times(client, day_meeting):
    page = client.get("/en/meetings/barcelona/").content.decode()
    assert "5 November 2025" in page and "00:00" not in page
    ics = client.get("/en/meetings/barcelona/calendar.ics").content.decode()
    assert "DTSTART;VALUE=DATE:20251105" in ics
    assert "DTEND;VALUE=DATE:20251106" in ics
    assert "T000000" not in ics.split("BEGIN:VEVENT")[1]


def test_an_undated_meeting_says_its_date_was_not_published(client, network):
    MeetingFactory(
        network=network,
        slug="liepaja",
        start=dt.datetime(2024, 10, 3, tzinfo=MADRID),
        end=dt.datetime(2025, 10, 31, tzinfo=MADRID),
        date_precision=Meeting.Precision.UNDATED,
    )
    page = client.get("/en/meetings/liepaja/").content.decode()
    assert "Date not published (between October 2024 and October 2025)" in page


def test_the_seeded_meetings_are_the_reported_ones(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    reported = Meeting.objects.filter(is_demo=False)
    assert {m.slug: m.date_precision for m in reported} == {
        "kick-off-paris-2024": "day",
        "transnational-piraeus": "undated",
        "transnational-liepaja": "undated",
        "transnational-manresa-2025": "month",
        "smart-city-expo-barcelona-2025": "day",
        "transnational-naples-2026": "month",
    }
    assert all(m.source_title and m.source_read_on for m in reported)
    assert Meeting.objects.filter(is_demo=True).count() == 3


def test_lead_staff_record_a_meeting_known_only_to_the_month(client, lead_staff, network):
    from tests.meetings.test_workspace import form_data

    client.force_login(lead_staff)
    response = client.post(
        "/en/workspace/meetings/new/",
        form_data(start="2026-01-01T00:00", end="2026-01-31T23:00", date_precision="month"),
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.date_precision == Meeting.Precision.MONTH
    page = client.get(f"/en/workspace/meetings/{meeting.pk}/").content.decode()
    assert "January 2026" in page and "00:00" not in page
    assert f"/workspace/meetings/{meeting.pk}/calendar.ics" not in page
    assert client.get(f"/en/workspace/meetings/{meeting.pk}/calendar.ics").status_code == 404
