"""Apps depend in one direction: no import cycle between apps or between modules of an app
(imports inside functions count too), and the shared helpers import no domain app."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "accounts",
    "bench",
    "caching",
    "cities",
    "citisense",
    "common",
    "meetings",
    "news",
    "notifications",
    "operations",
    "portal",
    "practices",
    "privacy",
    "workspace",
]
DOMAIN_APPS = set(APPS) - {"common", "citisense", "bench"}


def _modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imports() -> dict[str, set[str]]:
    modules = _modules()

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                targets |= {base, *(f"{base}.{alias.name}" for alias in node.names)}
        graph[name] = {found for found in map(known, targets) if found and found != name}
    return graph


def _unit(module: str) -> str:
    # The project package is no app: its settings and URLs sit above every app, its helpers
    # (uploads, sanitising) below them.
    return module if module.startswith("citisense") else module.split(".")[0]


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in list(graph):
        if node not in index:
            visit(node)
    return cycles


@pytest.fixture(scope="module")
def graph():
    return _imports()


def test_no_module_imports_another_in_a_cycle(graph):
    assert _cycles(graph) == []


def test_no_app_imports_another_in_a_cycle(graph):
    apps: dict[str, set[str]] = {}
    for module, targets in graph.items():
        apps.setdefault(_unit(module), set()).update(
            _unit(target) for target in targets if _unit(target) != _unit(module)
        )
    assert _cycles(apps) == []


def test_cities_import_nothing_from_practices(graph):
    assert not {
        target
        for module, targets in graph.items()
        if module.startswith("cities")
        for target in targets
        if target.startswith("practices")
    }


def test_the_shared_helpers_import_no_domain_app(graph):
    assert not {
        target
        for module, targets in graph.items()
        if module.startswith("common")
        for target in targets
        if target.split(".")[0] in DOMAIN_APPS
    }


def test_the_outbox_imports_no_domain_app():
    """``notifications`` sends what the apps above it compose and register: it imports none of
    them (only ``common``), not even inside a function."""
    from django.apps import apps

    ours = {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(ROOT)
    }
    above = ours - {"common", "notifications"}
    found = set()
    for path in (ROOT / "notifications").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            found |= {
                f"{path.relative_to(ROOT)}: {name}" for name in names if name.split(".")[0] in above
            }
    assert "ulg" in above and "meetings" in above  # the apps were found
    assert sorted(found) == []
