"""The issue's "done when", on the seeded demo network: Naples' coordinator updates Naples and
uploads evidence but cannot reach Geel; lead staff see the whole network and export it."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from accounts.models import User
from portal.seed import current_totp_code, load_data, seed_demo_users, seed_network
from practices.models import StepEvidence, TransferStep
from tests.workspace import files

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "citisense-demo"


#: A working day while the seeded network runs: after its closing date coordinators can only read.
WHILE_RUNNING = dt.datetime(2026, 5, 4, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo(db):
    with time_machine.travel(WHILE_RUNNING, tick=True):
        data = load_data()
        seed_network(data=data)
        seed_demo_users(data=data, password=DEMO_PASSWORD)
        yield


def sign_in(client, email):
    response = client.post("/en/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    if response["Location"].endswith("/accounts/2fa/authenticate/"):
        # Demo lead staff have an authenticator app, as every staff account must.
        code = current_totp_code(User.objects.get(email=email))
        response = client.post(response["Location"], {"code": code})
        assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_naples_coordinator_updates_naples_and_cannot_reach_geel(client, demo):
    landing = sign_in(client, "coordinator.naples@citisense.example")
    # Demo coordinators work in their city's language; the pages below are read in English.
    assert landing["Location"] == "/it/workspace/"
    naples = TransferStep.objects.filter(transfer__city__slug="naples").exclude(status="done")
    step = naples.order_by("pk").first()
    response = client.post(
        f"/en/workspace/steps/{step.pk}/edit/",
        {
            "status": "in_progress",
            "progress": 85,
            "due_date": "2026-06-30",
            "notes": "Pilot running in two districts.",
            "version": step.version,
        },
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.progress, str(step.due_date)) == (85, "2026-06-30")
    # The seeded network ends on 30 August 2026: a later date is refused.
    refused = client.post(
        f"/en/workspace/steps/{step.pk}/edit/",
        {
            "status": "in_progress",
            "progress": 90,
            "due_date": "2026-09-15",
            "notes": "",
            "version": step.version,
        },
    )
    assert refused.status_code == 200
    assert "within the network period" in refused.content.decode()

    upload = client.post(
        reverse("workspace:evidence_upload", kwargs={"pk": step.pk}),
        {"file": files.pdf("ulg-minutes.pdf"), "description": "ULG minutes"},
    )
    assert upload.status_code == 302
    assert StepEvidence.objects.filter(step=step).count() == 1

    geel = TransferStep.objects.filter(transfer__city__slug="geel").first()
    assert client.get(f"/en/workspace/steps/{geel.pk}/").status_code == 404
    assert client.get(f"/en/workspace/steps/{geel.pk}/edit/").status_code == 404
    home = client.get("/en/workspace/").content.decode()
    assert "Naples" in home and "Geel" not in home


def test_lead_staff_see_the_whole_network_and_export_it(client, demo):
    landing = sign_in(client, "lead@citisense.example")
    assert landing["Location"] == "/el/workspace/"  # lead staff prefer Greek
    page = client.get("/en/workspace/network/").content.decode()
    for city in ("Naples", "Liepāja", "Fót", "Geel", "Manresa"):
        assert city in page
    export = client.get("/en/workspace/export/csv/")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    step_rows = rows[2 : rows.index([])]
    assert len(step_rows) == TransferStep.objects.count()
    xlsx = client.get("/en/workspace/export/xlsx/")
    assert xlsx.status_code == 200
