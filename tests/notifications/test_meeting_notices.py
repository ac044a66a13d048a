"""Invitations, and notices when a meeting's time or place changes or it is cancelled."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from icalendar import Calendar

from cities.models import Membership
from meetings import services
from meetings.calendars import meeting_uid
from meetings.models import Participation
from notifications.models import Kind, OutboundEmail
from tests.factories import MeetingFactory, MembershipFactory, UserFactory

from .conftest import NOW, SITE

pytestmark = pytest.mark.django_db

ROME = zoneinfo.ZoneInfo("Europe/Rome")
DAY = dt.timedelta(days=1)


def organiser():
    """Who organises the meetings here: a superuser, who counts as lead staff."""
    return UserFactory(email="organiser@example.org", is_superuser=True)


@pytest.fixture
def meeting(clock, network):
    start = dt.datetime(2026, 6, 10, 9, 30, tzinfo=ROME)
    return MeetingFactory(
        network=network,
        start=start,
        end=start + dt.timedelta(hours=6),
        timezone="Europe/Rome",
        title_en="Safety audit workshop",
        title_el="Εργαστήριο ελέγχου ασφάλειας",
        venue_en="Town hall, room 2",
        venue_el="Δημαρχείο, αίθουσα 2",
    )


@pytest.fixture
def city_team(city):
    """The city's coordinator (Greek), its ULG coordinator and a lead expert who is not invited."""
    coordinator = UserFactory(email="coord@example.org", preferred_language="el")
    ulg = UserFactory(email="ulg@example.org", preferred_language="en")
    expert = UserFactory(email="expert@example.org")
    MembershipFactory(user=coordinator, city=city, role=Membership.Role.CITY_COORDINATOR)
    MembershipFactory(user=ulg, city=city, role=Membership.Role.ULG_COORDINATOR)
    MembershipFactory(user=expert, city=city, role=Membership.Role.LEAD_EXPERT)
    return {"coordinator": coordinator, "ulg": ulg, "expert": expert}


def attachment_events(message):
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype) == ("meeting.ics", "text/calendar")
    calendar = Calendar.from_ical(content)
    return calendar, list(calendar.walk("VEVENT"))


def rsvp_links(body: str) -> list[str]:
    return re.findall(rf"{SITE}(/\w\w/workspace/meetings/answer/[^/\s]+/)", body)


def test_inviting_a_city_invites_its_coordinators_each_in_their_language(
    clock, meeting, city, city_team, on_commit
):
    # A person invited by name works for the network (an invitation is for one network).
    guest = UserFactory(email="guest@example.org", preferred_language="en")
    MembershipFactory(user=guest, city=city, role=Membership.Role.LEAD_EXPERT)
    created = on_commit(
        services.invite, meeting=meeting, user=organiser(), users=[guest], cities=[city]
    )
    invited = {p.user.email for p in created}
    assert invited == {"coord@example.org", "ulg@example.org", "guest@example.org"}

    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == invited
    greek = sent["coord@example.org"]
    assert "Πρόσκληση: Εργαστήριο ελέγχου ασφάλειας" in greek.subject
    assert "Τετάρτη 10 Ιουνίου 2026, 09:30–15:30 (Europe/Rome)" in greek.body
    english = sent["ulg@example.org"]
    assert "Invitation: Safety audit workshop" in english.subject
    assert "Town hall, room 2" in english.body
    assert "List-Unsubscribe" not in english.extra_headers  # not a digest: always sent

    _calendar, (event,) = attachment_events(english)
    assert str(event["uid"]) == meeting_uid(meeting)
    assert event.decoded("dtstart") == dt.datetime(2026, 6, 10, 9, 30, tzinfo=ROME)
    assert event["dtstart"].params["TZID"] == "Europe/Rome"
    assert event.decoded("sequence") == 0
    assert str(event["url"]) == f"{SITE}/en/workspace/meetings/{meeting.pk}/"


def test_inviting_the_same_people_again_sends_nothing(clock, meeting, city, city_team, on_commit):
    on_commit(services.invite, meeting=meeting, user=organiser(), cities=[city])
    assert on_commit(services.invite, meeting=meeting, user=organiser(), cities=[city]) == []
    assert len(mail.outbox) == 2
    assert OutboundEmail.objects.filter(kind=Kind.MEETING_INVITATION).count() == 2


def test_the_signed_answer_links_work_without_signing_in(
    clock, meeting, city, city_team, on_commit, client
):
    on_commit(services.invite, meeting=meeting, user=organiser(), cities=[city])
    english = next(m for m in mail.outbox if m.to == ["ulg@example.org"])
    attend, decline = rsvp_links(english.body)

    page = client.get(decline)
    assert page.status_code == 200
    assert "Confirm: I cannot attend" in page.content.decode()
    participation = Participation.objects.get(user=city_team["ulg"])
    assert participation.rsvp == Participation.RSVP.INVITED  # opening the link changes nothing

    assert client.post(decline).status_code == 200
    participation.refresh_from_db()
    assert participation.rsvp == Participation.RSVP.DECLINED
    assert participation.responded_at == NOW

    client.post(attend)
    participation.refresh_from_db()
    assert participation.rsvp == Participation.RSVP.ATTENDING


def test_a_tampered_answer_link_is_refused(clock, meeting, city, city_team, on_commit, client):
    on_commit(services.invite, meeting=meeting, user=organiser(), cities=[city])
    attend, _decline = rsvp_links(mail.outbox[0].body)
    assert client.post(attend.replace("/answer/", "/answer/x")).status_code == 404
    assert client.post(attend[:-6] + "AAAAA/").status_code == 404
    assert not Participation.objects.exclude(rsvp=Participation.RSVP.INVITED).exists()


def test_changing_the_time_raises_the_sequence_and_tells_every_invitee(
    clock, meeting, city, city_team, on_commit
):
    on_commit(services.invite, meeting=meeting, user=organiser(), cities=[city])
    services.respond(
        participation=Participation.objects.get(user=city_team["ulg"]), answer="declined"
    )
    mail.outbox.clear()
    new_start = dt.datetime(2026, 6, 11, 10, 0, tzinfo=ROME)
    on_commit(
        services.update_meeting,
        meeting=meeting,
        user=organiser(),
        data={"start": new_start, "end": new_start + dt.timedelta(hours=4)},
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    # The person who declined hears of it too: the new date may suit them.
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {"coord@example.org", "ulg@example.org"}
    english = sent["ulg@example.org"]
    assert "Changed: Safety audit workshop" in english.subject
    assert "What changed: time." in english.body
    assert "Thursday 11 June 2026, 10:00–14:00 (Europe/Rome)" in english.body
    _calendar, (event,) = attachment_events(english)
    assert event.decoded("sequence") == 1
    assert event.decoded("dtstart") == new_start
    assert "Αλλαγή: Εργαστήριο ελέγχου ασφάλειας" in sent["coord@example.org"].subject


def test_changing_the_place_is_told_and_a_second_change_is_told_again(
    clock, meeting, city, city_team, on_commit
):
    on_commit(services.invite, meeting=meeting, user=organiser(), cities=[city])
    mail.outbox.clear()
    on_commit(
        services.update_meeting, meeting=meeting, user=organiser(), data={"venue_en": "Library"}
    )
    on_commit(
        services.update_meeting, meeting=meeting, user=organiser(), data={"venue_en": "Museum"}
    )
    assert len(mail.outbox) == 4
    assert "What changed: place." in mail.outbox[-1].body
    meeting.refresh_from_db()
    assert meeting.sequence == 2


def test_a_new_title_raises_the_sequence_without_an_email(
    clock, meeting, city, city_team, on_commit
):
    on_commit(services.invite, meeting=meeting, user=organiser(), cities=[city])
    mail.outbox.clear()
    on_commit(
        services.update_meeting,
        meeting=meeting,
        user=organiser(),
        data={"title_en": "Safety audit day"},
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert mail.outbox == []
    on_commit(
        services.update_meeting,
        meeting=meeting,
        user=organiser(),
        data={"title_en": "Safety audit day"},
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 1  # nothing changed, nothing raised


def test_cancelling_tells_those_who_did_not_decline_and_cancels_the_calendar_event(
    clock, meeting, city, city_team, on_commit
):
    on_commit(services.invite, meeting=meeting, user=organiser(), cities=[city])
    services.respond(
        participation=Participation.objects.get(user=city_team["ulg"]), answer="declined"
    )
    mail.outbox.clear()
    on_commit(services.cancel_meeting, meeting=meeting, user=organiser())
    (message,) = mail.outbox
    assert message.to == ["coord@example.org"]
    assert "Ακυρώνεται: Εργαστήριο ελέγχου ασφάλειας" in message.subject
    calendar, (event,) = attachment_events(message)
    assert str(calendar["method"]) == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert event.decoded("sequence") == 1

    with pytest.raises(ValidationError):
        services.cancel_meeting(meeting=meeting, user=organiser())
    with pytest.raises(ValidationError):
        services.invite(meeting=meeting, user=organiser(), users=[UserFactory()])
    with pytest.raises(ValidationError):
        services.respond(
            participation=Participation.objects.get(user=city_team["coordinator"]),
            answer="attending",
        )


def test_a_meeting_that_is_over_can_be_neither_cancelled_nor_answered(
    clock, meeting, city, city_team, on_commit
):
    on_commit(services.invite, meeting=meeting, user=organiser(), cities=[city])
    clock.move_to(meeting.end + DAY)
    with pytest.raises(ValidationError):
        services.cancel_meeting(meeting=meeting, user=organiser())
    with pytest.raises(ValidationError):
        services.respond(
            participation=Participation.objects.get(user=city_team["ulg"]), answer="declined"
        )
