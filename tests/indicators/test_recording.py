"""Coordinators record their own city's indicators; lead staff every city's; bad input is
refused with a translated message and nothing saved."""

import datetime as dt

import pytest

from indicators.models import Measurement, Series
from tests.workspace import files

pytestmark = pytest.mark.django_db


def url(indicator, city) -> str:
    return f"/en/workspace/indicators/{indicator.pk}/{city.pk}/"


def measure(client, indicator, city, **data):
    payload = {"action": "measure", "value": "45", "measured_on": dt.date.today().isoformat()}
    payload.update(data)
    return client.post(url(indicator, city), payload)


def test_a_coordinator_records_a_measurement_with_private_evidence(
    client, coordinator, safety, city
):
    client.force_login(coordinator)
    response = measure(client, safety, city, note="Spring survey", evidence=files.pdf("s.pdf"))
    assert response.status_code == 302
    measurement = Measurement.objects.get()
    assert (measurement.value, measurement.series.city) == (45, city)
    assert measurement.evidence_name == "s.pdf" and measurement.recorded_by == coordinator
    download = client.get(f"/en/workspace/indicators/evidence/{measurement.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_the_evidence_is_not_served_to_another_city_or_the_public(
    client, coordinator, other_coordinator, safety, city
):
    client.force_login(coordinator)
    measure(client, safety, city, evidence=files.pdf())
    measurement = Measurement.objects.get()
    evidence = f"/en/workspace/indicators/evidence/{measurement.pk}/"
    client.force_login(other_coordinator)
    assert client.get(evidence).status_code == 404
    client.logout()
    assert client.get(evidence).status_code == 302  # to the sign-in page


def test_another_citys_indicator_is_not_found_and_nothing_changes(
    client, coordinator, safety, other_city
):
    client.force_login(coordinator)
    assert client.get(url(safety, other_city)).status_code == 404
    assert measure(client, safety, other_city).status_code == 404
    response = client.post(
        url(safety, other_city),
        {"action": "baseline", "baseline_value": "1", "baseline_date": "2025-01-01"},
    )
    assert response.status_code == 404
    assert not Series.objects.exists() and not Measurement.objects.exists()


def test_lead_staff_record_every_citys(client, lead_staff, safety, city):
    client.force_login(lead_staff)
    assert measure(client, safety, city).status_code == 302
    assert Measurement.objects.get().recorded_by == lead_staff


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"value": "about forty"}, "Enter a number."),
        ({"measured_on": "2001-01-01"}, "The date must fall between the start of the network"),
        ({"evidence": "exe"}, "This type of file is not accepted."),
    ],
)
def test_bad_measurements_are_refused_and_nothing_saved(
    client, coordinator, safety, city, data, message
):
    if data.get("evidence") == "exe":
        from django.core.files.uploadedfile import SimpleUploadedFile

        data["evidence"] = SimpleUploadedFile("tool.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    client.force_login(coordinator)
    response = measure(client, safety, city, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Measurement.objects.exists()


def test_bad_measurements_are_explained_in_greek(client, coordinator, safety, city):
    client.force_login(coordinator)
    response = client.post(
        f"/el/workspace/indicators/{safety.pk}/{city.pk}/",
        {"action": "measure", "value": "σαράντα", "measured_on": "2001-01-01"},
    )
    page = response.content.decode()
    assert "Εισάγετε έναν αριθμό." in page
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("indicator_name", "baseline", "target", "message"),
    [
        ("safety", "41", "41", "the target must be above the baseline"),
        ("safety", "41", "30", "the target must be above the baseline"),
        ("fear", "38", "45", "the target must be below the baseline"),
    ],
)
def test_a_target_in_the_wrong_direction_is_refused(
    client, request, coordinator, city, indicator_name, baseline, target, message
):
    indicator = request.getfixturevalue(indicator_name)
    client.force_login(coordinator)
    response = client.post(
        url(indicator, city),
        {
            "action": "baseline",
            "baseline_value": baseline,
            "baseline_date": "2025-01-15",
            "baseline_source": "Survey",
            "target_value": target,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Series.objects.exists()


def test_a_good_baseline_and_target_are_saved(client, coordinator, fear, city):
    client.force_login(coordinator)
    response = client.post(
        url(fear, city),
        {
            "action": "baseline",
            "baseline_value": "38",
            "baseline_date": "2025-01-15",
            "baseline_source": "Survey",
            "target_value": "30",
        },
    )
    assert response.status_code == 302
    series = Series.objects.get()
    assert (series.baseline_value, series.target_value, series.is_demo) == (38, 30, False)
