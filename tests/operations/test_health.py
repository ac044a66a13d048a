"""GET /healthz: what a load balancer or an operator asks every few seconds."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


def test_healthy(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert body["checks"] == {
        "database": {"status": "ok"},
        "redis": {"status": "ok"},
        "migrations": {"status": "ok"},
    }
    assert response["Cache-Control"] == "no-store"


def test_redis_unreachable(client, settings):
    settings.REDIS_URL = CLOSED_PORT_REDIS
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["redis"]
    assert body["checks"]["redis"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"


def test_pending_migrations_are_reported(client):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'operations'")
        forgotten = cursor.rowcount
    assert forgotten >= 1
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["migrations"]
    assert body["checks"]["migrations"] == {"status": "pending", "count": forgotten}


def test_answers_any_host_and_plain_http_in_production(client, settings):
    """Probes come from inside the network, by IP address and without TLS."""
    settings.ALLOWED_HOSTS = ["citisense.example"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert client.get("/el/", HTTP_HOST="10.0.0.7:8000").status_code == 400


def test_database_unreachable():
    """A fresh process whose database is a closed port: the report names the database."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "citisense.test_settings",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:1/citisense",
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1"),
        }
    )
    code = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code); print(r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split("\n", 1)
    assert status == "503"
    report = json.loads(body)
    assert report["failing"] == ["database"]
    assert report["checks"]["database"]["status"] == "error"
    assert report["checks"]["redis"]["status"] == "ok"
    assert report["checks"]["migrations"]["status"] == "unknown"
