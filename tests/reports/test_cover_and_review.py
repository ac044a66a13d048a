"""The network report names every partner city with its state for the period, under a cover
summary; a reopened report shows the lead's comment where the coordinator looks; submitting is
the primary button and asks for confirmation on a page of its own (no script)."""

import datetime as dt
import io
import re

import pytest
from django.utils import translation
from openpyxl import load_workbook

from cities.models import Membership
from reports import documents, services
from reports.models import CityReport
from reports.selectors import network_period
from tests.factories import CityFactory, MembershipFactory, UserFactory

from .conftest import en_url, report_url, write
from .test_network_report import pdf_text

pytestmark = pytest.mark.django_db

Status = CityReport.Status


def _writer(place, email):
    user = UserFactory(email=email)
    MembershipFactory(user=user, city=place, role=Membership.Role.CITY_COORDINATOR)
    return user


@pytest.fixture
def six_cities(period, lead_city, city, coordinator, other_city, other_coordinator, lead_staff):
    """Six partner cities, two of which have not reported: one accepted, one submitted, one
    reopened, one draft, two not started."""
    reopened_city = CityFactory(network=period.network, name_en="Reopenville", name_el="Ξανάπολη")
    draft_city = CityFactory(network=period.network, name_en="Draftburg", name_el="Πρόχειρη")
    CityFactory(network=period.network, name_en="Silentburg", name_el="Σιωπηλή")

    accepted = write(
        services.open_report(period=period, city=city, user=coordinator), coordinator, submit=True
    )
    services.accept_report(report=accepted, user=lead_staff, expected_version=accepted.version)
    write(
        services.open_report(period=period, city=other_city, user=other_coordinator),
        other_coordinator,
        submit=True,
    )
    writer = _writer(reopened_city, "reopen@example.org")
    sent = write(
        services.open_report(period=period, city=reopened_city, user=writer), writer, submit=True
    )
    services.reopen_report(
        report=sent,
        user=lead_staff,
        expected_version=sent.version,
        comment="Add the =SUM(A1) minutes.",
    )
    drafter = _writer(draft_city, "draft@example.org")
    services.open_report(period=period, city=draft_city, user=drafter)
    statuses = network_period(period=period)
    assert len(statuses) == 6
    return {entry.city.name_en: entry.state for entry in statuses}


EXPECTED_EN = {
    "accepted": "Accepted",
    "submitted": "Submitted",
    "reopened": "Reopened",
    "draft": "Draft",
    "not_started": "Not started",
}


def test_the_pdf_names_all_six_cities_with_their_state(six_cities, period):
    with translation.override("en"):
        names = {entry.city.name: entry.state for entry in network_period(period=period)}
        text = pdf_text(documents.network_pdf(period=period))
    assert sorted(six_cities.values()) == sorted(
        ["accepted", "submitted", "reopened", "draft", "not_started", "not_started"]
    )
    for name, state in names.items():
        assert re.search(rf"{re.escape(name)}\s+{EXPECTED_EN[state]}", text), (name, state)
    # The cover summary: the network, the period and the count of cities in each state.
    cover = text.split("Contents")[0]
    assert period.network.name in cover and "Period 1" in cover
    assert "6 partner cities report on this period" in cover
    for label, count in [
        ("Not started", 2),
        ("Draft", 1),
        ("Submitted", 1),
        ("Reopened", 1),
        ("Accepted", 1),
    ]:
        assert re.search(rf"^\s*{label}\s+{count}\s*$", cover, re.MULTILINE), label
    # Only the accepted report's text is compiled.
    assert text.count("We restored two playgrounds.") == 1


def test_the_pdf_in_greek_names_the_states_in_greek(six_cities, period):
    with translation.override("el"):
        text = pdf_text(documents.network_pdf(period=period))
    for name, state in [("Σιωπηλή", "Δεν έχει ξεκινήσει"), ("Πρόχειρη", "Πρόχειρο")]:
        assert re.search(rf"{name}\s+{state}", text), name


def test_the_xlsx_has_a_summary_and_every_city_with_real_dates(six_cities, period):
    with translation.override("en"):
        workbook = load_workbook(io.BytesIO(documents.network_xlsx(period=period)))
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Network"] == period.network.name
    assert summary["Start date"] == dt.datetime.combine(period.start_date, dt.time())
    assert workbook["Summary"]["B4"].is_date
    assert (summary["Not started"], summary["Draft"], summary["Accepted"]) == (2, 1, 1)
    assert summary["Partner cities"] == 6
    cities = workbook["Cities"]
    rows = list(cities.iter_rows(min_row=2, values_only=True))
    assert {row[0]: row[1] for row in rows}["Silentburg"] == "Not started"
    assert len(rows) == 6
    accepted = next(row for row in rows if row[1] == "Accepted")
    assert isinstance(accepted[2], dt.datetime) and isinstance(accepted[3], dt.datetime)
    assert cities.column_dimensions["A"].width >= len("Reopenville")
    assert cities.freeze_panes == "A2" and cities["A1"].font.b


# --- A reopened report ------------------------------------------------------------------------


@pytest.fixture
def reopened(draft, coordinator, lead_staff):
    sent = write(draft, coordinator, submit=True)
    return services.reopen_report(
        report=sent,
        user=lead_staff,
        expected_version=sent.version,
        comment="Add the attendance of the March meeting.",
    )


def test_the_reopening_comment_opens_the_draft_page(client, reopened, coordinator):
    client.force_login(coordinator)
    page = client.get(report_url(reopened)).content.decode()
    comment = page.index("Add the attendance of the March meeting.")
    assert comment < page.index("Narrative") < page.index("History")
    assert "asking for changes" in page[:comment]


def test_the_reopening_comment_is_in_the_reports_list(client, reopened, coordinator):
    client.force_login(coordinator)
    page = client.get(en_url("reports:index")).content.decode()
    assert "Reopened" in page
    assert "Add the attendance of the March meeting." in page


def test_an_accepted_report_shows_no_old_reopening_on_top(
    client, reopened, coordinator, lead_staff
):
    report = write(reopened, coordinator, submit=True)
    services.accept_report(report=report, user=lead_staff, expected_version=report.version)
    client.force_login(coordinator)
    page = client.get(report_url(report)).content.decode()
    assert page.index("Add the attendance") > page.index("History")  # only in the history


# --- Submitting asks for confirmation ---------------------------------------------------------


TEXT = {"achievements": "Two playgrounds.", "difficulties": "", "next_steps": "More."}


def test_submit_is_the_primary_button(client, draft, coordinator):
    client.force_login(coordinator)
    page = client.get(report_url(draft)).content.decode()
    submit = re.search(r'<button class="([^"]+)"[^>]*value="submit"', page)
    save = re.search(r'<button class="([^"]+)"[^>]*value="save"', page)
    assert submit.group(1) == "button button--primary"
    assert save.group(1) == "button button--secondary"
    assert page.index('value="submit"') < page.index('value="save"')


def test_submitting_saves_the_draft_and_asks_first(client, draft, coordinator, lead_staff):
    client.force_login(coordinator)
    response = client.post(report_url(draft), TEXT | {"version": draft.version, "action": "submit"})
    confirm_url = en_url("reports:submit", draft.period_id, draft.city.slug)
    assert response.status_code == 302 and response["Location"] == confirm_url
    draft.refresh_from_db()
    assert (draft.status, draft.achievements) == (Status.DRAFT, "Two playgrounds.")
    assert not draft.transitions.filter(to_status=Status.SUBMITTED).exists()

    page = client.get(confirm_url).content.decode()
    assert "Submit the report of" in page
    assert "Two playgrounds." in page  # what will be sent
    assert "<script" not in page.split("<main", 1)[-1].split("</main>")[0]
    assert "Yes, submit to lead staff" in page
    assert "No, go back to the draft" in page

    response = client.post(confirm_url, {"version": draft.version})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert (
        "The report is submitted to lead staff."
        in client.get(response["Location"]).content.decode()
    )


def test_a_confirmation_from_an_older_version_submits_nothing(client, draft, coordinator):
    client.force_login(coordinator)
    client.post(report_url(draft), TEXT | {"version": draft.version, "action": "submit"})
    draft.refresh_from_db()
    seen = draft.version
    write(draft, coordinator, achievements="Changed in another tab.")
    confirm_url = en_url("reports:submit", draft.period_id, draft.city.slug)
    response = client.post(confirm_url, {"version": seen}, follow=True)
    assert "The report changed after you asked to submit it" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_the_confirmation_page_is_not_for_other_cities(client, draft, other_coordinator):
    client.force_login(other_coordinator)
    confirm_url = en_url("reports:submit", draft.period_id, draft.city.slug)
    assert client.get(confirm_url).status_code == 404
    assert client.post(confirm_url, {"version": draft.version}).status_code == 404
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_submitted_report_has_nothing_to_confirm(client, draft, coordinator):
    submitted = write(draft, coordinator, submit=True)
    client.force_login(coordinator)
    confirm_url = en_url("reports:submit", draft.period_id, draft.city.slug)
    response = client.post(confirm_url, {"version": submitted.version})
    assert response.status_code == 302 and response["Location"] == report_url(submitted)
    assert CityReport.objects.get(pk=draft.pk).transitions.count() == 2
