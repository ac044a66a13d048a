"""After the closing date coordinators can only read; lead staff can still correct."""

import datetime as dt

import pytest

from cities.models import Network
from indicators.models import Indicator, Measurement, Series
from practices import services as practice_services
from practices.models import TransferStep
from tests.factories import DeliverableFactory
from tests.workspace import files
from tests.workspace.helpers import snapshot

from .conftest import AFTER_CLOSING, AFTER_END, DURING

pytestmark = pytest.mark.django_db


def edit(client, step, progress=60):
    return client.post(
        f"/en/workspace/steps/{step.pk}/edit/",
        {
            "status": "in_progress",
            "progress": progress,
            "due_date": "2025-05-01",
            "notes": "",
            "version": step.version,
        },
    )


@pytest.mark.parametrize("moment", [DURING, AFTER_END])
def test_coordinators_write_until_final_reporting_closes(client, at, life, moment):
    at(moment)
    client.force_login(life.coordinator)
    assert edit(client, life.step).status_code == 302
    assert TransferStep.objects.get(pk=life.step.pk).progress == 60


def test_after_closing_every_write_answers_403_and_changes_nothing(client, at, life):
    at(AFTER_END)
    evidence = practice_services.add_evidence(
        step=life.step, user=life.coordinator, upload=files.pdf("before.pdf")
    )
    at(AFTER_CLOSING)
    deliverable = DeliverableFactory(city=life.city, due_date=dt.date(2025, 11, 30))
    indicator = Indicator.objects.create(
        network=life.network, slug="trained", name_en="People trained", unit_en="people"
    )
    client.force_login(life.coordinator)
    before = snapshot()
    step = life.step
    responses = {
        "step edit": edit(client, step),
        "step add": client.post(
            "/en/workspace/steps/add/",
            {"transfer": life.transfer.pk, "phase": "adapt", "title": "Late", "status": "planned"},
        ),
        "evidence": client.post(f"/en/workspace/steps/{step.pk}/evidence/", {"file": files.pdf()}),
        "deliverable edit": client.post(
            f"/en/workspace/deliverables/{deliverable.pk}/edit/",
            {"status": "done", "due_date": "2025-11-30", "version": deliverable.version},
        ),
        "deliverable upload": client.post(
            f"/en/workspace/deliverables/{deliverable.pk}/upload/", {"file": files.pdf()}
        ),
        "measurement": client.post(
            f"/en/workspace/indicators/{indicator.pk}/{life.city.pk}/",
            {"action": "measure", "value": "3", "measured_on": "2026-03-01"},
        ),
        "baseline": client.post(
            f"/en/workspace/indicators/{indicator.pk}/{life.city.pk}/",
            {"action": "baseline", "baseline_value": "1", "baseline_date": "2025-01-10"},
        ),
        "evidence delete": client.post(f"/en/workspace/evidence/{evidence.pk}/delete/"),
    }
    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(responses, 403)
    assert snapshot() == before
    assert not Measurement.objects.exists() and not Series.objects.exists()
    # They still read everything, and are told why they cannot change it.
    page = client.get("/en/workspace/").content.decode()
    assert "Final reporting closed on 31 March 2026" in page


def test_lead_staff_still_correct_after_closing(client, at, life):
    at(AFTER_CLOSING)
    client.force_login(life.staff)
    assert edit(client, life.step, progress=70).status_code == 302
    assert TransferStep.objects.get(pk=life.step.pk).progress == 70


def test_lead_staff_move_the_closing_date_from_the_workspace(client, at, life):
    at(AFTER_CLOSING)
    client.force_login(life.staff)
    response = client.post("/en/workspace/network/closing-date/", {"closing_date": "2026-06-30"})
    assert response.status_code == 302
    network = Network.objects.get(pk=life.network.pk)
    assert network.closing_date == dt.date(2026, 6, 30)
    # Now the coordinator may finish their reporting again.
    client.force_login(life.coordinator)
    assert edit(client, life.step).status_code == 302


def test_a_closing_date_before_the_end_is_refused(client, at, life):
    at(AFTER_END)
    client.force_login(life.staff)
    response = client.post(
        "/en/workspace/network/closing-date/", {"closing_date": "2025-06-30"}, follow=True
    )
    assert "Final reporting cannot close before the network ends." in response.content.decode()
    assert Network.objects.get(pk=life.network.pk).closing_date is None


def test_coordinators_cannot_set_the_closing_date(client, at, life):
    at(AFTER_END)
    client.force_login(life.coordinator)
    response = client.post("/en/workspace/network/closing-date/", {"closing_date": "2027-01-01"})
    assert response.status_code == 403
    assert Network.objects.get(pk=life.network.pk).closing_date is None
