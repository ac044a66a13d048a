"""The network report: who submitted and was accepted, the compiled PDF of accepted reports
(Greek and Latin text in an embedded font, one section per city) and the tables as XLSX."""

import io
import re
import shutil
import subprocess

import pytest
from django.utils import translation
from openpyxl import load_workbook

from common.exports import XLSX
from reports import documents, services
from tests.workspace.helpers import save_step

from .conftest import en_url, write

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """The PDF's text, read back by poppler's pdftotext (scripts/system_deps.sh installs it)."""
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is missing"
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def pdf_fonts(data: bytes) -> str:
    return subprocess.run(
        ["pdffonts", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def two_accepted(period, city, coordinator, other_city, other_coordinator, lead_staff, step):
    save_step(step, coordinator, progress=70)
    reports = []
    for place, writer, text in [
        (city, coordinator, "Ανακαινίσαμε δύο παιδικές χαρές."),
        (other_city, other_coordinator, "We trained forty volunteers."),
    ]:
        report = services.open_report(period=period, city=place, user=writer)
        report = write(report, writer, submit=True, achievements=text)
        reports.append(
            services.accept_report(report=report, user=lead_staff, expected_version=report.version)
        )
    return reports


def test_the_pdf_compiles_the_accepted_reports(two_accepted, period, network):
    from tests.factories import CityFactory, MembershipFactory, UserFactory

    # A third city only submitted: it is not in the compiled report.
    third = CityFactory(network=network, name_en="Thirdville", name_el="Τρίτηπολη")
    writer = UserFactory(email="third@example.org")
    MembershipFactory(user=writer, city=third)
    write(services.open_report(period=period, city=third, user=writer), writer, submit=True)

    with translation.override("el"):
        data = documents.network_pdf(period=period)
        names = [report.city.name for report in two_accepted]
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Άλληπολη" in names
    for name in names:
        assert name in text
    assert "Ανακαινίσαμε δύο παιδικές χαρές." in text
    assert "We trained forty volunteers." in text
    # Listed on the cover with its state, but its text is not compiled.
    assert re.search(r"Τρίτηπολη\s+Υποβλήθηκε", text)
    assert text.count("Τρίτηπολη") == 1
    # One section per accepted report, each starting a page: the contents list them once and
    # each city's heading comes once more.
    for name in names:
        assert text.count(name) >= 2
    assert text.count("Υποβλήθηκε στις") == len(two_accepted)  # "Submitted on …", per section
    # Page numbers, and only the stylesheet's font (DejaVu, from a local file), embedded.
    assert re.search(r"\b1\s*/\s*\d+\b", text)
    fonts = pdf_fonts(data).splitlines()[2:]
    assert fonts and all("Report-Sans" in line and " yes yes yes " in line for line in fonts)


def test_the_pdf_loads_nothing_but_the_local_font(two_accepted, period, settings, tmp_path):
    fetcher = documents._local_fonts_only()
    for url in ["https://fonts.example.com/font.ttf", "file:///etc/passwd", "data:,x"]:
        with pytest.raises(ValueError, match="may not load"):
            fetcher.fetch(url)
    font = (settings.REPORTS_FONT_DIR / "DejaVuSans.ttf").as_uri()
    assert fetcher.fetch(font).read(4) == b"\x00\x01\x00\x00"


def test_lead_staff_download_pdf_and_xlsx(client, two_accepted, period, lead_staff):
    client.force_login(lead_staff)
    response = client.get(en_url("reports:network_pdf", period.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]

    response = client.get(en_url("reports:network_xlsx", period.pk))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert workbook.sheetnames[:2] == ["Summary", "Cities"]
    cities = list(workbook["Cities"].iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in cities} >= {r.city.name for r in two_accepted}
    steps = list(workbook["Steps changed"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in steps] == [two_accepted[0].city.name]


def test_the_period_page_shows_who_submitted_and_was_accepted(
    client, two_accepted, period, lead_staff, network
):
    from tests.factories import CityFactory

    CityFactory(network=network, name_en="Silentburg", name_el="Σιωπηλή")
    client.force_login(lead_staff)
    page = client.get(en_url("reports:period", period.pk)).content.decode()
    assert page.count("Accepted") >= 2
    assert "Silentburg" in page
    assert "Not started" in page
    assert "2 accepted city reports" in page


def test_an_empty_network_report_still_renders(period):
    with translation.override("el"):
        data = documents.network_pdf(period=period)
    assert data.startswith(b"%PDF")
    assert "Καμία έκθεση πόλης" in pdf_text(data)


def test_query_counts_are_bounded(
    client, two_accepted, period, lead_staff, coordinator, django_assert_max_num_queries
):
    from tests.factories import CityFactory

    for n in range(5):
        CityFactory(network=period.network, name_en=f"Extra {n}")
    client.force_login(lead_staff)
    with django_assert_max_num_queries(12):
        assert client.get(en_url("reports:index")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(en_url("reports:period", period.pk)).status_code == 200
    with django_assert_max_num_queries(14):
        assert (
            client.get(
                en_url("reports:city_report", period.pk, two_accepted[0].city.slug)
            ).status_code
            == 200
        )
    with django_assert_max_num_queries(12):
        assert client.get(en_url("reports:network_pdf", period.pk)).status_code == 200
    client.force_login(coordinator)
    with django_assert_max_num_queries(20):
        # A draft reads its facts live: a fixed number of queries per section.
        assert client.get(en_url("reports:index")).status_code == 200
