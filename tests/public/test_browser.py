"""The public pages in a real browser: accessible (axe-core, WCAG 2.1 AA), phone-sized without
sideways scrolling, and making no request to another host."""

import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from .helpers import url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def pages(site) -> list[str]:
    paths = []
    for language in ("el", "en"):
        paths += [
            url("portal:home", language),
            url("news:list", language),
            url("news:detail", language, site.greek_only.slug),
            url("practices:detail", language, site.council.slug),
            url("cities:detail", language, site.naples.slug),
            url("meetings:detail", language, site.meeting.slug),
            url("portal:progress", language),
            url("portal:search", language) + "?q=naples",
            f"/{language}/nowhere/",
        ]
    return paths


def test_pages_are_accessible_fit_a_phone_and_stay_on_this_host(live_server, site, monkeypatch):
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium is missing: run `make system-deps`")
    # Playwright's sync API runs an event loop in this thread; the ORM is not used meanwhile.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    axe = Axe()
    foreign: list[str] = []
    problems: dict[str, object] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        for width in (1280, 375):
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.on(
                "request",
                lambda request: (
                    None if request.url.startswith(live_server.url) else foreign.append(request.url)
                ),
            )
            for path in pages(site):
                page.goto(live_server.url + path)
                if width == 1280:
                    results = axe.run(page, options=WCAG_AA)
                    if results.violations_count:
                        problems[path] = results.generate_report()
                else:
                    overflow = page.evaluate(
                        "document.documentElement.scrollWidth - window.innerWidth"
                    )
                    if overflow > 0:
                        problems[f"{path} at {width}px"] = f"{overflow}px wider than the screen"
            page.close()
        browser.close()
    assert foreign == []
    assert problems == {}
