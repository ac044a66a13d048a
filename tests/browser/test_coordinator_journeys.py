"""Coordinators keep their city's progress up to date, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from cities.models import Membership
from practices.models import Phase, TransferStep
from tests.browser.a11y import assert_accessible
from tests.browser.fixtures import sign_in_with_form
from tests.factories import MembershipFactory, UserFactory
from tests.workspace.files import PDF_BYTES

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery"


def naples_coordinator(site, email="maria@napoli.example", name="Maria Esposito"):
    user = UserFactory(email=email, full_name=name, preferred_language="en")
    MembershipFactory(user=user, city=site.naples, role=Membership.Role.CITY_COORDINATOR)
    return user


def naples_step(site, phase, title) -> TransferStep:
    step = TransferStep.objects.get(transfer__city=site.naples, phase=phase)
    step.title = title
    step.save()
    return step


def naples_progress(page) -> str:
    """The overall figure of Naples on the public progress page."""
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Naples"))
    return row.get_by_role("cell").first.locator(".bar-value").first.inner_text()


def test_coordinator_updates_a_step_uploads_evidence_and_sees_it_in_public(page, site, screenshot):
    coordinator = naples_coordinator(site)
    step = naples_step(site, Phase.REUSE, "Open the first neighbourhood safety desk")
    page.goto("/en/progress/")
    # Naples: understand 100%, adapt 50%, re-use 0% → 50% overall.
    assert naples_progress(page) == "50%"

    page.get_by_role("link", name="Sign in").click()
    sign_in_with_form(page, email=coordinator.email, password=PASSWORD)
    expect(page).to_have_url(re.compile(r"/en/workspace/$"))
    page.get_by_role("article").get_by_role("link", name=step.title).click()
    page.get_by_role("link", name="Update this step").click()
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_label("Progress").fill("30")
    page.get_by_label("Notes").fill("The desk opens on Mondays at the Sanità library.")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("status")).to_contain_text("The step is saved.")
    expect(page).to_have_url(re.compile(rf"/en/workspace/steps/{step.pk}/$"))

    page.get_by_label("File").set_input_files(
        {"name": "desk-opening.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_label("What it shows").fill("Photos of the opening day")
    page.get_by_role("button", name="Upload").click()

    expect(page.get_by_role("status")).to_contain_text("The file is attached to the step.")
    evidence = page.get_by_role("region", name="Evidence")
    expect(evidence.get_by_role("row", name=re.compile("desk-opening.pdf"))).to_contain_text(
        "Photos of the opening day"
    )
    with page.expect_download() as download_info:
        evidence.get_by_role("link", name="desk-opening.pdf").click()
    assert download_info.value.path().read_bytes() == PDF_BYTES

    history = page.get_by_role("region", name="History")
    latest = history.get_by_role("listitem").first
    expect(latest).to_contain_text("Maria Esposito")
    expect(latest).to_contain_text("Status: Planned → In progress")
    expect(latest).to_contain_text("Progress (%): 0% → 30%")
    expect(latest).not_to_contain_text("Title")
    assert_accessible(page)  # with a file, messages and history on the page
    screenshot(page, "step")

    page.get_by_role("link", name="Progress", exact=True).click()
    # Re-use is now at 30%: (100 + 50 + 30) / 3 = 60% overall.
    assert naples_progress(page) == "60%"


def test_second_of_two_simultaneous_edits_gets_the_conflict_and_the_first_survives(
    new_context, sign_in_as, site
):
    maria = naples_coordinator(site)
    giulia = naples_coordinator(site, email="giulia@napoli.example", name="Giulia Russo")
    step = naples_step(site, Phase.ADAPT, "Adapt the council's charter to Naples")
    first, second = new_context(), new_context()
    sign_in_as(first, maria)
    sign_in_as(second, giulia)
    maria_page, giulia_page = first.new_page(), second.new_page()
    edit_url = f"/en/workspace/steps/{step.pk}/edit/"
    maria_page.goto(edit_url)
    giulia_page.goto(edit_url)

    maria_page.get_by_label("Progress").fill("70")
    maria_page.get_by_role("button", name="Save").click()
    expect(maria_page.get_by_role("status")).to_contain_text("The step is saved.")

    giulia_page.get_by_label("Progress").fill("20")
    giulia_page.get_by_role("button", name="Save").click()

    conflict = giulia_page.get_by_role(
        "region", name="Changed by someone else while you were editing"
    )
    expect(conflict).to_contain_text("Maria Esposito")
    expect(conflict).to_contain_text("50% → 70%")
    # Giulia's own value is kept in the form, for her to save again if she still means it.
    expect(giulia_page.get_by_label("Progress")).to_have_value("20")
    assert_accessible(giulia_page)
    step.refresh_from_db()
    assert step.progress == 70
    maria_page.reload()
    expect(maria_page.locator(".facts")).to_contain_text("70%")


def test_coordinator_cannot_open_another_citys_step(page, context, sign_in_as, site):
    sign_in_as(context, naples_coordinator(site))
    geel_step = TransferStep.objects.filter(transfer__city=site.geel).first()

    for path in (
        f"/en/workspace/steps/{geel_step.pk}/",
        f"/en/workspace/steps/{geel_step.pk}/edit/",
    ):
        response = page.goto(path)
        assert response.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        expect(page.get_by_text(geel_step.title)).to_have_count(0)

    # The refusal is about Geel, not about being signed out: Naples' own steps still open.
    naples = TransferStep.objects.filter(transfer__city=site.naples).first()
    assert page.goto(f"/en/workspace/steps/{naples.pk}/").status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(naples.title)
