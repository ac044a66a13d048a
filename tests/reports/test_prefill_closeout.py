"""The report's meetings carry the ULG close-out (attendance, outcomes) and its indicators the
measurements dated in the period; both are frozen on submission."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from indicators import services as indicator_services
from indicators.models import Indicator, Measurement
from meetings.models import Meeting
from reports import documents
from tests.factories import MeetingFactory, OrganisationFactory, ParticipationFactory, UserFactory
from ulg import services as ulg_services

from .conftest import days, report_url, write
from .test_network_report import pdf_text

pytestmark = pytest.mark.django_db


def section(report, key):
    return next(s for s in report.snapshot["sections"] if s["key"] == key)["data"]


@pytest.fixture
def ulg_meeting(city, coordinator):
    meeting = MeetingFactory(
        network=city.network,
        kind=Meeting.Kind.LOCAL_ULG,
        host_city=city,
        title_en="Local group, spring",
        title_el="Τοπική ομάδα, άνοιξη",
        start=timezone.now() - dt.timedelta(days=10),
    )
    school = OrganisationFactory(city=city, name="North School", sector="education")
    ulg_services.record_attendance(
        user=coordinator,
        meeting=meeting,
        people=14,
        organisations=[school],
        by_sector={"education": 5, "residents": 9},
    )
    ulg_services.add_outcome(
        user=coordinator,
        meeting=meeting,
        data={"kind": "decision", "text": "Light the path behind the market."},
    )
    ulg_services.add_outcome(
        user=coordinator,
        meeting=meeting,
        data={
            "kind": "action",
            "text": "Survey the parents",
            "owner_organisation": school,
            "due_date": days(20),
            "status": "open",
        },
    )
    # A resident without a city role said yes: counted, not as one of the city's people.
    ParticipationFactory(meeting=meeting, user=UserFactory(), rsvp="attending")
    return meeting


@pytest.fixture
def safety(network):
    return Indicator.objects.create(
        network=network,
        slug="perception-of-safety",
        name_en="Perception of safety",
        name_el="Αίσθημα ασφάλειας",
        unit_en="% of respondents",
        unit_el="% ερωτηθέντων",
    )


@pytest.fixture
def measurement(safety, city, coordinator):
    indicator_services.record_measurement(
        user=coordinator, indicator=safety, city=city, value=Decimal("31"), measured_on=days(-200)
    )  # before the period: left out
    return indicator_services.record_measurement(
        user=coordinator,
        indicator=safety,
        city=city,
        value=Decimal("47.50"),
        measured_on=days(-5),
        note="Spring survey",
    )


def test_the_draft_shows_the_closeout_and_the_measurements(
    client, period, city, coordinator, ulg_meeting, measurement
):
    client.force_login(coordinator)
    page = client.get(report_url(period, city)).content.decode()
    assert "Local group, spring" in page
    assert "14 people attended" in page
    assert "North School" in page
    assert "Light the path behind the market." in page
    assert "Survey the parents" in page
    assert "Perception of safety" in page
    assert "47.5 % of respondents" in page  # the stored 47.50 with its own decimals
    assert "Spring survey" in page
    assert "31.00" not in page


def test_the_snapshot_keeps_them_as_plain_json(draft, coordinator, ulg_meeting, measurement):
    report = write(draft, coordinator, submit=True)
    assert json.loads(json.dumps(report.snapshot)) == report.snapshot
    (local,) = section(report, "meetings")["ulg"]
    assert local["attendance"] == {
        "people": 14,
        "organisations": ["North School"],
        "sectors": [{"sector": "education", "people": 5}, {"sector": "residents", "people": 9}],
    }
    assert local["rsvp"] == {"people": 1, "from_city": 0}
    assert [(o["kind"], o["text"]) for o in local["outcomes"]] == [
        ("decision", "Light the path behind the market."),
        ("action", "Survey the parents"),
    ]
    assert local["outcomes"][1]["owner"] == "North School"
    (row,) = section(report, "indicators")["rows"]
    assert row["indicator"]["el"] == "Αίσθημα ασφάλειας"
    assert (row["value"], row["date"], row["note"]) == (
        "47.50",
        days(-5).isoformat(),
        "Spring survey",
    )


def test_later_changes_leave_the_submitted_report_alone(
    client, draft, coordinator, ulg_meeting, measurement
):
    report = write(draft, coordinator, submit=True)
    frozen = report.snapshot
    ulg_services.record_attendance(user=coordinator, meeting=ulg_meeting, people=99)
    ulg_services.add_outcome(
        user=coordinator, meeting=ulg_meeting, data={"kind": "information", "text": "Added later"}
    )
    Measurement.objects.filter(pk=measurement.pk).update(value=Decimal("80"))
    report.refresh_from_db()
    assert report.snapshot == frozen
    client.force_login(coordinator)
    page = client.get(report_url(report)).content.decode()
    assert "14 people attended" in page
    assert "47.5 % of respondents" in page
    assert "99 people" not in page
    assert "Added later" not in page
    assert "80.00" not in page


def test_the_network_report_carries_them(accepted_with_closeout, period):
    with translation.override("en"):
        text = pdf_text(documents.network_pdf(period=period))
    assert "Local group, spring" in text
    assert "North School" in text
    assert "Perception of safety" in text
    with translation.override("en"):
        workbook = load_workbook(io.BytesIO(documents.network_xlsx(period=period)))
    meetings = [[cell.value for cell in row] for row in workbook["Meetings"].iter_rows()]
    assert meetings[1][1] == "Local group, spring"
    assert meetings[1][5] == 14
    assert "Light the path behind the market." in meetings[1][8]
    indicators = [[cell.value for cell in row] for row in workbook["Indicators"].iter_rows()]
    assert indicators[1][1:4] == ["Perception of safety", 47.5, "% of respondents"]


@pytest.fixture
def accepted_with_closeout(draft, coordinator, lead_staff, ulg_meeting, measurement):
    from reports import services

    report = write(draft, coordinator, submit=True)
    return services.accept_report(report=report, user=lead_staff, expected_version=report.version)


def test_the_draft_reads_meetings_and_measurements_in_fixed_queries(
    client, period, city, coordinator, ulg_meeting, measurement, safety
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    url = report_url(period, city)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for n in range(5):
        meeting = MeetingFactory(
            network=city.network,
            kind=Meeting.Kind.LOCAL_ULG,
            host_city=city,
            start=timezone.now() - dt.timedelta(days=20 + n),
        )
        ulg_services.record_attendance(
            user=coordinator,
            meeting=meeting,
            people=3,
            organisations=[OrganisationFactory(city=city)],
            by_sector={"residents": 3},
        )
        ulg_services.add_outcome(
            user=coordinator, meeting=meeting, data={"kind": "decision", "text": f"Decision {n}"}
        )
        indicator_services.record_measurement(
            user=coordinator, indicator=safety, city=city, value=Decimal(n), measured_on=days(-n)
        )
    assert count() == few
    assert few <= 30


FORMULA = '=HYPERLINK("http://evil.example","open me")'


def test_formulas_typed_by_coordinators_open_as_text_in_the_network_xlsx(
    draft, coordinator, lead_staff, ulg_meeting, measurement, step, period
):
    """A step title, a measurement's note and a ULG outcome typed as formulas: text cells (with
    the guard) in the network report's XLSX, never formulas; dates are date cells."""
    from practices.models import TransferStep
    from reports import services
    from tests.workspace.helpers import save_step

    TransferStep.objects.filter(pk=step.pk).update(title=FORMULA)
    step.refresh_from_db()
    save_step(step, coordinator, progress=70)
    Measurement.objects.filter(pk=measurement.pk).update(note="+1 from the survey")
    ulg_services.add_outcome(
        user=coordinator, meeting=ulg_meeting, data={"kind": "information", "text": "@everyone"}
    )
    report = write(draft, coordinator, submit=True)
    services.accept_report(report=report, user=lead_staff, expected_version=report.version)
    with translation.override("en"):
        workbook = load_workbook(io.BytesIO(documents.network_xlsx(period=period)))

    steps = workbook["Steps changed"]
    title = steps["D2"]
    assert (title.data_type, title.value) == ("s", "'" + FORMULA)
    assert steps["G2"].value == 40 and steps["H2"].value == 70  # progress as numbers
    assert steps["I2"].is_date
    note = workbook["Indicators"]["H2"]
    assert (note.data_type, note.value) == ("s", "'+1 from the survey")
    assert workbook["Indicators"]["G2"].is_date
    outcomes = workbook["Meetings"]["I2"]
    assert outcomes.data_type == "s" and "@everyone" in outcomes.value
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
        assert sheet.column_dimensions["A"].width >= 8
