"""EXPLAIN the lists' filters at benchmark size: none may read all of the steps or articles.

Each check builds the queryset a page runs for one filter and asks PostgreSQL for its plan; a
``Seq Scan`` node on a watched table means the filter reads the whole table and its cost grows
with the data.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from indicators.models import Measurement
from news.models import Article
from practices.models import TransferStep
from registrations.models import Registration

WATCHED_TABLES = frozenset(
    model._meta.db_table for model in (TransferStep, Article, Registration, Measurement)
)


@dataclass(frozen=True)
class Check:
    name: str
    queryset: Callable[[dict], QuerySet]  # from the sample objects of bench.pages.samples()


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


@dataclass(frozen=True)
class CountOf:
    """The ``SELECT COUNT(*)`` that ``queryset.count()`` sends, to EXPLAIN as it is sent (a count
    may read an index alone where the rows' query reads the table)."""

    queryset: QuerySet

    def explain(self, format: str | None = None) -> str:
        connection = connections[self.queryset.db]
        with CaptureQueriesContext(connection) as queries:
            self.queryset.count()
        sql = queries.captured_queries[-1]["sql"]  # as sent, its values written in
        options = " (FORMAT JSON)" if format == "json" else ""
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN{options} {sql}")
            rows = cursor.fetchall()
        if format == "json":
            plan = rows[0][0]
            return plan if isinstance(plan, str) else json.dumps(plan)
        return "\n".join(row[0] for row in rows)


def plan_of(queryset: QuerySet | CountOf) -> dict:
    return json.loads(queryset.explain(format="json"))[0]["Plan"]


def sequential_scans(plan: dict, tables=WATCHED_TABLES) -> list[str]:
    return sorted(
        {
            node["Relation Name"]
            for node in _nodes(plan)
            if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in tables
        }
    )


def index_names(plan: dict) -> list[str]:
    return sorted({node["Index Name"] for node in _nodes(plan) if "Index Name" in node})


def run_checks(checks: list[Check], found: dict) -> list[dict]:
    results = []
    for check in checks:
        queryset = check.queryset(found)
        try:
            plan = plan_of(queryset)
        except (EmptyResultSet, ValueError):
            # Nothing to read (no such rows in this database): Django sends no query at all.
            results.append({"name": check.name, "sequential_scans": [], "indexes": []})
            continue
        results.append(
            {
                "name": check.name,
                "sequential_scans": sequential_scans(plan),
                "indexes": index_names(plan),
                "estimated_cost": plan["Total Cost"],
                "plan": queryset.explain(),
            }
        )
    return results
