"""CSV and XLSX exports carry exactly the rows the filters select, within what one may see."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import DeliverableFactory, TransferFactory, TransferStepFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def csv_sections(response) -> dict[str, list[dict]]:
    """Parses the export back into {"Steps": rows, "Deliverables": rows} keyed by header."""
    text = response.content.decode("utf-8-sig")
    sections: dict[str, list[dict]] = {}
    current = header = None
    for row in csv.reader(io.StringIO(text)):
        if not row:
            current = None
            continue
        if current is None:
            current, header = row[0], None
            sections[current] = []
        elif header is None:
            header = row
        else:
            sections[current].append(dict(zip(header, row, strict=True)))
    return sections


def ids(rows) -> set[int]:
    return {int(row["ID"]) for row in rows}


@pytest.fixture
def network_data(transfer, other_transfer, city, other_city):
    """Steps and deliverables in two cities, with every status and due dates around today."""
    today = TODAY()
    made = {
        "done": TransferStepFactory(transfer=transfer, status="done", progress=100),
        "overdue": TransferStepFactory(
            transfer=transfer, due_date=today - dt.timedelta(days=3), progress=10
        ),
        "soon": TransferStepFactory(transfer=transfer, due_date=today + dt.timedelta(days=5)),
        "later": TransferStepFactory(transfer=transfer, due_date=today + dt.timedelta(days=90)),
        "adapt": TransferStepFactory(transfer=transfer, phase="adapt"),
        "other_done": TransferStepFactory(transfer=other_transfer, status="done", progress=100),
        "other_overdue": TransferStepFactory(
            transfer=other_transfer, due_date=today - dt.timedelta(days=1)
        ),
        "d_done": DeliverableFactory(city=city, kind="draft_investment_plan", status="done"),
        "d_overdue": DeliverableFactory(
            city=city, kind="final_investment_plan", due_date=today - dt.timedelta(days=2)
        ),
        "d_other": DeliverableFactory(city=other_city, kind="draft_investment_plan"),
    }
    return made


def export(client, fmt="csv", **params):
    return client.get(f"/en/workspace/export/{fmt}/", params)


def test_coordinator_export_holds_only_their_city(client, coordinator, network_data):
    client.force_login(coordinator)
    response = export(client)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="citisense-progress-')
    sections = csv_sections(response)
    own = {k for k in network_data if not k.startswith(("other", "d_"))}
    assert ids(sections["Steps"]) == {network_data[k].pk for k in own}
    assert ids(sections["Deliverables"]) == {
        network_data["d_done"].pk,
        network_data["d_overdue"].pk,
    }


def test_coordinator_cannot_export_another_city_by_naming_it(
    client, coordinator, network_data, other_city
):
    client.force_login(coordinator)
    sections = csv_sections(export(client, city=other_city.pk))
    assert network_data["other_done"].pk not in ids(sections["Steps"])
    assert network_data["d_other"].pk not in ids(sections["Deliverables"])


@pytest.mark.parametrize(
    ("params", "steps", "deliverables"),
    [
        ({"status": "done"}, {"done", "other_done"}, {"d_done"}),
        ({"overdue": "on"}, {"overdue", "other_overdue"}, {"d_overdue"}),
        ({"due_within": "10"}, {"soon"}, set()),
        # Deliverables have phases too: every one here is in "adapt".
        ({"phase": "adapt"}, {"adapt"}, {"d_done", "d_overdue", "d_other"}),
        ({"phase": "reuse"}, set(), set()),
        ({"status": "done", "city": "CITY"}, {"done"}, {"d_done"}),
    ],
)
def test_lead_staff_export_contains_exactly_the_filtered_rows(
    client, lead_staff, network_data, city, params, steps, deliverables
):
    params = {k: (city.pk if v == "CITY" else v) for k, v in params.items()}
    client.force_login(lead_staff)
    sections = csv_sections(export(client, **params))
    assert ids(sections["Steps"]) == {network_data[k].pk for k in steps}
    assert ids(sections["Deliverables"]) == {network_data[k].pk for k in deliverables}
    # The page with the same filters shows the same steps.
    page = client.get("/en/workspace/", params)
    assert {s["pk"] for s in page.context["steps"]} == {network_data[k].pk for k in steps}


def test_practice_filter(client, lead_staff, network_data, network, city):
    from tests.factories import PracticeFactory

    other_practice = PracticeFactory(network=network)
    extra = TransferStepFactory(transfer=TransferFactory(city=city, practice=other_practice))
    client.force_login(lead_staff)
    sections = csv_sections(export(client, practice=other_practice.pk))
    assert ids(sections["Steps"]) == {extra.pk}


def test_xlsx_has_the_same_rows_on_two_sheets(client, lead_staff, network_data):
    client.force_login(lead_staff)
    response = export(client, "xlsx", status="done")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Steps", "Deliverables", "Indicators"]
    steps = list(workbook["Steps"].iter_rows(min_row=2, values_only=True))
    deliverables = list(workbook["Deliverables"].iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in steps} == {network_data["done"].pk, network_data["other_done"].pk}
    assert {row[0] for row in deliverables} == {network_data["d_done"].pk}
    header = next(workbook["Steps"].iter_rows(max_row=1, values_only=True))
    assert header[:3] == ("ID", "City", "Practice")


def test_export_headers_follow_the_language(client, lead_staff, network_data):
    client.force_login(lead_staff)
    response = client.get("/el/workspace/export/csv/")
    assert "Πόλη" in response.content.decode("utf-8-sig")


def test_formulas_in_titles_are_neutralised(client, lead_staff, transfer, city):
    due = TODAY() + dt.timedelta(days=12)
    TransferStepFactory(
        transfer=transfer, title='=HYPERLINK("http://evil.example","x")', due_date=due
    )
    DeliverableFactory(city=city, kind="other", title="-2+3 our plan")
    client.force_login(lead_staff)
    sections = csv_sections(export(client))
    assert sections["Steps"][0]["Step"] == '\'=HYPERLINK("http://evil.example","x")'
    assert sections["Steps"][0]["Due date"] == due.isoformat()
    assert sections["Deliverables"][0]["Deliverable"] == "'-2+3 our plan"
    response = export(client, "xlsx")
    assert response["Content-Disposition"] == (
        f'attachment; filename="citisense-progress-{TODAY().isoformat()}.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    cell = workbook["Steps"]["E2"]
    assert cell.data_type == "s"
    assert cell.value == '\'=HYPERLINK("http://evil.example","x")'
    assert workbook["Deliverables"]["C2"].value == "'-2+3 our plan"
    # The due date is a date, the progress a number, and the columns have widths.
    assert workbook["Steps"]["H2"].is_date and workbook["Steps"]["H2"].value.date() == due
    assert workbook["Steps"]["G2"].data_type == "n"
    assert workbook["Steps"]["K2"].is_date  # the last change, a moment
    assert workbook["Steps"].column_dimensions["E"].width >= len(cell.value)


def test_invalid_filters_are_refused_not_ignored(client, lead_staff, network_data):
    client.force_login(lead_staff)
    assert export(client, status="nearly").status_code == 400
    assert export(client, due_within="-4").status_code == 400
    assert client.get("/en/workspace/export/pdf/").status_code == 404
