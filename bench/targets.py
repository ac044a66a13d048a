"""`make bench`'s targets, as ratios to the floor page measured in the same round.

A shared machine makes every absolute figure move with other processes' load; the floor (a
constant page through every middleware, no query, no template) moves with it, so a page's time
as a multiple of the floor's says what the page itself costs.

- **single** (one client, nothing cached): each page's time per request at most
  ``SINGLE_TIMES_FLOOR`` times the floor's;
- **cold** (20 connections, nothing cached): p95 under ``COLD_P95_MS`` for every page;
- **cached** (20 connections, the page cache): each public page at least ``CACHED_FLOOR_SHARE``
  of the floor's throughput;
- **EXPLAIN**: no sequential scan of steps, articles, registrations or measurements;
- **several networks**: a further network's page runs as many queries as the default
  network's, and meets the same targets.

Absolute p95s are printed as information.
"""

SINGLE_TIMES_FLOOR = 20.0
COLD_P95_MS = 500.0
CACHED_FLOOR_SHARE = 0.5


def add_ratios(rows: list[dict]) -> None:
    """Each row's time per request as a multiple of the floor's (``times_floor``) and its share
    of the floor's throughput (``floor_share``), within its round."""
    floor = next(row["rps"] for row in rows if row["kind"] == "floor")
    for row in rows:
        row["floor_share"] = round(row["rps"] / floor, 2)
        row["times_floor"] = round(floor / row["rps"], 1) if row["rps"] else float("inf")


def verdicts(rows: list[dict], explain: dict | None, pages: list[dict] | None = None) -> list[str]:
    failures = []
    for row in rows:
        name = f"{row['page']} ({row['round']})"
        if row["errors"]:
            failures.append(f"{name}: {row['errors']} failed requests")
        if row["kind"] == "floor":
            continue
        if row["round"] == "cached" and row["kind"] == "public":
            if row["floor_share"] < CACHED_FLOOR_SHARE:
                failures.append(f"{name}: {row['floor_share']:.0%} of the floor's throughput")
        elif row["round"] == "single" and row["times_floor"] > SINGLE_TIMES_FLOOR:
            failures.append(
                f"{name}: {row['times_floor']}× the floor's time per request"
                f" > {SINGLE_TIMES_FLOOR:g}×"
            )
        elif row["round"] == "cold" and row["p95_ms"] >= COLD_P95_MS:
            failures.append(f"{name}: p95 {row['p95_ms']} ms ≥ {COLD_P95_MS:g} ms")
    for check in (explain or {}).get("checks", []):
        if check["sequential_scans"]:
            tables = ", ".join(check["sequential_scans"])
            failures.append(f"EXPLAIN {check['name']}: sequential scan on {tables}")
    failures += query_count_differences(pages or [])
    return failures


def query_count_differences(pages: list[dict]) -> list[str]:
    """A page of a further network that runs another number of queries than the default's."""
    default = {page["page"]: page["queries"] for page in pages if not page.get("host")}
    return [
        f"{page['name']}: {page['queries']} queries on {page['host']},"
        f" {default[page['page']]} on the default network"
        for page in pages
        if page.get("host") and page["page"] in default and page["queries"] != default[page["page"]]
    ]


def table(rows: list[dict], queries: dict[str, int] | None = None) -> str:
    queries = queries or {}
    head = (
        f"{'page':20} {'round':7} {'req/s':>8} {'× floor':>8} {'share':>6} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'p99 ms':>7} {'KB':>6} {'SQL':>4} {'errors':>6}"
    )
    lines = [head, "-" * len(head)]
    for row in rows:
        lines.append(
            f"{row['page']:20} {row['round']:7} {row['rps']:8.1f} {row['times_floor']:8.1f} "
            f"{row['floor_share']:6.2f} {row['p50_ms']:7.1f} {row['p95_ms']:7.1f} "
            f"{row['p99_ms']:7.1f} {row['kb_per_response']:6.1f} "
            f"{queries.get(row['page'], ''):>4} {row['errors']:6d}"
        )
    lines.append(
        "× floor: time per request as a multiple of the floor's in the same round (target for"
        f" one client: ≤ {SINGLE_TIMES_FLOOR:g}); share: of the floor's requests/s (target when"
        f" cached: ≥ {CACHED_FLOOR_SHARE}); p95 with 20 connections, nothing cached:"
        f" < {COLD_P95_MS:g} ms; SQL: queries per request."
    )
    return "\n".join(lines)
