"""The issue's "done when", on the seeded demo network: Geel drafts and submits a period's
report, lead staff reopen it with a comment, Geel resubmits, lead staff accept it and download
the network report as a PDF."""

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.test import Client

from cities.models import City
from notifications.models import Kind, OutboundEmail
from portal.seed import load_data, seed_demo_users, seed_network
from reports.models import CityReport, ReportingPeriod
from tests.workspace.test_demo_journey import DEMO_PASSWORD, sign_in

from .conftest import submit_through_pages
from .test_network_report import pdf_text

pytestmark = pytest.mark.django_db

#: After the network ended, during the demo's final reporting window.
DEMO_DAY = dt.datetime(2026, 12, 2, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Athens"))


@pytest.fixture
def demo():
    with time_machine.travel(DEMO_DAY, tick=False):
        data = load_data()
        seed_network(data=data)
        seed_demo_users(data=data, password=DEMO_PASSWORD)
        yield


def test_geel_reports_and_piraeus_reviews(client, demo):
    lead = Client()
    periods = ReportingPeriod.objects.filter(network__slug="citisense")
    assert periods.count() == 4 and all(p.is_demo for p in periods)
    period = periods.get(number=4)
    url = f"/en/workspace/reports/{period.pk}/geel/"

    sign_in(client, "coordinator.geel@citisense.example")
    assert "Period 4" in client.get("/en/workspace/reports/").content.decode()
    assert client.post(url, {"action": "start"}).status_code == 302
    report = CityReport.objects.get(period=period, city__slug="geel")
    text = {
        "achievements": "Geel's ULG co-designed the neighbourhood safety walks.",
        "difficulties": "",
        "next_steps": "Publish the final Investment Plan.",
    }
    response = submit_through_pages(client, url, text, version=report.version)
    assert response.status_code == 302

    sign_in(lead, "lead@citisense.example")
    report.refresh_from_db()
    assert report.status == "submitted"
    page = lead.get(f"/el/workspace/reports/{period.pk}/").content.decode()
    assert City.objects.get(slug="geel").name_el in page
    response = lead.post(
        url + "review/",
        {"action": "reopen", "comment": "Add the ULG attendance.", "version": report.version},
    )
    assert response.status_code == 302

    report.refresh_from_db()
    assert "Add the ULG attendance." in client.get(url).content.decode()
    text["achievements"] += " Forty residents took part."
    response = submit_through_pages(client, url, text, version=report.version)
    assert response.status_code == 302

    report.refresh_from_db()
    response = lead.post(url + "review/", {"action": "accept", "version": report.version})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "accepted"
    pdf = lead.get(f"/el/workspace/reports/{period.pk}/network-report.pdf")
    assert pdf.status_code == 200
    text_of_pdf = pdf_text(pdf.content)
    with_names = City.objects.get(slug="geel")
    assert with_names.name_el in text_of_pdf or with_names.name_en in text_of_pdf
    assert "Forty residents took part." in text_of_pdf
    # The pre-filled facts of the period: the demo ULG meeting's close-out and a measurement.
    sections = {item["key"]: item["data"] for item in report.snapshot["sections"]}
    (local,) = sections["meetings"]["ulg"]
    assert local["title"]["en"] == "Geel's local group: safety walks (sample)"
    assert local["attendance"]["people"] == 16
    assert [o["kind"] for o in local["outcomes"]] == ["decision", "action"]
    assert [row["value"] for row in sections["indicators"]["rows"]] == ["6.00"]
    assert "διαδρομές" in text_of_pdf
    assert "voetpad" in text_of_pdf  # Geel's local group writes its outcomes in Dutch
    # The stored "6.00" reads as a count in the reader's language, not "6.00 meetings".
    assert "6.00" not in text_of_pdf
    assert re.search(r"Συναντήσεις της\s+6\s+0\s+8\s", text_of_pdf)  # value, baseline, target
    # Lead staff heard of both submissions, Geel of the reopening and the acceptance.
    recipients = list(
        OutboundEmail.objects.filter(kind=Kind.REPORT_TRANSITION)
        .order_by("pk")
        .values_list("recipient__email", flat=True)
    )
    assert recipients == [
        "lead@citisense.example",
        "coordinator.geel@citisense.example",
        "lead@citisense.example",
        "coordinator.geel@citisense.example",
    ]
