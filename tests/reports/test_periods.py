"""Reporting periods: kept by lead staff in the workspace and the admin; a period ending before
it starts or overlapping another is refused with a translated error and nothing saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from reports import services
from reports.models import ReportingPeriod

from .conftest import en_url

pytestmark = pytest.mark.django_db


def form(**overrides):
    data = {
        "number": 2,
        "start_date": "2026-01-01",
        "end_date": "2026-03-31",
        "due_date": "2026-04-15",
    }
    return data | overrides


def test_lead_staff_add_and_edit_a_period(client, lead_staff, network):
    client.force_login(lead_staff)
    response = client.post(en_url("reports:period_add"), form())
    assert response.status_code == 302
    period = ReportingPeriod.objects.get()
    assert (period.network, period.number, period.end_date) == (network, 2, dt.date(2026, 3, 31))
    response = client.post(en_url("reports:period_edit", period.pk), form(due_date="2026-04-30"))
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.due_date == dt.date(2026, 4, 30)
    assert "Period 2" in client.get(en_url("reports:index")).content.decode()


def test_a_period_ending_before_it_starts_is_refused(client, lead_staff, network):
    client.force_login(lead_staff)
    response = client.post(en_url("reports:period_add"), form(end_date="2025-12-01"))
    assert response.status_code == 200
    assert "A period cannot end before it starts." in response.content.decode()
    assert not ReportingPeriod.objects.exists()


def test_an_overlapping_period_is_refused_in_greek_too(client, lead_staff, network, period):
    client.force_login(lead_staff)
    overlap = form(
        start_date=period.end_date.isoformat(),
        end_date=(period.end_date + dt.timedelta(days=30)).isoformat(),
        due_date=(period.end_date + dt.timedelta(days=40)).isoformat(),
    )
    with translation.override("el"):
        url = reverse("reports:period_add")  # the Greek interface
    response = client.post(url, overlap)
    assert response.status_code == 200
    assert "Οι ημερομηνίες επικαλύπτουν" in response.content.decode()
    assert ReportingPeriod.objects.count() == 1


def test_the_service_checks_overlaps(network, lead_staff, period):
    with pytest.raises(ValidationError):
        services.create_period(
            network=network,
            user=lead_staff,
            number=7,
            start_date=period.start_date - dt.timedelta(days=5),
            end_date=period.start_date,
            due_date=period.start_date,
        )
    # Touching but not sharing a day is fine.
    services.create_period(
        network=network,
        user=lead_staff,
        number=7,
        start_date=period.end_date + dt.timedelta(days=1),
        end_date=period.end_date + dt.timedelta(days=90),
        due_date=period.end_date + dt.timedelta(days=100),
    )


def test_the_admin_keeps_periods_with_the_same_checks(client, lead_staff, network, period):
    client.force_login(lead_staff)
    url = reverse("admin:reports_reportingperiod_add")
    assert client.get(url).status_code == 200
    data = {"network": network.pk} | form(
        start_date=period.start_date.isoformat(), end_date=period.end_date.isoformat()
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert ReportingPeriod.objects.count() == 1


def test_a_period_outside_the_network_is_refused(network, lead_staff):
    with translation.override("en"), pytest.raises(ValidationError, match="within the network"):
        services.create_period(
            network=network,
            user=lead_staff,
            number=3,
            start_date=network.start_date - dt.timedelta(days=1),
            end_date=network.start_date + dt.timedelta(days=30),
            due_date=network.start_date + dt.timedelta(days=40),
        )
