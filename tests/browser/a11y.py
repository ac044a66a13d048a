"""Accessibility checks with axe-core (bundled by axe-playwright-python) inside the real page."""

from axe_playwright_python.sync_playwright import Axe

# The Web Accessibility Directive points at EN 301 549, i.e. WCAG 2.1 level AA: every failure of
# those rules counts, whatever axe's impact. axe's best-practice rules are kept too, failing the
# test when serious or critical, since those hurt real users as much.
WCAG_TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": [*sorted(WCAG_TAGS), "best-practice"]},
    "resultTypes": ["violations"],
}
BLOCKING_IMPACTS = {"serious", "critical"}

_axe = Axe()


def _blocks(violation: dict) -> bool:
    return violation.get("impact") in BLOCKING_IMPACTS or bool(WCAG_TAGS & set(violation["tags"]))


def blocking_violations(page) -> list[dict]:
    """The axe violations on the page as it is now that must fail a test."""
    # Playwright evaluates the script through the DevTools protocol, so the page's
    # Content-Security-Policy (script-src 'self') does not stop axe from being injected.
    results = _axe.run(page, options=AXE_OPTIONS)
    return [v for v in results.response["violations"] if _blocks(v)]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {' '.join(node['target'])}: {summary}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    violations = blocking_violations(page)
    assert not violations, f"axe found on {page.url}:\n{describe(violations)}"
