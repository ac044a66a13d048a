"""The register and the meeting log as CSV and XLSX: exactly the filtered rows, per-city rights,
no contact person."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import OutcomeFactory
from ulg.services import record_attendance

from .conftest import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_out(coordinator, ulg_meeting, police, residents):
    record_attendance(user=coordinator, meeting=ulg_meeting, people=9, organisations=[police])
    OutcomeFactory(
        meeting=ulg_meeting,
        kind="action",
        text="Survey the square",
        owner_organisation=police,
        due_date=timezone.localdate() + dt.timedelta(days=9),
        status="open",
    )
    return ulg_meeting


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_coordinators_export_holds_their_city_only_and_no_contact(
    client, coordinator, closed_out, foreign_organisation, other_meeting
):
    client.force_login(coordinator)
    rows = rows_of(client.get(url("export", "csv")))
    text = "\n".join(",".join(row) for row in rows)
    assert "Local police" in text and "Old town residents" in text
    assert "Othertown" not in text
    assert "marta.secret@example.org" not in text and "Marta Secret" not in text
    log = rows[rows.index(["Meeting log"]) + 2]
    assert log[2] == "Second ULG meeting"
    assert log[6:8] == ["9", "Local police"]
    assert rows[-1][4:6] == ["Survey the square", "Local police"]


def test_the_export_carries_exactly_the_filtered_rows(
    client, lead_staff, closed_out, foreign_organisation, other_meeting
):
    client.force_login(lead_staff)
    everything = rows_of(client.get(url("export", "csv")))
    assert sum(1 for row in everything if "Othertown traders" in row) == 1
    rows = rows_of(client.get(url("export", "csv") + "?sector=police"))
    register = rows[2 : rows.index([])]
    assert [row[2] for row in register] == ["Local police"]
    city = closed_out.host_city
    rows = rows_of(client.get(url("export", "csv") + f"?city={city.pk}"))
    names = {row[2] for row in rows[2 : rows.index([])]}
    assert names == {"Local police", "Old town residents"}
    assert not any("Othertown ULG meeting" in row for row in rows)
    later = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    rows = rows_of(client.get(url("export", "csv") + f"?since={later}"))
    log_header = rows.index(["Meeting log"])
    assert rows[log_header + 2] == []  # no meeting that late


def test_the_xlsx_has_a_sheet_each(client, coordinator, closed_out):
    client.force_login(coordinator)
    response = client.get(url("export", "xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["ULG register", "Meeting log", "Outcomes"]
    assert workbook["ULG register"].max_row == 3
    assert workbook["Outcomes"]["E2"].value == "Survey the square"


def test_invalid_filters_are_a_clear_error(client, coordinator):
    client.force_login(coordinator)
    response = client.get(url("export", "csv") + "?since=yesterday")
    assert response.status_code == 400
    assert client.get(url("export", "pdf")).status_code == 404


def test_formulas_typed_into_outcomes_and_names_open_as_text(client, coordinator, closed_out):
    from ulg.models import Organisation

    OutcomeFactory(meeting=closed_out, kind="decision", text="=cmd|' /C calc'!A0")
    Organisation.objects.filter(name="Local police").update(name="@Local police")
    client.force_login(coordinator)
    rows = rows_of(client.get(url("export", "csv")))
    assert [row[4] for row in rows if "calc" in ",".join(row)] == ["'=cmd|' /C calc'!A0"]
    assert any(row[2:3] == ["'@Local police"] for row in rows)

    response = client.get(url("export", "xlsx"))
    assert response["Content-Disposition"].startswith('attachment; filename="citisense-ulg-')
    workbook = load_workbook(io.BytesIO(response.content))
    texts = [row[4] for row in workbook["Outcomes"].iter_rows(min_row=2)]
    typed = next(cell for cell in texts if "calc" in cell.value)
    assert (typed.data_type, typed.value) == ("s", "'=cmd|' /C calc'!A0")
    register = workbook["ULG register"]
    assert any(row[2].value == "'@Local police" for row in register.iter_rows(min_row=2))
    # Dates are dates: when an organisation joined, the meeting's day, an action's due date.
    assert register["E2"].is_date
    assert workbook["Meeting log"]["E2"].is_date
    due = [row[6] for row in workbook["Outcomes"].iter_rows(min_row=2) if row[6].value]
    assert due and all(cell.is_date for cell in due)
    assert workbook["Outcomes"].column_dimensions["E"].width >= len("Survey the square")
