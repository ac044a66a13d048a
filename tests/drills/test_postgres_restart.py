"""Drill: PostgreSQL restarts under load; the site recovers by itself.

gunicorn (2 workers, persistent connections) serves a database of our own PostgreSQL cluster
while two clients keep asking for a page and /healthz. The cluster is stopped (every connection
cut) and started again. Before and after, every answer is a success; only while it is down do
requests fail, and /healthz names the database. No process is restarted but PostgreSQL.
"""

import http.client
import json
import subprocess
import threading
import time
from dataclasses import dataclass

import psycopg
import pytest
from django.db import connection

from tests.workers import stop_worker

from .servers import free_port, start_gunicorn, wait_until

pytestmark = pytest.mark.drill

PAGE = "/en/news/"


@dataclass
class Answer:
    path: str
    started: float
    ended: float
    status: int
    failing: tuple = ()


def _ask(port: int, path: str) -> Answer:
    started = time.monotonic()
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        client.request("GET", path, headers={"Host": "127.0.0.1"})
        response = client.getresponse()
        body = response.read()
    except OSError:
        return Answer(path, started, time.monotonic(), 0)
    finally:
        client.close()
    failing = tuple(json.loads(body)["failing"]) if path == "/healthz" else ()
    return Answer(path, started, time.monotonic(), response.status, failing)


def _copy_test_database(cluster) -> str:
    """The test database's schema and rows (migrations, site), in the cluster's own database."""
    with psycopg.connect(cluster.url("postgres"), autocommit=True) as conn:
        conn.execute("CREATE DATABASE citisense")
    params = connection.settings_dict
    dump = subprocess.run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--dbname=postgres://{params['USER'] or 'postgres'}@{params['HOST'] or '127.0.0.1'}:"
            f"{params['PORT'] or 5432}/{params['NAME']}",
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    subprocess.run(
        ["pg_restore", "--no-owner", "--no-privileges", f"--dbname={cluster.url('citisense')}"],
        input=dump.stdout,
        capture_output=True,
        check=True,
        timeout=120,
    )
    return cluster.url("citisense")


def test_the_site_recovers_by_itself_after_postgres_restarts(db, own_postgres, tmp_path):
    database_url = _copy_test_database(own_postgres)
    port, log = free_port(), tmp_path / "gunicorn.log"
    from citisense.celery import app as celery_app

    server = start_gunicorn(
        port=port, database_url=database_url, redis_url=celery_app.conf.broker_url, log=log
    )
    answers: list[Answer] = []
    stop = threading.Event()

    def load(path: str):
        while not stop.is_set():
            answers.append(_ask(port, path))
            time.sleep(0.02)

    clients = [threading.Thread(target=load, args=(path,)) for path in (PAGE, "/healthz")]
    try:
        wait_until(
            lambda: _ask(port, "/healthz").status == 200, timeout=30, what="healthz", log=log
        )
        for client in clients:
            client.start()
        time.sleep(2)  # every worker now holds a connection
        down_at = time.monotonic()
        own_postgres.stop()
        time.sleep(2)
        own_postgres.start()
        up_at = time.monotonic()
        time.sleep(3)
        stop.set()
        for client in clients:
            client.join(timeout=30)
        # A quiet restart: no request notices the outage, so each worker still holds a dead
        # connection when the next visitors arrive.
        own_postgres.stop()
        own_postgres.start()
        after_quiet_restart = [_ask(port, path) for _ in range(10) for path in (PAGE, "/healthz")]
    finally:
        stop.set()
        stop_worker(server)

    before = [a for a in answers if a.ended < down_at]
    during = [a for a in answers if down_at + 0.5 < a.started and a.ended < up_at - 0.2]
    after = [a for a in answers if a.started > up_at]
    assert len(before) > 10 and len(during) > 5 and len(after) > 10, log.read_text()[-3000:]
    assert {a.status for a in before} == {200}
    # While it is down the page fails and /healthz says why; nothing hangs.
    assert {a.status for a in during if a.path == PAGE} == {500}
    assert {(a.status, a.failing) for a in during if a.path == "/healthz"} == {(503, ("database",))}
    # Back up: the first request on every worker finds its old connection dead, checks, and
    # reconnects; not one request fails.
    assert [a for a in after if a.status != 200] == []
    assert {a.path for a in after} == {PAGE, "/healthz"}
    assert [a.status for a in after_quiet_restart] == [200] * 20
