"""The production server: gunicorn with our config serves the app and logs JSON lines."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_gunicorn_serves_healthz_and_logs_json_access_lines():
    port = free_port()
    params = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "citisense.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "citisense.example",
            "SITE_URL": "https://citisense.example",
            "DATABASE_URL": f"postgres://{params['USER'] or 'postgres'}@"
            f"{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{params['NAME']}",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "1",
        }
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "citisense.wsgi:application", "--config", "citisense/gunicorn.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = json.loads(r.read())
                    break
            except OSError:
                time.sleep(0.1)
        assert body is not None, "gunicorn did not answer"
        assert body["status"] == "ok"
    finally:
        server.terminate()
        stdout, stderr = server.communicate(timeout=30)
    access = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    healthz = [line for line in access if line.get("path") == "/healthz"]
    assert healthz, stdout + stderr
    assert healthz[0]["status"] == 200
    assert healthz[0]["method"] == "GET"
    assert isinstance(healthz[0]["duration_ms"], int)
    errors = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    assert any("Booting worker" in line["message"] for line in errors), stderr


def test_a_worker_freezes_what_its_first_requests_built_and_nothing_after():
    """What a worker's first requests keep (compiled templates, catalogues, prepared SQL) is
    moved out of the collector's reach after its 1st, 10th and 100th request, and only then."""
    import gc
    import importlib.util
    from types import SimpleNamespace

    spec = importlib.util.spec_from_file_location("gunicorn_config", ROOT / "citisense/gunicorn.py")
    config = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(config)
    worker = SimpleNamespace()
    frozen_after = []
    try:
        for number in range(1, 121):
            kept = [number]  # what a request builds and the worker keeps
            before = gc.get_freeze_count()
            config.post_request(worker, None, {}, None)
            if gc.get_freeze_count() > before:
                frozen_after.append(number)
                # Out of the collector's generations: a full collection no longer walks it.
                assert not any(tracked is kept for tracked in gc.get_objects())
    finally:
        gc.unfreeze()
    assert frozen_after == [1, 10, 100]
