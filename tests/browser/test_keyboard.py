"""The sign-in and step-update forms work with the keyboard alone: Tab, typing and Enter."""

import re

import pytest
from playwright.sync_api import expect

from practices.models import Phase
from tests.browser.keyboard import focused, tab_until
from tests.browser.test_coordinator_journeys import PASSWORD, naples_coordinator, naples_step

pytestmark = pytest.mark.browser


def test_coordinator_signs_in_with_the_keyboard_alone(page, site):
    coordinator = naples_coordinator(site)
    page.goto("/en/accounts/login/")

    tab_until(page, "login")
    assert focused(page)["label"] == "Email"
    page.keyboard.type(coordinator.email)
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/en/workspace/$"))
    expect(page.get_by_text("Signed in as Maria Esposito", exact=True)).to_be_visible()


def test_coordinator_updates_a_step_with_the_keyboard_alone(page, context, sign_in_as, site):
    sign_in_as(context, naples_coordinator(site))
    step = naples_step(site, Phase.REUSE, "Open the first neighbourhood safety desk")
    page.goto(f"/en/workspace/steps/{step.pk}/edit/")

    tab_until(page, "status")
    # A closed list box picks the option whose label starts with what is typed.
    page.keyboard.type("In")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "progress"
    page.keyboard.type("25")  # tabbing into a field selects its text, so this replaces it
    tab_until(page, "notes")
    page.keyboard.type("Premises found; the desk opens next month.")
    page.keyboard.press("Tab")
    assert focused(page)["label"] == "Save"
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("The step is saved.")
    step.refresh_from_db()
    assert (step.status, step.progress, step.notes) == (
        "in_progress",
        25,
        "Premises found; the desk opens next month.",
    )
