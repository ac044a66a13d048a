"""Registrants' personal data goes N days after the meeting; the counts stay."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from notifications.models import OutboundEmail
from registrations import services
from registrations.models import Registration
from registrations.selectors import registration_counts
from registrations.tasks import purge_registrations

pytestmark = pytest.mark.django_db


def test_the_retention_job_deletes_personal_data_and_keeps_the_counts(
    open_meeting, client, settings, lead_staff
):
    settings.REGISTRATION_RETENTION_DAYS = 30
    people = []
    for n in range(3):
        registration = services.register(
            meeting=open_meeting, name=f"Person {n}", email=f"p{n}@example.org", language="el"
        )
        people.append(services.confirm(registration_id=registration.pk)[0])
    services.check_in(registration=people[0], user=lead_staff)
    before = registration_counts(open_meeting)
    assert before == {"registered": 2, "waiting": 1, "checked_in": 1}
    assert OutboundEmail.objects.filter(to_email="p0@example.org").exists()

    with time_machine.travel(open_meeting.end + dt.timedelta(days=29)):
        assert purge_registrations.apply().get() == 0
    assert Registration.objects.count() == 3

    with time_machine.travel(open_meeting.end + dt.timedelta(days=31)):
        assert purge_registrations.apply().get() == 3
        assert purge_registrations.apply().get() == 0  # a second run finds nothing

    assert not Registration.objects.exists()
    assert not OutboundEmail.objects.filter(to_email__startswith="p").exists()
    assert registration_counts(open_meeting) == before
    open_meeting.registration_settings.refresh_from_db()
    assert open_meeting.registration_settings.purged_at is not None


def test_unconfirmed_registrations_are_deleted_once_their_link_expired(open_meeting, settings):
    settings.REGISTRATION_CONFIRM_HOURS = 48
    services.register(meeting=open_meeting, name="Never", email="never@example.org", language="en")
    with time_machine.travel(timezone.now() + dt.timedelta(hours=47)):
        assert services.purge_personal_data() == 0
    with time_machine.travel(timezone.now() + dt.timedelta(hours=49)):
        assert services.purge_personal_data() == 1
    assert not Registration.objects.exists()
    assert not OutboundEmail.objects.filter(to_email="never@example.org").exists()


def test_the_privacy_page_says_how_long_registrations_are_kept(client, settings):
    settings.REGISTRATION_RETENTION_DAYS = 30
    page = client.get("/en/privacy/").content.decode()
    assert "deleted 30 days after the meeting" in page
    page = client.get("/el/privacy/").content.decode()
    assert "30 ημέρες μετά τη συνάντηση" in page


def test_the_job_is_scheduled(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "registrations.tasks.purge_registrations" in tasks
