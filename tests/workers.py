"""Real Celery worker processes for the tests that must go through Redis and a worker."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from citisense.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    """The test database, as a URL another process can use."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def new_queue() -> str:
    return f"citisense-test-{uuid.uuid4().hex[:8]}"


def start_worker(*, queue: str, log: Path, email_url: str, concurrency: int = 2, **env_extra):
    """A worker on its own queue and process group; wait for it with ``wait_until_ready``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "citisense.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "integration-tests-only",
        "DATABASE_URL": database_url(),
        "REDIS_URL": celery_app.conf.broker_url,
        "EMAIL_URL": email_url,
        "SITE_URL": "https://portal.example",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        **{key: str(value) for key, value in env_extra.items()},
    }
    with open(log, "ab") as output:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "citisense",
                "worker",
                "--loglevel=INFO",
                f"--concurrency={concurrency}",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-Q",
                queue,
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so its children stop with it
        )


def wait_for(condition, *, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"Timed out waiting for {what}. Worker log:\n{log.read_text()[-4000:]}")


def wait_until_ready(log: Path, *, readies: int = 1) -> None:
    wait_for(
        lambda: log.read_bytes().count(b" ready.") >= readies,
        timeout=90,
        what="the worker",
        log=log,
    )


def stop_worker(process: subprocess.Popen, *, sig=signal.SIGTERM, timeout: float = 20) -> None:
    """Stops a worker (started in its own process group) and every child of it."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=timeout)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture
def broker():
    """Tasks from this test process go to Redis instead of running in-process."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = eager
