"""Meetings in the workspace: organisers plan and invite, invitees answer, minutes stay private."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from cities.models import Membership
from meetings.models import Meeting, Participation
from tests.factories import (
    CityFactory,
    MeetingFactory,
    MembershipFactory,
    ParticipationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROME = zoneinfo.ZoneInfo("Europe/Rome")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"workspace_meetings:{name}", args=args)


@pytest.fixture
def meeting(network, coordinator):
    meeting = MeetingFactory(network=network, title_en="Peer review", title_el="Αξιολόγηση")
    ParticipationFactory(meeting=meeting, user=coordinator)
    return meeting


@pytest.fixture
def outsider(network):
    """A coordinator of another city, not invited."""
    user = UserFactory(email="outsider@example.org")
    MembershipFactory(user=user, city=CityFactory(network=network))
    return user


def form_data(**overrides) -> dict:
    data = {
        "kind": Meeting.Kind.TRANSNATIONAL,
        "title_el": "Διακρατική συνάντηση στη Νάπολη",
        "title_en": "Transnational meeting in Naples",
        "agenda_el": "",
        "agenda_en": "Study visit and peer review.",
        "start": "2026-03-30T09:30",
        "end": "2026-03-30T17:00",
        "timezone": "Europe/Rome",
        "host_city": "",
        "venue_el": "",
        "venue_en": "Palazzo San Giacomo",
        "online_url": "",
        "is_public": "on",
    }
    data.update(overrides)
    return data


# --- Organising -------------------------------------------------------------------------------


def test_lead_staff_create_a_meeting_entered_in_venue_time(client, lead_staff, network):
    client.force_login(lead_staff)
    assert client.get(url("create")).status_code == 200
    response = client.post(url("create"), form_data())
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", meeting.pk)
    # 09:30 in Rome on the first Monday of summer time is 07:30 UTC.
    assert meeting.start == dt.datetime(2026, 3, 30, 7, 30, tzinfo=dt.UTC)
    assert meeting.local_start == dt.datetime(2026, 3, 30, 9, 30, tzinfo=ROME)
    assert meeting.network == network
    assert meeting.created_by == lead_staff
    assert meeting.slug == "transnational-meeting-in-naples-2026-03-30"
    assert meeting.sequence == 0


def test_the_edit_form_shows_the_venue_times(client, lead_staff, network):
    meeting = MeetingFactory(
        network=network,
        start=dt.datetime(2026, 3, 30, 9, 30, tzinfo=ROME),
        end=dt.datetime(2026, 3, 30, 12, 0, tzinfo=ROME),
        timezone="Europe/Rome",
    )
    client.force_login(lead_staff)
    page = client.get(url("edit", meeting.pk)).content.decode()
    assert 'value="2026-03-30T09:30"' in page
    assert 'value="2026-03-30T12:00"' in page


@pytest.mark.parametrize(
    ("overrides", "field", "greek"),
    [
        ({"end": "2026-03-30T08:00"}, "end", "Η συνάντηση πρέπει να λήγει μετά την έναρξή της."),
        # Clocks in Rome jump from 02:00 to 03:00 on 29 March 2026.
        ({"start": "2026-03-29T02:30"}, "start", "αλλαγής θερινής ώρας"),
        ({"title_el": "", "title_en": ""}, "title_el", "τουλάχιστον μία γλώσσα"),
        ({"venue_en": ""}, "venue_el", "Δώστε χώρο ή σύνδεσμο"),
        ({"start": "not a date"}, "start", "Εισάγετε"),
        ({"timezone": "Mars/Olympus"}, "timezone", "έγκυρη επιλογή"),
    ],
)
def test_bad_input_is_shown_again_with_a_greek_error_and_nothing_saved(
    client, lead_staff, network, overrides, field, greek
):
    client.force_login(lead_staff)
    response = client.post(url("create", language="el"), form_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert greek in response.content.decode()
    assert not Meeting.objects.exists()


def test_coordinators_cannot_create_edit_or_cancel_transnational_meetings(
    client, coordinator, meeting
):
    client.force_login(coordinator)
    # They may plan their own city's URBACT Local Group meetings (tests/ulg), nothing else.
    response = client.post(url("create"), form_data())
    assert response.status_code == 200
    assert Meeting.objects.count() == 1
    assert client.get(url("edit", meeting.pk)).status_code == 403
    assert client.post(url("cancel", meeting.pk)).status_code == 403
    assert client.post(url("invite", meeting.pk), {"cities": []}).status_code == 403
    meeting.refresh_from_db()
    assert not meeting.is_cancelled


def test_editing_the_time_tells_the_invitees(
    client, lead_staff, meeting, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(lead_staff)
    start = timezone.localtime(meeting.start) + dt.timedelta(days=1)
    data = form_data(
        start=start.strftime("%Y-%m-%dT%H:%M"),
        end=(start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        timezone="Europe/Athens",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("edit", meeting.pk), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Changed: Transnational meeting in Naples" in mail.outbox[0].subject


def test_cancelling_asks_first_then_tells_the_invitees(
    client, lead_staff, meeting, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(lead_staff)
    assert "Cancel" in client.get(url("cancel", meeting.pk)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("cancel", meeting.pk))
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    assert "Cancelled: Peer review" in mail.outbox[0].subject
    again = client.post(url("cancel", meeting.pk))
    assert again.status_code == 200
    assert "already cancelled" in again.content.decode()


# --- Invitations and answers ------------------------------------------------------------------


def test_organisers_invite_whole_cities_and_see_the_participant_list(
    client, lead_staff, network, city, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(network=network)
    ulg = UserFactory(email="ulg@example.org", full_name="Giulia Rossi")
    MembershipFactory(user=ulg, city=city, role=Membership.Role.ULG_COORDINATOR)
    coordinator = UserFactory(email="coord@example.org", full_name="Marco Bianchi")
    MembershipFactory(user=coordinator, city=city, role=Membership.Role.CITY_COORDINATOR)
    client.force_login(lead_staff)
    page = client.get(url("detail", meeting.pk)).content.decode()
    assert f'name="cities" value="{city.pk}"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("invite", meeting.pk), {"cities": [city.pk]})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["coord@example.org", "ulg@example.org"]

    Participation.objects.filter(user=ulg).update(rsvp="attending")
    page = client.get(url("detail", meeting.pk)).content.decode()
    assert "Giulia Rossi" in page and "Marco Bianchi" in page
    assert "1 attending · 0 declined · 1 not answered" in page


def test_inviting_nobody_is_a_form_error(client, lead_staff, meeting):
    client.force_login(lead_staff)
    response = client.post(url("invite", meeting.pk), {})
    assert response.status_code == 400
    assert "Choose at least one person or city to invite." in response.content.decode()


def test_an_invitee_sees_their_meeting_and_answers_it_but_not_the_list(
    client, coordinator, meeting, outsider
):
    hidden = MeetingFactory(network=meeting.network, title_en="Staff only")
    client.force_login(coordinator)
    listing = client.get(url("list")).content.decode()
    assert "Peer review" in listing and "Staff only" not in listing
    page = client.get(url("detail", meeting.pk)).content.decode()
    assert "Participants" not in page
    assert client.get(url("detail", hidden.pk)).status_code == 404

    response = client.post(url("respond", meeting.pk), {"answer": "declined"})
    assert response.status_code == 302
    answer = Participation.objects.get(meeting=meeting, user=coordinator)
    assert answer.rsvp == Participation.RSVP.DECLINED

    bad = client.post(url("respond", meeting.pk), {"answer": "maybe"})
    assert bad.status_code == 400
    answer.refresh_from_db()
    assert answer.rsvp == Participation.RSVP.DECLINED

    client.force_login(outsider)
    assert client.get(url("detail", meeting.pk)).status_code == 404
    assert client.post(url("respond", meeting.pk), {"answer": "attending"}).status_code == 404


def test_pages_need_a_sign_in(client, meeting):
    for path in (url("list"), url("detail", meeting.pk), url("calendar", meeting.pk)):
        response = client.get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_list_and_detail_use_a_bounded_number_of_queries(
    client, lead_staff, network, city, django_assert_max_num_queries
):
    meetings = [MeetingFactory(network=network) for _ in range(3)]
    for _n in range(12):
        user = UserFactory()
        MembershipFactory(user=user, city=city)
        for meeting in meetings:
            ParticipationFactory(meeting=meeting, user=user)
    client.force_login(lead_staff)
    with django_assert_max_num_queries(12):
        assert client.get(url("list")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(url("detail", meetings[0].pk)).status_code == 200


def test_the_meetings_ics_parses_for_invitees_only(client, coordinator, meeting, outsider):
    client.force_login(coordinator)
    response = client.get(url("calendar", meeting.pk))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == meeting.start.replace(microsecond=0)
    client.force_login(outsider)
    assert client.get(url("calendar", meeting.pk)).status_code == 404


# --- Minutes ----------------------------------------------------------------------------------


def test_minutes_are_refused_before_the_meeting_is_over(client, lead_staff, meeting):
    client.force_login(lead_staff)
    response = client.post(
        url("minutes", meeting.pk),
        {"file": SimpleUploadedFile("minutes.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 200
    assert "once the meeting is over" in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.minutes


@pytest.fixture
def past_meeting(network, coordinator):
    start = timezone.now() - dt.timedelta(days=3)
    meeting = MeetingFactory(network=network, start=start, end=start + dt.timedelta(hours=5))
    ParticipationFactory(meeting=meeting, user=coordinator)
    return meeting


def test_minutes_uploaded_after_the_meeting_are_served_only_to_those_concerned(
    client, lead_staff, coordinator, outsider, past_meeting, settings
):
    client.force_login(lead_staff)
    response = client.post(
        url("minutes", past_meeting.pk),
        {
            "file": SimpleUploadedFile("Minutes Naples.pdf", PDF, "application/pdf"),
            "summary_en": "Three cities agreed to share their volunteer training.",
        },
    )
    assert response.status_code == 302
    past_meeting.refresh_from_db()
    stored = settings.PRIVATE_MEDIA_ROOT / past_meeting.minutes.name
    assert stored.read_bytes() == PDF
    assert "Naples" not in past_meeting.minutes.name  # random name, no uploader file name

    client.force_login(coordinator)
    page = client.get(url("detail", past_meeting.pk)).content.decode()
    assert "Three cities agreed" in page
    download = client.get(url("minutes_download", past_meeting.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"

    client.force_login(outsider)
    assert client.get(url("minutes_download", past_meeting.pk)).status_code == 404
    client.logout()
    assert client.get(url("minutes_download", past_meeting.pk)).status_code == 302


def test_a_file_that_is_not_really_a_pdf_is_refused(client, lead_staff, past_meeting):
    client.force_login(lead_staff)
    response = client.post(
        url("minutes", past_meeting.pk),
        {"file": SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")},
    )
    assert response.status_code == 200
    assert "This type of file is not accepted" in response.content.decode()
    past_meeting.refresh_from_db()
    assert not past_meeting.minutes


# --- The admin follows the same rules ---------------------------------------------------------


def test_moving_a_meeting_in_the_admin_raises_the_sequence_and_tells_the_invitees(
    client, lead_staff, meeting, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(lead_staff)
    start = timezone.localtime(meeting.start) + dt.timedelta(days=2)
    end = start + dt.timedelta(hours=3)
    data = {
        "network": meeting.network_id,
        "kind": meeting.kind,
        "title_el": meeting.title_el,
        "title_en": meeting.title_en,
        "slug": meeting.slug,
        "start_0": start.strftime("%Y-%m-%d"),
        "start_1": start.strftime("%H:%M:%S"),
        "end_0": end.strftime("%Y-%m-%d"),
        "end_1": end.strftime("%H:%M:%S"),
        "timezone": meeting.timezone,
        "venue_el": meeting.venue_el,
        "venue_en": meeting.venue_en,
        "is_public": "on",
        "status": "scheduled",
        "date_precision": "time",
        "agenda_items-TOTAL_FORMS": "0",
        "agenda_items-INITIAL_FORMS": "0",
        "participations-TOTAL_FORMS": "2",
        "participations-INITIAL_FORMS": "1",
        "participations-0-id": Participation.objects.get(meeting=meeting).pk,
        "participations-0-meeting": meeting.pk,
        "participations-0-user": coordinator.pk,
        "participations-0-rsvp": "invited",
        "participations-1-meeting": meeting.pk,
        # Somebody of the network: the admin offers nobody from another network (or none).
        "participations-1-user": MembershipFactory(
            user=UserFactory(email="added@example.org"), city=CityFactory(network=meeting.network)
        ).user_id,
        "participations-1-rsvp": "invited",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    sent = sorted((m.to[0], m.subject.split(":")[0]) for m in mail.outbox)
    # The invitee hears of the change; the person added in the admin gets an invitation.
    # Each subject starts with the meeting's network's name.
    assert sent == [
        ("added@example.org", f"[{meeting.network.name}] Invitation"),
        (coordinator.email, f"[{meeting.network.name}] Changed"),
    ]
