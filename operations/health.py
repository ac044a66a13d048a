"""The checks behind ``GET /healthz``: database, Redis and unapplied migrations."""

import logging

import redis
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse

logger = logging.getLogger(__name__)

OK, ERROR, PENDING, NOT_CONFIGURED, UNKNOWN = "ok", "error", "pending", "not_configured", "unknown"


def check_database(alias: str = DEFAULT_DB_ALIAS) -> dict:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means "down" to the prober
        logger.error("Health check: database unreachable", extra={"error": repr(error)})
        return {"status": ERROR}
    return {"status": OK}


def check_redis() -> dict:
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return {"status": NOT_CONFIGURED}
    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        logger.error("Health check: Redis unreachable", extra={"error": repr(error)})
        return {"status": ERROR}
    finally:
        client.close()
    return {"status": OK}


def check_migrations(alias: str = DEFAULT_DB_ALIAS) -> dict:
    try:
        executor = MigrationExecutor(connections[alias])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as error:
        logger.error("Health check: migrations unreadable", extra={"error": repr(error)})
        return {"status": ERROR}
    if plan:
        return {"status": PENDING, "count": len(plan)}
    return {"status": OK}


def health_report() -> dict:
    checks = {"database": check_database(), "redis": check_redis()}
    checks["migrations"] = (
        check_migrations() if checks["database"]["status"] == OK else {"status": UNKNOWN}
    )
    # "unknown" (migrations while the database is down) is a consequence, not a second fault.
    failing = [name for name, result in checks.items() if result["status"] in {ERROR, PENDING}]
    return {"status": ERROR if failing else OK, "failing": failing, "checks": checks}


def health_response() -> JsonResponse:
    report = health_report()
    response = JsonResponse(report, status=503 if report["failing"] else 200)
    response["Cache-Control"] = "no-store"
    return response
