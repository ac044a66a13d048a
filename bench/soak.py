"""`make soak`: ten minutes of mixed traffic against gunicorn with the real PostgreSQL and Redis.

1. Recreates a separate database (SOAK_DATABASE_URL, else DATABASE_URL's name with ``_soak``),
   migrates it, seeds the demo network with its demo accounts and collects static files.
2. Serves it with gunicorn (citisense/gunicorn.py, production settings, worker recycling off so
   that memory can be compared) and the Redis cache under its own key prefix.
3. Several clients, each in its own thread, loop over: public pages as an anonymous visitor;
   signing in as a city coordinator (a fresh session every half minute, well inside the sign-in
   rate limit); editing one of their city's steps (status, progress, notes); uploading a small
   PDF as evidence.
4. Reports every failed request (anything but the expected status, or no answer), the p50/p95
   of each kind of request, and the resident memory of every gunicorn worker after the warm-up
   and at the end. Exits 1 when a request failed or a worker grew by 10% or more.

``--seconds`` (``SOAK_SECONDS`` in make) shortens the run; results go to build/soak/results.json.
"""

import argparse
import json
import os
import random
import re
import secrets
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import ROOT, log, manage, recreate_database
from bench.server import Server

OUT = ROOT / "build" / "soak"
PUBLIC_PAGES = [
    "/en/",
    "/el/",
    "/en/news/",
    "/en/progress/",
    "/en/cities/",
    "/en/practices/",
    "/en/meetings/",
    "/el/search/?" + urlencode({"q": "ασφάλεια"}),
    "/en/progress/progress.json",
]
MAX_MEMORY_GROWTH = 0.10
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def soak_database_url() -> str:
    if os.environ.get("SOAK_DATABASE_URL"):
        return os.environ["SOAK_DATABASE_URL"]
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/citisense"
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("The soak needs PostgreSQL: set DATABASE_URL or SOAK_DATABASE_URL.")
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_soak"))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.durations: dict[str, list[float]] = {}
        self.errors: list[str] = []

    def record(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.durations.setdefault(kind, []).append(seconds)
            if error:
                self.errors.append(f"{kind}: {error}")


class Visitor:
    """One browser: its own cookies, no redirects followed."""

    def __init__(self, base: str, recorder: Recorder):
        self.base, self.recorder = base, recorder
        self.opener = urllib.request.build_opener(
            NoRedirect, urllib.request.HTTPCookieProcessor(CookieJar())
        )

    def request(self, kind: str, path: str, *, expect: int, data=None, headers=None) -> str:
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        if data is not None:
            request.add_header("Referer", self.base + path)
        started = time.monotonic()
        error, body = None, ""
        try:
            with self.opener.open(request, timeout=30) as response:
                status, body = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as failure:
            status, body = failure.code, failure.read().decode("utf-8", "replace")
        except OSError as failure:
            status, error = 0, f"{path}: no answer ({failure})"
        if error is None and status != expect:
            error = f"{path}: {status}, expected {expect}"
        self.recorder.record(kind, time.monotonic() - started, error)
        return body

    def post(self, kind: str, path: str, form_path: str, fields: dict, *, files=None) -> None:
        page = self.request(f"{kind} (form)", form_path, expect=200)
        token = CSRF.search(page)
        if not token:
            self.recorder.record(kind, 0, f"{form_path}: no form")
            return
        fields = {**fields, "csrfmiddlewaretoken": token.group(1)}
        if files:
            boundary = uuid.uuid4().hex
            body = b""
            for name, value in fields.items():
                body += (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                    f"\r\n\r\n{value}\r\n"
                ).encode()
            for name, (filename, content) in files.items():
                body += (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
                ).encode()
                body += content + b"\r\n"
            body += f"--{boundary}--\r\n".encode()
            headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        else:
            body = urlencode(fields).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
        self.request(kind, path, expect=302, data=body, headers=headers)


def steps_of(database_url: str) -> dict[str, list[int]]:
    """Coordinator email -> ids of steps in their city."""
    import psycopg

    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT u.email, s.id FROM accounts_user u"
            " JOIN cities_membership m ON m.user_id = u.id AND m.role = 'city_coordinator'"
            " JOIN practices_transfer t ON t.city_id = m.city_id"
            " JOIN practices_transferstep s ON s.transfer_id = t.id"
            " WHERE u.email LIKE 'coordinator.%%' ORDER BY u.email, s.id"
        ).fetchall()
    found: dict[str, list[int]] = {}
    for email, step_id in rows:
        found.setdefault(email, []).append(step_id)
    return found


def client_loop(base, recorder, email, steps, password, deadline):
    try:
        _client_loop(base, recorder, email, steps, password, deadline)
    except Exception as error:  # a client that stops is a failure of the run, not a crash
        recorder.record("client", 0, f"{email}: {error!r}")


def _client_loop(base, recorder, email, steps, password, deadline):
    anonymous = Visitor(base, recorder)
    signed_in, signed_in_at = None, 0.0
    turn = 0
    while time.monotonic() < deadline:
        turn += 1
        anonymous.request("public page", random.choice(PUBLIC_PAGES), expect=200)
        if signed_in is None or time.monotonic() - signed_in_at > 30:
            signed_in, signed_in_at = Visitor(base, recorder), time.monotonic()
            signed_in.post(
                "sign-in",
                "/en/accounts/login/",
                "/en/accounts/login/",
                {"login": email, "password": password},
            )
        step = random.choice(steps)
        if turn % 2 == 0:
            form = signed_in.request(
                "step edit (form)", f"/en/workspace/steps/{step}/edit/", expect=200
            )
            version = re.search(r'name="version" value="(\d+)"', form)
            due = re.search(r'name="due_date" value="([^"]*)"', form)
            token = CSRF.search(form)
            if not (version and due and token):
                recorder.record("step edit", 0, f"step {step}: no edit form")
            else:
                fields = {
                    "csrfmiddlewaretoken": token.group(1),
                    "version": version.group(1),
                    "due_date": due.group(1),
                    "status": "in_progress",
                    "progress": str(random.randint(5, 95)),
                    "notes": f"Soak test note {turn}",
                }
                signed_in.request(
                    "step edit",
                    f"/en/workspace/steps/{step}/edit/",
                    expect=302,
                    data=urlencode(fields).encode(),
                    headers={"Content-Type": "application/x-www-form-urlencoded"},
                )
        if turn % 5 == 0:
            signed_in.post(
                "upload",
                f"/en/workspace/steps/{step}/evidence/",
                f"/en/workspace/steps/{step}/",
                {"description": "Soak evidence"},
                files={"file": ("evidence.pdf", PDF)},
            )
        else:
            signed_in.request("workspace page", "/en/workspace/", expect=200)


def worker_memory(master_pid: int) -> dict[int, int]:
    """Resident memory (KiB) of each gunicorn worker, the master's children."""
    found = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if int(fields.get("PPid", "0").strip()) == master_pid and "VmRSS" in fields:
            found[int(status.parent.name)] = int(fields["VmRSS"].split()[0])
    return found


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("SOAK_SECONDS", 600)))
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=int(os.environ.get("SOAK_PORT", "8091")))
    parser.add_argument("--reuse-data", action="store_true", help="Keep the existing database.")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    (ROOT / "build" / "bench").mkdir(parents=True, exist_ok=True)  # the server's log
    password = os.environ.get("DEMO_PASSWORD", "citisense-demo")
    database_url = soak_database_url()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1",
        "CACHE_KEY_PREFIX": "citisense-soak",
        "CELERY_TASK_DEFAULT_QUEUE": "citisense-soak",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_LOG_FORMAT": "text",
        "BENCH_FLOOR_VIEW": "1",
        "MEDIA_ROOT": str(OUT / "media"),
        "PRIVATE_MEDIA_ROOT": str(OUT / "private"),
        "GUNICORN_WORKERS": str(args.workers),
        # Recycled workers would start small again and hide a leak.
        "GUNICORN_MAX_REQUESTS": "0",
    }
    if not args.reuse_data:
        log(f"Database {urlsplit(database_url).path.lstrip('/')}: recreating, migrating, seeding…")
        recreate_database(database_url)
        manage(env, "migrate", "--no-input", "--verbosity=0")
        manage({**env, "DJANGO_DEBUG": "1"}, "seed_demo", "--with-demo-users", "--verbosity=0")
    manage(env, "collectstatic", "--no-input", "--verbosity=0")
    accounts = steps_of(database_url)
    if not accounts:
        raise SystemExit("No coordinator with steps in the seeded data.")
    emails = sorted(accounts)

    with Server(env, args.port, "soak") as server:
        base = server.base
        recorder = Recorder()
        warmup = min(30, max(5, args.seconds // 10))
        started = time.monotonic()
        deadline = started + warmup + args.seconds
        threads = [
            threading.Thread(
                target=client_loop,
                args=(
                    base,
                    recorder,
                    emails[n % len(emails)],
                    accounts[emails[n % len(emails)]],
                    password,
                    deadline,
                ),
                daemon=True,
            )
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(warmup)
        memory_start = worker_memory(server.process.pid)
        log(f"Warm-up done ({warmup} s); soaking for {args.seconds} s with {args.clients} clients…")
        for thread in threads:
            thread.join(timeout=args.seconds + warmup + 120)
        memory_end = worker_memory(server.process.pid)

    kinds = {
        kind: {
            "requests": len(values),
            "p50_ms": round(percentile(values, 0.50) * 1000, 1),
            "p95_ms": round(percentile(values, 0.95) * 1000, 1),
        }
        for kind, values in sorted(recorder.durations.items())
    }
    every = [value for values in recorder.durations.values() for value in values]
    growth = {
        pid: (memory_end[pid] - memory_start[pid]) / memory_start[pid]
        for pid in memory_start
        if pid in memory_end
    }
    failures = []
    if recorder.errors:
        failures.append(f"{len(recorder.errors)} failed requests, e.g. {recorder.errors[:5]}")
    if set(memory_start) != set(memory_end):
        failures.append("a gunicorn worker was replaced during the run")
    failures += [
        f"worker {pid} grew {share:.1%}"
        for pid, share in growth.items()
        if share >= MAX_MEMORY_GROWTH
    ]
    results = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": args.seconds,
        "warmup_seconds": warmup,
        "clients": args.clients,
        "gunicorn_workers": args.workers,
        "load_average": os.getloadavg(),
        "requests": len(every),
        "errors": len(recorder.errors),
        "error_samples": recorder.errors[:20],
        "p95_ms": round(percentile(every, 0.95) * 1000, 1),
        "by_kind": kinds,
        "worker_rss_kib_start": memory_start,
        "worker_rss_kib_end": memory_end,
        "worker_growth": {pid: round(share, 4) for pid, share in growth.items()},
        "failures": failures,
    }
    (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(
        f"\n{len(every)} requests in {args.seconds} s (after {warmup} s of warm-up), "
        f"{args.clients} clients, {args.workers} gunicorn workers"
    )
    print(f"{'request':<26}{'count':>8}{'p50 ms':>10}{'p95 ms':>10}")
    for kind, row in kinds.items():
        print(f"{kind:<26}{row['requests']:>8}{row['p50_ms']:>10}{row['p95_ms']:>10}")
    print(f"{'all':<26}{len(every):>8}{'':>10}{results['p95_ms']:>10}")
    print(f"errors: {len(recorder.errors)}")
    for pid in sorted(memory_start):
        end = memory_end.get(pid)
        print(
            f"worker {pid}: {memory_start[pid] / 1024:.1f} MiB after warm-up → "
            f"{(end or 0) / 1024:.1f} MiB at the end ({growth.get(pid, 0):+.1%})"
        )
    print(f"\nResults: {OUT / 'results.json'}")
    if failures:
        print("\nFailed:\n  " + "\n  ".join(failures))
        return 1
    print("\nNo failed request; no worker grew by 10% or more.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
