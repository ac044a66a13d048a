"""A meeting's close-out: who came and what came of it; open actions in the workspace."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.factories import OutcomeFactory
from ulg.models import Attendance, Outcome
from ulg.selectors import meeting_attendance, meeting_outcomes, meetings_held_with_closeout

from .conftest import url

pytestmark = pytest.mark.django_db

DUE = (timezone.localdate() + dt.timedelta(days=20)).isoformat()


def action(**overrides) -> dict:
    data = {
        "kind": "action",
        "text": "Map the poorly lit streets",
        "owner_organisation": "",
        "owner_person": "",
        "due_date": DUE,
        "status": "",
    }
    data.update(overrides)
    return data


def test_the_coordinator_records_who_came_and_an_action_for_the_police(
    client, coordinator, ulg_meeting, police, residents
):
    client.force_login(coordinator)
    assert client.get(url("closeout", ulg_meeting.pk)).status_code == 200
    response = client.post(
        url("attendance", ulg_meeting.pk),
        {"people": 14, "organisations": [police.pk, residents.pk], "sector_police": 3},
    )
    assert response.status_code == 302
    response = client.post(url("outcome_add", ulg_meeting.pk), action(owner_organisation=police.pk))
    assert response.status_code == 302
    response = client.post(
        url("outcome_add", ulg_meeting.pk),
        {"kind": "decision", "text": "Hold a safety walk every month", "due_date": DUE},
    )
    assert response.status_code == 302

    attendance = meeting_attendance(ulg_meeting)
    assert attendance.people == 14
    assert set(attendance.organisations.all()) == {police, residents}
    assert [(row.sector, row.people) for row in attendance.sectors.all()] == [("police", 3)]
    first, second = meeting_outcomes(ulg_meeting)
    assert (first.kind, first.owner_organisation, first.status) == ("action", police, "open")
    assert (second.kind, second.due_date, second.status) == ("decision", None, "")

    home = client.get("/en/workspace/").content.decode()
    assert "Map the poorly lit streets" in home
    assert "Local police" in home
    (held,) = meetings_held_with_closeout(
        ulg_meeting.host_city, timezone.localdate() - dt.timedelta(days=5), timezone.localdate()
    )
    assert held.attendance.people == 14
    assert len(held.outcomes) == 2


def test_attendance_below_zero_or_below_the_organisations_present_is_refused(
    client, coordinator, ulg_meeting, police, residents
):
    client.force_login(coordinator)
    response = client.post(url("attendance", ulg_meeting.pk), {"people": -1})
    assert response.status_code == 400
    response = client.post(
        url("attendance", ulg_meeting.pk),
        {"people": 1, "organisations": [police.pk, residents.pk]},
    )
    assert response.status_code == 400
    assert "Fewer people than organisations present" in response.content.decode()
    response = client.post(
        url("attendance", ulg_meeting.pk), {"people": 2, "sector_police": 2, "sector_residents": 1}
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_another_citys_organisation_cannot_be_chosen(
    client, coordinator, ulg_meeting, foreign_organisation
):
    client.force_login(coordinator)
    response = client.post(
        url("attendance", ulg_meeting.pk), {"people": 5, "organisations": [foreign_organisation.pk]}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post(
        url("outcome_add", ulg_meeting.pk), action(owner_organisation=foreign_organisation.pk)
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()
    assert not Outcome.objects.exists()


def test_an_action_needs_an_owner_and_a_due_date(client, coordinator, ulg_meeting, police):
    client.force_login(coordinator)
    response = client.post(url("outcome_add", ulg_meeting.pk), action())
    assert response.status_code == 400
    assert "An action needs an owner" in response.content.decode()
    response = client.post(
        url("outcome_add", ulg_meeting.pk), action(owner_person="A. Person", due_date="")
    )
    assert response.status_code == 400
    assert "An action needs a due date." in response.content.decode()
    response = client.post(
        url("outcome_add", ulg_meeting.pk),
        action(owner_organisation=police.pk, owner_person="A. Person"),
    )
    assert response.status_code == 400
    assert not Outcome.objects.exists()


def test_an_action_is_followed_up(client, coordinator, ulg_meeting):
    outcome = OutcomeFactory(
        meeting=ulg_meeting, kind="action", owner_person="Pere", due_date=DUE, status="open"
    )
    client.force_login(coordinator)
    response = client.post(
        url("outcome_edit", outcome.pk), action(owner_person="Pere", status="done")
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.status == "done"
    assert "Map the poorly lit streets" not in client.get("/en/workspace/").content.decode()
    assert client.post(url("outcome_delete", outcome.pk)).status_code == 302
    assert not Outcome.objects.exists()


def test_another_citys_close_out_is_not_found_and_stays_unchanged(
    client, coordinator, other_meeting
):
    outcome = OutcomeFactory(meeting=other_meeting, text="Their decision")
    client.force_login(coordinator)
    assert client.get(url("closeout", other_meeting.pk)).status_code == 404
    assert client.post(url("attendance", other_meeting.pk), {"people": 3}).status_code == 404
    assert client.post(url("outcome_add", other_meeting.pk), action()).status_code == 404
    assert client.get(url("outcome_edit", outcome.pk)).status_code == 404
    assert client.post(url("outcome_delete", outcome.pk)).status_code == 404
    assert not Attendance.objects.exists()
    assert Outcome.objects.get().text == "Their decision"


def test_lead_staff_close_out_any_meeting_and_anonymous_visitors_sign_in(
    client, lead_staff, other_meeting
):
    assert client.get(url("closeout", other_meeting.pk)).status_code == 302
    assert client.post(url("attendance", other_meeting.pk), {"people": 3}).status_code == 302
    client.force_login(lead_staff)
    assert client.post(url("attendance", other_meeting.pk), {"people": 3}).status_code == 302
    assert Attendance.objects.get().people == 3


def test_an_invited_coordinator_reads_a_transnational_close_out_but_cannot_change_it(
    client, coordinator, network
):
    from tests.factories import MeetingFactory, ParticipationFactory

    start = timezone.now() - dt.timedelta(days=2)
    meeting = MeetingFactory(network=network, start=start, end=start + dt.timedelta(hours=4))
    ParticipationFactory(meeting=meeting, user=coordinator)
    client.force_login(coordinator)
    assert client.get(url("closeout", meeting.pk)).status_code == 200
    assert client.post(url("attendance", meeting.pk), {"people": 3}).status_code == 403
    assert not Attendance.objects.exists()


def test_nothing_is_recorded_before_the_meeting_begins(client, coordinator, ulg_meeting):
    ulg_meeting.start = timezone.now() + dt.timedelta(days=3)
    ulg_meeting.end = ulg_meeting.start + dt.timedelta(hours=2)
    ulg_meeting.save()
    client.force_login(coordinator)
    response = client.post(url("attendance", ulg_meeting.pk), {"people": 3})
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_after_final_reporting_closes_the_close_out_is_read_only_for_coordinators(
    client, coordinator, ulg_meeting, network
):
    closed = network.final_reporting_closes + dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(closed, dt.time(10)), tick=False):
        client.force_login(coordinator)
        assert client.get(url("closeout", ulg_meeting.pk)).status_code == 200
        assert client.post(url("attendance", ulg_meeting.pk), {"people": 3}).status_code == 403
        response = client.post(url("outcome_add", ulg_meeting.pk), action(owner_person="X"))
        assert response.status_code == 403
    assert not Attendance.objects.exists()
    assert not Outcome.objects.exists()


def test_the_close_out_page_has_a_bounded_number_of_queries(
    client, coordinator, ulg_meeting, city, django_assert_max_num_queries
):
    from tests.factories import OrganisationFactory

    organisations = [OrganisationFactory(city=city) for _ in range(15)]
    client.force_login(coordinator)
    client.post(
        url("attendance", ulg_meeting.pk),
        {"people": 30, "organisations": [o.pk for o in organisations]},
    )
    for number in range(10):
        OutcomeFactory(
            meeting=ulg_meeting,
            kind="action",
            owner_organisation=organisations[number],
            due_date=DUE,
            status="open",
        )
    with django_assert_max_num_queries(16):
        assert client.get(url("closeout", ulg_meeting.pk)).status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get("/en/workspace/").status_code == 200


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("closeout", "get"),
        ("attendance", "post"),
        ("outcome_add", "post"),
        ("outcome_edit", "get"),
        ("outcome_edit", "post"),
        ("outcome_delete", "post"),
    ],
)
def test_every_close_out_view_asks_anonymous_visitors_to_sign_in(client, ulg_meeting, name, method):
    outcome = OutcomeFactory(meeting=ulg_meeting, text="Kept")
    target = outcome.pk if name.startswith("outcome_") and name != "outcome_add" else ulg_meeting.pk
    response = getattr(client, method)(url(name, target), {"people": 3, "text": "Changed"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert Outcome.objects.get().text == "Kept"
    assert not Attendance.objects.exists()


def test_lead_staff_edit_any_citys_outcome(client, lead_staff, other_meeting):
    outcome = OutcomeFactory(meeting=other_meeting, text="Draft")
    client.force_login(lead_staff)
    response = client.post(
        url("outcome_edit", outcome.pk), {"kind": "information", "text": "Final"}
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.text == "Final"


def test_after_the_network_ends_open_actions_leave_the_home_page_and_are_not_late(
    client, coordinator, ulg_meeting, network
):
    OutcomeFactory(
        meeting=ulg_meeting,
        kind="action",
        text="Survey the square",
        owner_person="Pere",
        due_date=network.end_date - dt.timedelta(days=3),
        status="open",
    )
    after_end = dt.datetime.combine(network.end_date + dt.timedelta(days=5), dt.time(10))
    with time_machine.travel(after_end, tick=False):
        client.force_login(coordinator)
        assert "Survey the square" not in client.get("/en/workspace/").content.decode()
        page = client.get(url("register")).content.decode()
    assert "Survey the square" in page
    assert "is-overdue" not in page
