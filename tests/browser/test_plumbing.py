"""The browser test tools themselves: each check can fail, and the sign-in shortcut works."""

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import blocking_violations
from tests.browser.keyboard import tab_until

pytestmark = pytest.mark.browser


def test_axe_reports_a_serious_violation_when_a_page_has_one(page, network):
    page.goto("/en/")
    assert blocking_violations(page) == []
    # An image without alternative text is a critical failure for a screen-reader user.
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')"
    )
    assert [v["id"] for v in blocking_violations(page)] == ["image-alt"]


def test_a_context_signed_in_without_the_form_is_recognised_by_the_site(
    context, page, coordinator, sign_in_as
):
    page.goto("/en/")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    sign_in_as(context, coordinator)
    page.reload()

    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_tabbing_fails_on_a_control_whose_focus_cannot_be_seen(new_context, network):
    page = new_context(bypass_csp=True).new_page()  # only so that the test may add a style
    page.goto("/en/")
    tab_until(page, "q")  # the header's search field shows its focus

    page.goto("/en/")
    page.add_style_tag(content="*:focus-visible { outline: none !important; box-shadow: none; }")
    with pytest.raises(AssertionError, match="focus unseen"):
        tab_until(page, "q")
