"""Apps depend in one direction: no import cycle between apps or between modules (imports inside
functions count too); the shared helpers import no domain app; no domain app imports the pages
that sit on top of them (`workspace`, `portal`); the project package holds configuration only.

The apps are read from ``INSTALLED_APPS``: an app added there is checked without editing this
file."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps

ROOT = Path(__file__).resolve().parents[2]
#: The configuration package: settings, URLs, the WSGI/ASGI/Celery entry points. No app.
CONFIG = "citisense"
#: The pages on top of the domain: they may import any app; no app imports them. ``archive``
#: renders the public pages into the closed network's static site.
TOP = {"workspace", "portal", "archive", "networks"}
#: The shared helpers, below every app, and the benchmark tool (a development aid on top).
SHARED, TOOLS = "common", {"bench"}
#: What the configuration package may hold: settings modules and entry points, nothing else.
CONFIG_MODULES = re.compile(
    r"citisense(\.(__init__|settings|settings_\w+|test_settings|environment|urls|wsgi|asgi"
    r"|celery|gunicorn))?"
)
#: The one configuration module that imports apps: the root URLconf includes their URLs.
CONFIG_IMPORTING_APPS = {"citisense.urls"}
# The settings' list types: ALLOWED_HOSTS and CSRF_TRUSTED_ORIGINS follow the networks' hosts.
SETTINGS_TYPES = {"common.hosts"}


def _project_apps() -> list[str]:
    """The installed apps whose package lives in this repository (not in the environment)."""
    return sorted(
        config.name for config in django_apps.get_app_configs() if Path(config.path).parent == ROOT
    )


PROJECT = _project_apps()
DOMAIN = set(PROJECT) - TOP - TOOLS - {SHARED}


def _modules() -> dict[str, Path]:
    found = {}
    for app in [*PROJECT, CONFIG]:
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


def _app(module: str) -> str:
    return module.split(".")[0]


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


def _edges(graph, source, target) -> set[str]:
    """``module -> module`` for each import from a module ``source`` accepts of one ``target``
    accepts."""
    return {
        f"{module} -> {imported}"
        for module, imported_modules in graph.items()
        if source(module)
        for imported in imported_modules
        if target(imported)
    }


@pytest.fixture(scope="module")
def graph():
    return _imports()


def test_every_package_of_the_repository_is_an_installed_app_or_the_configuration():
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests"}
    assert packages == {*PROJECT, CONFIG}
    # The layers below name apps that exist, so a renamed app cannot slip out of the rules.
    assert {*TOP, *TOOLS, SHARED} <= set(PROJECT)
    assert {"reports", "ulg", "indicators", "outputs", "registrations"} <= DOMAIN


def test_no_module_imports_another_in_a_cycle(graph):
    assert _cycles(graph) == []


def test_no_app_imports_another_in_a_cycle(graph):
    apps: dict[str, set[str]] = {}
    for module, targets in graph.items():
        apps.setdefault(_app(module), set()).update(
            _app(target) for target in targets if _app(target) != _app(module)
        )
    assert _cycles(apps) == []


def test_no_domain_app_imports_the_pages_on_top(graph):
    assert not _edges(graph, lambda m: _app(m) in DOMAIN | {SHARED}, lambda t: _app(t) in TOP)


def test_the_shared_helpers_import_no_app(graph):
    assert not _edges(graph, lambda m: _app(m) == SHARED, lambda t: _app(t) not in {SHARED})


def test_cities_import_nothing_from_practices(graph):
    assert not _edges(graph, lambda m: _app(m) == "cities", lambda t: _app(t) == "practices")


def test_the_project_package_holds_configuration_only(graph):
    config_modules = {module for module in graph if _app(module) == CONFIG}
    assert {m for m in config_modules if not CONFIG_MODULES.fullmatch(m)} == set()
    # No app reaches into it (settings are read through django.conf.settings) ...
    assert not _edges(graph, lambda m: _app(m) != CONFIG, lambda t: _app(t) == CONFIG)
    # ... and it imports no app but to route URLs to them.
    assert not _edges(
        graph,
        lambda m: _app(m) == CONFIG and m not in CONFIG_IMPORTING_APPS,
        lambda t: _app(t) != CONFIG and t not in SETTINGS_TYPES,
    )


def test_the_outbox_imports_no_domain_app(graph):
    """``notifications`` sends what the apps above it compose and register: it imports none of
    them (only ``common``), not even inside a function."""
    assert not _edges(
        graph,
        lambda m: _app(m) == "notifications",
        lambda t: _app(t) not in {SHARED, "notifications"},
    )
