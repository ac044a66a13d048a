"""Organisers: who may manage registrations, check-in at the door, counts and exports."""

import csv
import io
from urllib.parse import urlsplit

import pytest
import time_machine
from openpyxl import load_workbook

from cities.models import Membership
from meetings.models import Meeting
from meetings.selectors import meetings_manageable_by
from registrations import services
from registrations.emails import manage_url
from registrations.models import Registration, RegistrationSettings
from registrations.selectors import registration_counts
from tests.factories import CityFactory, MeetingFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


def confirmed(meeting, *names) -> list[Registration]:
    people = []
    for name in names:
        registration = services.register(
            meeting=meeting,
            name=name,
            email=f"{name.lower().replace(' ', '.')}@example.org",
            organisation="Shop owners' association",
            answers={},
            language="en",
        )
        people.append(services.confirm(registration_id=registration.pk)[0])
    return people


def door(meeting) -> str:
    return f"/en/workspace/registrations/{meeting.pk}/door/"


def test_who_may_manage_which_meeting(open_meeting, lead_staff, coordinator, network):
    other_city = CityFactory(network=network)
    other = UserFactory(email="other@example.org")
    MembershipFactory(user=other, city=other_city, role=Membership.Role.CITY_COORDINATOR)
    expert = UserFactory(email="expert@example.org")
    MembershipFactory(user=expert, city=other_city, role=Membership.Role.LEAD_EXPERT)
    transnational = MeetingFactory(
        network=network, kind=Meeting.Kind.TRANSNATIONAL, host_city=open_meeting.host_city
    )

    assert set(meetings_manageable_by(lead_staff)) == {open_meeting, transnational}
    assert list(meetings_manageable_by(coordinator)) == [open_meeting]
    assert list(meetings_manageable_by(other)) == []
    assert list(meetings_manageable_by(expert)) == []


@pytest.mark.parametrize("suffix", ["door/", "settings/", "export.csv", "export.xlsx"])
def test_another_citys_coordinator_gets_404_and_changes_nothing(
    client, open_meeting, network, suffix
):
    other = UserFactory(email="other@example.org")
    MembershipFactory(user=other, city=CityFactory(network=network), role="city_coordinator")
    [maria] = confirmed(open_meeting, "Maria")
    client.force_login(other)
    base = f"/en/workspace/registrations/{open_meeting.pk}/"
    assert client.get(base + suffix).status_code == 404
    assert client.post(f"{base}door/{maria.pk}/check-in/").status_code == 404
    assert client.post(f"{base}door/check-in/", {"code": maria.check_in_code}).status_code == 404
    maria.refresh_from_db()
    assert maria.checked_in_at is None


def test_a_coordinator_checks_in_at_their_citys_local_meeting_by_code_and_by_name(
    client, open_meeting, coordinator
):
    maria, nikos = confirmed(open_meeting, "Maria", "Nikos")
    client.force_login(coordinator)

    page = client.get(door(open_meeting))
    assert page.status_code == 200
    assert "Maria" in page.content.decode() and "Nikos" in page.content.decode()

    response = client.post(
        f"{door(open_meeting)}check-in/", {"code": maria.check_in_code.lower()}, follow=True
    )
    assert "Maria is checked in." in response.content.decode()
    response = client.post(f"{door(open_meeting)}{nikos.pk}/check-in/", follow=True)
    assert "Nikos is checked in." in response.content.decode()
    again = client.post(f"{door(open_meeting)}{nikos.pk}/check-in/", follow=True)
    assert "Nikos was already checked in" in again.content.decode()

    assert registration_counts(open_meeting) == {"registered": 2, "waiting": 0, "checked_in": 2}
    found = client.get(door(open_meeting), {"q": "nik"})
    assert "Nikos" in found.content.decode() and "Maria" not in found.content.decode()


def test_a_code_of_another_meeting_is_refused(client, open_meeting, lead_staff, network):
    other_meeting = MeetingFactory(network=network)
    RegistrationSettings.objects.create(meeting=other_meeting, is_open=True)
    [stranger] = confirmed(other_meeting, "Stranger")
    client.force_login(lead_staff)
    response = client.post(f"{door(open_meeting)}check-in/", {"code": stranger.check_in_code})
    assert response.status_code == 404
    assert "No registration of this meeting has this code." in response.content.decode()
    response = client.post(f"{door(open_meeting)}{stranger.pk}/check-in/")
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.checked_in_at is None


def test_a_scanned_qr_code_shows_the_person_without_checking_them_in(
    client, open_meeting, lead_staff
):
    [maria] = confirmed(open_meeting, "Maria")
    client.force_login(lead_staff)
    page = client.get(door(open_meeting), {"code": maria.check_in_code})
    assert page.status_code == 200
    assert "Check in" in page.content.decode()
    maria.refresh_from_db()
    assert maria.checked_in_at is None


def test_people_waiting_cannot_be_checked_in(client, open_meeting, lead_staff):
    _maria, _nikos, eleni = confirmed(open_meeting, "Maria", "Nikos", "Eleni")
    assert eleni.status == Status.WAITING
    client.force_login(lead_staff)
    response = client.post(f"{door(open_meeting)}{eleni.pk}/check-in/", follow=True)
    assert "on the waiting list" in response.content.decode()
    eleni.refresh_from_db()
    assert eleni.checked_in_at is None
    counts = registration_counts(open_meeting)
    assert counts == {"registered": 2, "waiting": 1, "checked_in": 0}
    page = client.get(door(open_meeting)).content.decode()
    assert "<strong>2</strong> registered / 2" in page
    assert "<strong>1</strong> waiting" in page


def test_exports_list_registrations_with_answers_and_no_formulas(client, open_meeting, lead_staff):
    question = open_meeting.registration_settings.questions.get()
    registration = services.register(
        meeting=open_meeting,
        name="=HYPERLINK(1)",
        email="formula@example.org",
        answers={str(question.pk): "By bus"},
        language="en",
    )
    services.confirm(registration_id=registration.pk)
    client.force_login(lead_staff)

    response = client.get(f"/en/workspace/registrations/{open_meeting.pk}/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Name", "Email", "Organisation", "Status"]
    assert rows[0][-1] == "How will you come?"
    assert rows[1][0] == "'=HYPERLINK(1)"
    assert rows[1][-1] == "By bus"

    assert rows[1][5]  # confirmed at: a moment, "YYYY-MM-DD HH:MM"
    assert response["Content-Disposition"] == (
        f'attachment; filename="registrations-{open_meeting.slug}.csv"'
    )

    response = client.get(f"/en/workspace/registrations/{open_meeting.pk}/export.xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == "formula@example.org"
    name = sheet["A2"]
    assert (name.data_type, name.value) == ("s", "'=HYPERLINK(1)")
    assert sheet["F2"].is_date  # the email was confirmed at a moment, kept as one
    assert sheet.column_dimensions["B"].width >= len("formula@example.org")
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b


def test_the_organisers_list_and_door_page_have_bounded_queries(
    client, open_meeting, lead_staff, network, django_assert_max_num_queries
):
    confirmed(open_meeting, "Maria", "Nikos", "Eleni")
    for _ in range(5):
        MeetingFactory(network=network)
    client.force_login(lead_staff)
    with django_assert_max_num_queries(12):
        assert client.get("/en/workspace/registrations/").status_code == 200
    # The door and the form ask one more: whether the meeting's network is closed (a closed
    # network takes no registration).
    with django_assert_max_num_queries(13):
        assert client.get(door(open_meeting)).status_code == 200
    with django_assert_max_num_queries(13):
        assert client.get(f"/en/meetings/{open_meeting.slug}/register/").status_code == 200
    personal = urlsplit(manage_url(Registration.objects.first())).path
    client.logout()
    with django_assert_max_num_queries(8):
        assert client.get(personal).status_code == 200


def test_lead_staff_save_settings_with_a_translated_question(client, lead_staff, network):
    meeting = MeetingFactory(network=network)
    client.force_login(lead_staff)
    url = f"/en/workspace/registrations/{meeting.pk}/settings/"
    assert client.get(url).status_code == 200
    data = {
        "is_open": "on",
        "places": "",
        "ask_organisation": "on",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-0-order": "1",
        "questions-0-kind": "choice",
        "questions-0-label_el": "Θα χρειαστείτε διερμηνεία;",
        "questions-0-label_en": "Will you need interpretation?",
        "questions-0-choices_el": "Ναι\nΌχι",
        "questions-0-choices_en": "Yes\nNo",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    setup = meeting.registration_settings
    assert setup.places is None and setup.ask_organisation
    question = setup.questions.get()
    assert question.label_en == "Will you need interpretation?"

    page = client.get(f"/el/meetings/{meeting.slug}/register/").content.decode()
    assert "Θα χρειαστείτε διερμηνεία;" in page and "Όχι" in page
    assert 'name="organisation"' in page


def test_bad_settings_are_refused_with_a_message(client, lead_staff, network):
    meeting = MeetingFactory(network=network)
    client.force_login(lead_staff)
    data = {
        "is_open": "on",
        "places": "0",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-0-order": "1",
        "questions-0-kind": "choice",
        "questions-0-label_en": "Pick one",
        "questions-0-choices_en": "Only one",
    }
    response = client.post(f"/en/workspace/registrations/{meeting.pk}/settings/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give at least one place" in body
    assert "A choice needs at least two options." in body
    assert not RegistrationSettings.objects.filter(meeting=meeting).exists()


def test_the_cached_meeting_page_shows_registration_once_it_is_opened(client, network):
    meeting = MeetingFactory(network=network)
    register_link = f"/en/meetings/{meeting.slug}/register/"
    assert register_link not in client.get(f"/en/meetings/{meeting.slug}/").content.decode()
    RegistrationSettings.objects.create(meeting=meeting, is_open=True)
    assert register_link in client.get(f"/en/meetings/{meeting.slug}/").content.decode()


def test_after_the_meeting_a_registration_is_not_cancelled_but_can_be_deleted(open_meeting):
    maria, _nikos, eleni = confirmed(open_meeting, "Maria", "Nikos", "Eleni")
    with time_machine.travel(open_meeting.end):
        with pytest.raises(services.RegistrationRefused):
            services.cancel(registration=maria)
        services.delete_registration(registration=maria)
    eleni.refresh_from_db()
    assert eleni.status == Status.WAITING  # nobody is promoted into a meeting that is over
    assert not Registration.objects.filter(pk=maria.pk).exists()


def test_an_unknown_export_format_is_404(client, open_meeting, lead_staff):
    client.force_login(lead_staff)
    assert (
        client.get(f"/en/workspace/registrations/{open_meeting.pk}/export.pdf").status_code == 404
    )
