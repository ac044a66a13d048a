"""Coordinators organise their own city's URBACT Local Group meetings; transnational meetings
stay with lead staff."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from meetings.models import Meeting, Participation
from tests.factories import MeetingFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def meetings_url(name, *args):
    with translation.override("en"):
        return reverse(f"workspace_meetings:{name}", args=args)


def ulg_form(city, **overrides) -> dict:
    data = {
        "kind": Meeting.Kind.LOCAL_ULG,
        "title_el": "",
        "title_en": "Third ULG meeting",
        "agenda_el": "",
        "agenda_en": "Safety walks in the old town.",
        "start": "2030-03-30T18:00",
        "end": "2030-03-30T20:00",
        "timezone": "Europe/Madrid",
        "host_city": city.pk,
        "venue_el": "",
        "venue_en": "Civic centre",
        "online_url": "",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def test_a_coordinator_creates_edits_and_cancels_their_citys_ulg_meeting(
    client, coordinator, city, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    page = client.get(meetings_url("create")).content.decode()
    assert 'value="local_ulg"' in page
    assert 'value="transnational"' not in page
    response = client.post(meetings_url("create"), ulg_form(city))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.kind, meeting.host_city, meeting.created_by) == ("local_ulg", city, coordinator)

    response = client.post(meetings_url("invite", meeting.pk), {"cities": [city.pk]})
    assert response.status_code == 302
    assert Participation.objects.filter(meeting=meeting, user=coordinator).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            meetings_url("edit", meeting.pk), ulg_form(city, venue_en="Town hall")
        )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.venue_en == "Town hall"
    assert meeting.sequence == 1
    assert client.get(meetings_url("calendar", meeting.pk)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(meetings_url("cancel", meeting.pk)).status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    assert any("cancel" in message.subject.lower() for message in mail.outbox)


def test_a_coordinator_cannot_create_a_transnational_meeting_or_one_for_another_city(
    client, coordinator, city, other_city
):
    client.force_login(coordinator)
    response = client.post(meetings_url("create"), ulg_form(city, kind="transnational"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    response = client.post(meetings_url("create"), ulg_form(other_city))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Meeting.objects.exists()


def test_another_citys_ulg_meeting_is_not_found_and_stays_unchanged(
    client, coordinator, other_meeting, other_city
):
    client.force_login(coordinator)
    assert client.get(meetings_url("detail", other_meeting.pk)).status_code == 404
    response = client.post(meetings_url("edit", other_meeting.pk), ulg_form(other_city))
    assert response.status_code == 404
    assert client.post(meetings_url("cancel", other_meeting.pk)).status_code == 404
    other_meeting.refresh_from_db()
    assert other_meeting.title_en == "Othertown ULG meeting"
    assert not other_meeting.is_cancelled


def test_transnational_meetings_stay_with_lead_staff(client, coordinator, network, city):
    meeting = MeetingFactory(network=network, host_city=city)
    ParticipationFactory(meeting=meeting, user=coordinator)
    client.force_login(coordinator)
    assert client.get(meetings_url("detail", meeting.pk)).status_code == 200
    assert client.get(meetings_url("edit", meeting.pk)).status_code == 403
    assert client.post(meetings_url("cancel", meeting.pk)).status_code == 403
    assert client.post(meetings_url("invite", meeting.pk), {"cities": []}).status_code == 403


def test_lead_staff_still_organise_any_meeting(client, lead_staff, city, other_meeting):
    client.force_login(lead_staff)
    response = client.post(
        meetings_url("create"), ulg_form(city, kind="transnational"), follow=True
    )
    assert "The meeting was created. Now invite the participants." in response.content.decode()
    created = Meeting.objects.exclude(pk=other_meeting.pk).get()
    assert created.kind == "transnational" and created.created_by == lead_staff
    edit = client.get(meetings_url("edit", other_meeting.pk)).content.decode()
    assert "Othertown ULG meeting" in edit


def test_a_coordinator_sees_their_citys_ulg_meetings_without_an_invitation(
    client, coordinator, ulg_meeting, other_meeting
):
    client.force_login(coordinator)
    page = client.get(meetings_url("list")).content.decode()
    assert "Second ULG meeting" in page
    assert "Othertown ULG meeting" not in page


def test_after_final_reporting_closes_coordinators_cannot_organise(
    client, coordinator, city, ulg_meeting, network
):
    closed = network.final_reporting_closes + dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(closed, dt.time(10)), tick=False):
        client.force_login(coordinator)
        assert client.get(meetings_url("create")).status_code == 403
        assert client.post(meetings_url("create"), ulg_form(city)).status_code == 403
        assert client.get(meetings_url("edit", ulg_meeting.pk)).status_code == 403
        assert client.post(meetings_url("cancel", ulg_meeting.pk)).status_code == 403
    assert Meeting.objects.count() == 1
