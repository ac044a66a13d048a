"""Accessibility checks with axe-core (bundled by axe-playwright-python) inside the real page."""

from axe_playwright_python.sync_playwright import Axe

# The Web Accessibility Directive points at EN 301 549, i.e. WCAG 2.1 level AA; axe's
# best-practice rules are kept too, since their serious findings hurt real users as much.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
BLOCKING_IMPACTS = {"serious", "critical"}

_axe = Axe()


def blocking_violations(page) -> list[dict]:
    """The serious and critical axe violations on the page as it is now."""
    # Playwright evaluates the script through the DevTools protocol, so the page's
    # Content-Security-Policy (script-src 'self') does not stop axe from being injected.
    results = _axe.run(page, options=AXE_OPTIONS)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    violations = blocking_violations(page)
    assert not violations, f"axe found on {page.url}:\n{describe(violations)}"
