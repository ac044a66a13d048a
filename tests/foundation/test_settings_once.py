"""Each setting is written once, by name, in the settings module that owns it: no setting reaches
Django through another module's star import of something it merely imported, none is injected
with ``vars().update``, none is assigned twice."""

import ast
from collections import Counter
from pathlib import Path

from django.conf import settings

CONFIG = Path(__file__).resolve().parents[2] / "citisense"
#: What Django reads, in the order settings.py star-imports them (test_settings overrides on top).
MODULES = ["environment.py", "settings.py", "settings_security.py", "settings_services.py"]


def _assigned(path: Path) -> list[str]:
    """The upper-case names a module assigns at its top level (inside ``if`` blocks too)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign | ast.AugAssign)
            else []
        )
        for target in targets:
            # A name, or names unpacked from a tuple; not an item of a dictionary being built.
            for name in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(name, ast.Name) and name.id.isupper():
                    names.append(name.id)
    return names


def test_no_setting_is_assigned_twice():
    counts = Counter(name for module in MODULES for name in _assigned(CONFIG / module))
    assert {name for name, count in counts.items() if count > 1} == set()


def test_no_setting_is_injected_without_its_name():
    for module in MODULES:
        source = (CONFIG / module).read_text()
        assert "vars()" not in source and "globals()" not in source, module


def test_the_time_zone_and_the_email_settings_are_named_where_they_are_set():
    assert "TIME_ZONE" in _assigned(CONFIG / "settings.py")
    assert settings.TIME_ZONE == settings.CELERY_TIMEZONE == "Europe/Athens"
    services = _assigned(CONFIG / "settings_services.py")
    for name in ("EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_USE_TLS"):
        assert name in services
