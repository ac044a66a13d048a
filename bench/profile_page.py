"""`make profile PAGE="network overview"`: one benchmarked page under pyinstrument at 20× data.

Uses the benchmark's database (the one `make bench` builds; built here when it is missing or
empty), production settings (DEBUG off, nothing cached) and writes build/profile-<page>.html
(the call tree, to open in a browser) and build/profile-<page>.txt (where the time goes: queries,
template, view, middleware, other, with the slowest queries and the call tree as text).
"""

import argparse
import sys

from run import ROOT, bench_database_url, log, manage, production_env, recreate_database


def has_bench_data(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT count(*) FROM practices_transferstep").fetchone()
    except psycopg.Error:
        return False
    return bool(row and row[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", required=True)
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--host", default="", help="Another network's host (see make bench).")
    parser.add_argument("--rebuild", action="store_true", help="Build the data again.")
    args = parser.parse_args()

    database_url = bench_database_url()
    env = {
        **production_env(database_url),
        "DJANGO_PAGE_CACHE": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    }
    # Before the data: building it renders the pages once (to count their queries).
    manage(env, "collectstatic", "--no-input", "--verbosity=0")
    if args.rebuild or not has_bench_data(database_url):
        log(f"Building the benchmark database at {args.scale}× data…")
        recreate_database(database_url)
        manage(env, "migrate", "--no-input", "--verbosity=0")
        manage(
            env,
            "bench_data",
            f"--scale={args.scale}",
            f"--output={ROOT / 'build' / 'bench' / 'dataset.json'}",
        )
    else:
        manage(env, "migrate", "--no-input", "--verbosity=0")
    manage(
        env,
        "bench_profile",
        f"--page={args.page}",
        f"--requests={args.requests}",
        f"--host={args.host}",
        f"--output-dir={ROOT / 'build'}",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
