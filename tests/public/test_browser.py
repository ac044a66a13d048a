"""The public pages in a real browser: phone-sized without sideways scrolling, and making no
request to another host. (Their axe-core scan is in tests/browser/test_accessibility.py.)"""

import pytest

from .helpers import url

pytestmark = pytest.mark.browser


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


def test_pages_fit_a_phone_and_stay_on_this_host(new_context, live_server, site):
    foreign: list[str] = []
    problems: dict[str, str] = {}
    page = new_context(viewport={"width": 375, "height": 800}).new_page()
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else foreign.append(request.url)
        ),
    )
    for path in pages(site):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems[path] = f"{overflow}px wider than the screen"
    assert foreign == []
    assert problems == {}
