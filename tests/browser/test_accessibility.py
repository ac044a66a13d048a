"""axe-core on every kind of page a resident or a coordinator meets, in Greek and in English."""

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import blocking_violations, describe
from tests.browser.test_coordinator_journeys import naples_coordinator
from tests.public.helpers import url

pytestmark = pytest.mark.browser


def public_paths(site, language: str) -> list[str]:
    return [
        url("portal:home", language),
        url("news:list", language),
        url("news:detail", language, site.article.slug),
        # Shown in English with Greek text: the fallback must carry lang="el".
        url("news:detail", language, site.greek_only.slug),
        url("practices:detail", language, site.council.slug),
        url("cities:detail", language, site.naples.slug),
        url("portal:progress", language),
        url("meetings:list", language),
        url("meetings:detail", language, site.meeting.slug),
        url("portal:search", language) + "?q=naples",
        f"/{language}/nowhere/",
        url("account_login", language),
    ]


def workspace_paths(step, language: str) -> list[str]:
    return [
        url("workspace:home", language),
        url("workspace:step_detail", language, step.pk),
        url("workspace:step_edit", language, step.pk),
        url("workspace_meetings:list", language),
    ]


def scan(page, paths: list[str]) -> dict[str, str]:
    problems = {}
    for path in paths:
        page.goto(path)
        violations = blocking_violations(page)
        if violations:
            problems[path] = describe(violations)
    return problems


@pytest.mark.parametrize("language", ["el", "en"])
def test_public_pages_have_no_accessibility_failures(
    page,
    live_server,
    site,
    language,
):
    foreign = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else foreign.append(request)
        ),
    )

    problems = scan(page, public_paths(site, language))

    assert problems == {}, "\n".join(f"{path}\n{text}" for path, text in problems.items())
    assert foreign == []


@pytest.mark.parametrize("language", ["el", "en"])
def test_workspace_pages_have_no_accessibility_failures(page, context, sign_in_as, site, language):
    sign_in_as(context, naples_coordinator(site))
    step = site.naples.transfers.first().steps.first()

    problems = scan(page, workspace_paths(step, language))
    # The form as it comes back with an error message.
    page.goto(url("workspace:step_edit", language, step.pk))
    page.locator("input[name=progress]").fill("150")
    page.locator("form[method=post] button[type=submit]").last.click()
    expect(page.locator(".field-invalid")).to_have_count(1)
    if violations := blocking_violations(page):
        problems["step edit with an error"] = describe(violations)

    assert problems == {}, "\n".join(f"{path}\n{text}" for path, text in problems.items())
