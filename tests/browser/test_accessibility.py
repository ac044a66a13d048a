"""axe-core on every kind of page a resident or a coordinator meets, in Greek and in English."""

import pytest

from tests.browser.a11y import blocking_violations, describe
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
