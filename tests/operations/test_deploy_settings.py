"""Production settings, checked the way an operator would: by running manage.py with them."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_env(**overrides) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SENTRY_", "SITE_URL"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "citisense.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "citisense.example",
            "SITE_URL": "https://citisense.example",
        }
    )
    env.update(overrides)
    return env


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_the_site_is_not_served_over_https():
    """The HTTPS-only settings follow SITE_URL; an http deployment is flagged, not hidden."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(SITE_URL="http://citisense.example"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS
    assert "security.W012" in result.stderr + result.stdout  # session cookie not secure


PRINT_SETTINGS = """
import django, json
django.setup()
from django.conf import settings
import sentry_sdk
print(json.dumps({
    "proxy": settings.SECURE_PROXY_SSL_HEADER,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "redirect": settings.SECURE_SSL_REDIRECT,
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "frame": settings.X_FRAME_OPTIONS,
    "script_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"],
    "log_format": settings.LOGGING["handlers"]["console"]["formatter"],
    "sentry": sentry_sdk.get_client().is_active(),
}))
"""


def test_production_settings_values():
    result = run_python(PRINT_SETTINGS, production_env())
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["hsts"] >= 31_536_000
    assert values["redirect"] and values["session_secure"] and values["csrf_secure"]
    assert values["session_httponly"]
    assert values["frame"] == "DENY"
    assert values["script_src"] == ["'self'"]
    assert values["log_format"] == "json"
    assert values["sentry"] is False


def test_sentry_is_switched_on_only_by_its_environment_variable():
    env = production_env(SENTRY_DSN="https://publickey@sentry.invalid/1")
    result = run_python(PRINT_SETTINGS, env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sentry"] is True


def test_logs_are_one_json_object_per_line_in_production():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('citisense.test').warning('disk %s', 'almost full')"
    )
    result = run_python(code, production_env())
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "disk almost full"
    assert line["level"] == "WARNING"
    assert line["logger"] == "citisense.test"
    assert "time" in line
