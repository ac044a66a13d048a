"""Meetings: public ones only, shown and exported in the venue's local time."""

import datetime as dt
import zoneinfo

import pytest
from django.conf import settings
from icalendar import Calendar

from meetings.calendars import meeting_uid

from .helpers import url

pytestmark = pytest.mark.django_db

ROME = zoneinfo.ZoneInfo("Europe/Rome")


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


@pytest.mark.parametrize("language", ["el", "en"])
def test_list_shows_public_meetings_upcoming_and_past(client, site, language):
    body = client.get(url("meetings:list", language)).content.decode()
    english = language == "en"
    upcoming = site.meeting.title_en if english else site.meeting.title_el
    past = site.past_meeting.title_en if english else site.past_meeting.title_el
    heading_past = "Past meetings" if english else "Προηγούμενες συναντήσεις"
    assert upcoming in body and past in body
    assert body.index(upcoming) < body.index(heading_past) < body.index(past)
    assert site.private_meeting.slug not in body
    assert site.private_meeting.title_en not in body and site.private_meeting.title_el not in body


def test_private_meetings_are_404_everywhere(client, site):
    slug = site.private_meeting.slug
    assert client.get(url("meetings:detail", "en", slug)).status_code == 404
    assert client.get(url("meetings:ics", "el", slug)).status_code == 404
    feed = client.get(url("meetings:feed", "en")).content
    assert site.private_meeting.title_en.encode() not in feed
    assert slug.encode() not in client.get("/sitemap.xml").content


def test_detail_shows_venue_time_not_athens_time(client, site):
    # 09:30 in Rome is 10:30 in Athens, the site's default time zone.
    body = client.get(url("meetings:detail", "el", site.meeting.slug)).content.decode()
    local = site.meeting.start.astimezone(ROME)
    assert local.hour == 9
    assert "09:30" in body and "10:30" not in body
    assert "16:30" in body
    months = ["Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου", "Ιουλίου"]
    months += ["Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου"]
    assert f"{local.day} {months[local.month - 1]} {local.year}" in body
    assert "τοπική ώρα, UTC+" in body
    assert f'datetime="{local.isoformat()}"' in body
    assert site.meeting.agenda_el in body
    english = client.get(url("meetings:detail", "en", site.meeting.slug)).content.decode()
    assert f"{local.day} {local.strftime('%B')} {local.year}, 09:30" in english


def test_ics_download_parses_and_carries_the_venue_times(client, site):
    response = client.get(url("meetings:ics", "en", site.meeting.slug))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert f"{site.meeting.slug}.ics" in response["Content-Disposition"]
    (event,) = events(response.content)
    start = event.decoded("dtstart")
    assert start == site.meeting.start
    assert (start.hour, start.minute) == (9, 30)
    assert str(start.tzinfo) == "Europe/Rome"
    assert event.decoded("dtend") - start == dt.timedelta(hours=7)
    assert str(event["summary"]) == site.meeting.title_en
    assert str(event["uid"]) == meeting_uid(site.meeting)
    assert str(event["url"]) == settings.SITE_URL + url("meetings:detail", "en", site.meeting.slug)
    assert b"BEGIN:VTIMEZONE" in response.content
    greek = events(client.get(url("meetings:ics", "el", site.meeting.slug)).content)[0]
    assert str(greek["summary"]) == site.meeting.title_el


def test_public_calendar_feed_lists_every_public_meeting(client, site):
    response = client.get(url("meetings:feed", "en"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" not in response["Content-Disposition"]
    feed = events(response.content)
    assert {str(event["summary"]) for event in feed} == {
        site.meeting.title_en,
        site.past_meeting.title_en,
    }


def test_cancelled_meeting_is_marked_on_the_page_and_in_the_calendar(client, site):
    site.meeting.status = site.meeting.Status.CANCELLED
    site.meeting.save()
    body = client.get(url("meetings:detail", "en", site.meeting.slug)).content.decode()
    assert "This meeting has been cancelled." in body
    (event,) = events(client.get(url("meetings:ics", "en", site.meeting.slug)).content)
    assert event["status"] == "CANCELLED"
