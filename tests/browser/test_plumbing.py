"""The browser plumbing works end to end against what the foundation serves."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import assert_accessible, blocking_violations
from tests.browser.fixtures import totp_secret_of
from tests.factories import CityFactory, totp_code

pytestmark = pytest.mark.browser


def test_greek_visitor_opening_the_root_reads_the_home_page_in_greek(new_context, network):
    CityFactory(network=network, name_el="Γκέελ", name_en="Geel", country="BE")
    page = new_context(locale="el-GR").new_page()

    page.goto("/")

    expect(page).to_have_url(re.compile(r"/el/$"))
    expect(page.locator("html")).to_have_attribute("lang", "el")
    expect(page.get_by_role("heading", level=1)).to_have_text(network.name)
    expect(page.get_by_text("Γκέελ")).to_be_visible()
    assert_accessible(page)


def test_axe_reports_a_serious_violation_when_a_page_has_one(page, network):
    page.goto("/en/")
    assert blocking_violations(page) == []
    # An image without alternative text is a critical failure for a screen-reader user.
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')"
    )
    assert [v["id"] for v in blocking_violations(page)] == ["image-alt"]


def test_lead_staff_reach_the_admin_through_the_site_login_and_their_second_factor(
    page, lead_staff
):
    page.goto("/admin/")

    page.get_by_label("Email").fill(lead_staff.email)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp_code(totp_secret_of(lead_staff)))
    page.get_by_role("button", name="Sign In").click()

    expect(page.get_by_role("heading", name="Network management")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_a_context_signed_in_without_the_form_is_recognised_by_the_site(
    context, page, coordinator, sign_in_as
):
    page.goto("/en/")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    sign_in_as(context, coordinator)
    page.reload()

    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
