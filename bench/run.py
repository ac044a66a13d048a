"""`make bench`: the portal under load at 20 times the network's size.

1. Recreates a separate PostgreSQL database (BENCH_DATABASE_URL, else DATABASE_URL's name with
   ``_bench``), migrates it and fills it with ``manage.py bench_data`` (bulk inserts, seconds).
2. Serves it with gunicorn (citisense/gunicorn.py) under production settings: DJANGO_DEBUG=0, a
   random secret key, collected static files, the Redis cache (REDIS_URL) under its own key
   prefix. The load driver sends ``X-Forwarded-Proto: https`` as a TLS-terminating proxy would.
3. Drives each page in turn with wrk (a separate process) in three rounds, each on a freshly
   started server: "cached" (production settings, 20 connections: the page cache serves
   anonymous visitors their public pages), "single" (nothing cached, DJANGO_PAGE_CACHE=0, one
   client at a time: what a person feels, public and signed-in pages) and "cold" (nothing
   cached, 20 connections: the server under load right after an edit). The floor, a constant
   page, is measured in every round.
4. EXPLAINs every workspace filter and sort order and the news list's filters (bench_explain).
5. Prints requests/s, p50/p95/p99 and the throughput ratio to the floor for every page, checks
   the targets and writes everything to build/bench/results.json. Exits 1 when a target fails.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is on the path, the project is not
    sys.path.insert(0, str(ROOT))

from bench.server import OUT, PYTHON, Server, fetch  # noqa: E402
from bench.targets import (  # noqa: E402
    CACHED_FLOOR_SHARE,
    COLD_P95_MS,
    SINGLE_TIMES_FLOOR,
    add_ratios,
    table,
    verdicts,
)

LUA = Path(__file__).with_name("wrk.lua")

#: The further network measured beside the default one (issue 26: a second network costs
#: nothing), filled to the same size.
SECOND_NETWORK = "benchmark-network-2"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bench_database_url() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/citisense"
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("The benchmark needs PostgreSQL: set DATABASE_URL or BENCH_DATABASE_URL.")
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_bench"))


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def production_env(database_url: str) -> dict:
    """The environment of a production server on the benchmark database."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1",
        "CACHE_KEY_PREFIX": "citisense-bench",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_LOG_LEVEL": "WARNING",
        "BENCH_FLOOR_VIEW": "1",
        # Worker recycling would land restarts inside a page's measurement at random.
        "GUNICORN_MAX_REQUESTS": "0",
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def preflight(server: Server, page: dict, cached: bool) -> int:
    """The page answers 200 itself (no redirect, no sign-in page); a cached page is a hit."""
    url = server.base + page["path"]
    status, headers, body = fetch(url, page["cookie"], page.get("host", ""))
    if status != 200:
        raise SystemExit(f"{page['name']}: {url} answered {status} {headers.get('Location', '')}")
    if page["kind"] == "public" and cached:
        status, headers, body = fetch(url, page["cookie"], page.get("host", ""))
        if headers.get("X-Page-Cache") != "hit":
            raise SystemExit(f"{page['name']}: {url} is not served from the page cache.")
    return len(body)


def load(server: Server, page: dict, args, label: str) -> dict:
    result_path = OUT / f"wrk-{label}-{page['name'].replace(' ', '-')}.json"
    env = {
        **os.environ,
        "BENCH_COOKIE": page["cookie"],
        "BENCH_HOST": page.get("host", ""),
        "BENCH_RESULT": str(result_path),
    }
    url = server.base + page["path"]
    connections = page["connections"]
    common = [
        "wrk",
        f"-t{min(args.threads, connections)}",
        f"-c{connections}",
        "-s",
        str(LUA),
        "--timeout",
        "10s",
    ]
    subprocess.run([*common, f"-d{args.warmup}s", url], env=env, check=True, capture_output=True)
    subprocess.run([*common, f"-d{args.duration}s", url], env=env, check=True, capture_output=True)
    raw = json.loads(result_path.read_text())
    seconds = raw["duration_us"] / 1e6
    latency = raw["latency_us"]
    return {
        "page": page["name"],
        "path": page["path"],
        "host": page.get("host", ""),
        "kind": page["kind"],
        "round": label,
        "connections": connections,
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds, 1),
        "p50_ms": round(latency["p50"] / 1000, 1),
        "p95_ms": round(latency["p95"] / 1000, 1),
        "p99_ms": round(latency["p99"] / 1000, 1),
        "max_ms": round(latency["max"] / 1000, 1),
        "errors": sum(raw["errors"].values()),
        "kb_per_response": round(raw["bytes"] / max(1, raw["requests"]) / 1024, 1),
    }


ROUNDS = {
    # label: (page cache, kinds of page, connections: None for --connections)
    "cached": ("1", ("floor", "public"), None),
    "single": ("0", ("floor", "public", "private"), 1),
    "cold": ("0", ("floor", "public", "private"), None),
}


def measure_round(env, dataset, args, label: str) -> list[dict]:
    """Each page ``--repeat`` times, round-robin, so that a burst of load from another process
    on this shared machine hits one pass of one page, not all of a page's passes; the pass with
    the highest throughput counts, and every pass is kept in the JSON."""
    page_cache, kinds, connections = ROUNDS[label]
    cached = page_cache == "1"
    round_env = {**env, "DJANGO_PAGE_CACHE": page_cache}
    chosen = {name.strip() for name in args.pages.split(",") if name.strip()}
    pages = [
        {**page, "connections": connections or args.connections}
        for page in dataset["pages"]
        if page["kind"] in kinds
        and (not chosen or page["kind"] == "floor" or page["name"] in chosen)
    ]
    passes: dict[str, list[dict]] = {page["name"]: [] for page in pages}
    with Server(round_env, args.port, label) as server:
        for page in pages:
            preflight(server, page, cached)
        for number in range(args.repeat):
            for page in pages:
                row = load(server, page, args, label)
                log(
                    f"  {label:8} pass {number + 1} {row['page']:20} {row['rps']:8.1f} req/s"
                    f"  p95 {row['p95_ms']:7.1f} ms"
                )
                passes[page["name"]].append(row)
    rows = []
    for page in pages:
        best = max(passes[page["name"]], key=lambda row: row["rps"])
        rows.append({**best, "passes": [dict(row) for row in passes[page["name"]]]})
    add_ratios(rows)
    return rows


def wait_for_quiet(threshold: float, patience: int) -> bool:
    """Other processes on a shared machine skew every figure: wait a while for them to calm."""
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] > threshold:
        if time.monotonic() > deadline:
            log(f"The machine is busy (load {os.getloadavg()[0]:.1f}): figures will be low.")
            return False
        time.sleep(5)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--duration", type=int, default=5, help="Seconds measured per pass.")
    parser.add_argument("--warmup", type=int, default=2, help="Seconds of load before a pass.")
    parser.add_argument("--repeat", type=int, default=2, help="Passes per page; the best counts.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8081")))
    parser.add_argument("--reuse-data", action="store_true", help="Keep the existing database.")
    parser.add_argument("--quiet-load", type=float, default=1.0, help="Load average to wait for.")
    parser.add_argument("--quiet-wait", type=int, default=60, help="Seconds to wait for it.")
    parser.add_argument(
        "--rounds",
        default=",".join(ROUNDS),
        help=f"Which rounds to run, comma-separated (default: all of {', '.join(ROUNDS)}).",
    )
    # The floor is measured whatever is chosen: the ratios need it.
    parser.add_argument("--pages", default="", help="Only these pages (names, comma-separated).")
    parser.add_argument(
        "--prepare-only", action="store_true", help="Build the database and stop (for profiling)."
    )
    parser.add_argument(
        "--one-network",
        action="store_true",
        help="Build and measure the default network only (no second network of the same size).",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: run `make bench` (it installs it) or apt-get install wrk")
    OUT.mkdir(parents=True, exist_ok=True)

    database_url = bench_database_url()
    env = production_env(database_url)
    started = time.monotonic()
    # Before the data: listing the pages renders them (to count their queries).
    manage(env, "collectstatic", "--no-input", "--verbosity=0")
    measured = [] if args.one_network else [f"--measure-network={SECOND_NETWORK}"]
    output = f"--output={OUT / 'dataset.json'}"
    if not args.reuse_data:
        log(f"Database {urlsplit(database_url).path.lstrip('/')}: recreating and migrating…")
        recreate_database(database_url)
        manage(env, "migrate", "--no-input", "--verbosity=0")
        log(f"Building {args.scale}× data…")
        if args.one_network:
            manage(env, "bench_data", f"--scale={args.scale}", output)
        else:
            manage(env, "bench_data", f"--scale={args.scale}", "--no-pages")
            log(f"Building a second network of the same size ({SECOND_NETWORK})…")
            manage(
                env,
                "bench_data",
                f"--scale={args.scale}",
                "--tag=n2",
                f"--network={SECOND_NETWORK}",
                *measured,
                output,
            )
    else:
        manage(env, "bench_data", "--targets-only", *measured, output)
    dataset = json.loads((OUT / "dataset.json").read_text())
    if args.prepare_only:
        return 0
    explain = None
    if (ROOT / "bench" / "management" / "commands" / "bench_explain.py").exists():
        manage(env, "bench_explain", f"--output={OUT / 'explain.json'}")
        explain = json.loads((OUT / "explain.json").read_text())

    log(
        f"Load: one client, then {args.connections} connections; {args.repeat} passes of"
        f" {args.duration} s per page"
        f" (each after {args.warmup} s of warm-up)."
    )
    quiet = wait_for_quiet(args.quiet_load, args.quiet_wait)
    load_at_start = os.getloadavg()
    rows = []
    for label in ROUNDS:
        if label in args.rounds.split(","):
            rows += measure_round(env, dataset, args, label)

    print()
    print(f"Load average at the start: {' '.join(f'{value:.1f}' for value in load_at_start)}")
    print(table(rows, {page["name"]: page.get("queries") for page in dataset["pages"]}))
    if explain:
        print(
            f"\nEXPLAIN of {len(explain['checks'])} queries (workspace filters and sort orders,"
            f" the network page's overdue counts, news list, measurements, registrations):"
            f" {explain['sequential_scans']} sequential scans of steps, articles, registrations"
            f" or measurements (details in {OUT / 'explain.json'})."
        )
    failures = verdicts(rows, explain, dataset["pages"])
    results = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cpus": os.cpu_count(),
            # Other processes' load before the first server starts (the run's own load follows).
            "load_average_at_start": load_at_start,
            "quiet_at_start": quiet,
        },
        "settings": {
            "scale": args.scale,
            "connections": args.connections,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "passes_per_page": args.repeat,
            "gunicorn_workers": env.get("GUNICORN_WORKERS", "citisense/gunicorn.py default"),
        },
        "dataset": {key: dataset.get(key) for key in ("built", "build_seconds", "missing_pages")},
        "targets": {
            "single_client_times_floor": SINGLE_TIMES_FLOOR,
            "cold_p95_ms": COLD_P95_MS,
            "cached_public_floor_share": CACHED_FLOOR_SHARE,
        },
        "pages": dataset["pages"],
        "rows": rows,
        "explain": explain,
        "failures": failures,
        "seconds": round(time.monotonic() - started),
    }
    (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    if dataset.get("missing_pages"):
        print(f"\nNot measured (no such page yet): {', '.join(dataset['missing_pages'])}")
    print(f"\nResults: {OUT / 'results.json'} ({results['seconds']} s in all)")
    if failures:
        print("\nTargets missed:\n  " + "\n  ".join(failures))
        return 1
    print("\nAll targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
