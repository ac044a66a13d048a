"""Gunicorn settings for production; every value can be overridden from the environment.

Run with ``gunicorn citisense.wsgi:application --config citisense/gunicorn.py``. Access and
error logs go to stdout/stderr as one JSON object per line (``GUNICORN_LOG_FORMAT=text`` for
the classic format), next to the application's own JSON logs.
"""

import gc
import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# In a container cpu_count() sees the host's cores; cap the default so a big host does not
# start dozens of workers, each with its own database connection.
workers = _int("GUNICORN_WORKERS", min(multiprocessing.cpu_count() * 2 + 1, 9))
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so that a slow leak never takes the site down.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Heartbeat files in memory: a container's overlay filesystem can stall them and make the
# arbiter kill healthy workers.
worker_tmp_dir = os.environ.get(
    "GUNICORN_WORKER_TMP_DIR", "/dev/shm" if os.path.isdir("/dev/shm") else None
)
# Only the reverse proxy may set X-Forwarded-*; list its address(es) here.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190
limit_request_fields = 100
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The query string is left out: it can carry tokens (password reset links, calendar feeds).
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'

if os.environ.get("GUNICORN_LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": "operations.logging.JsonLineFormatter"},
            "access": {"()": "operations.logging.GunicornAccessFormatter"},
        },
        "handlers": {
            "error": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            },
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "access",
                "stream": "ext://sys.stdout",
            },
        },
        "root": {"handlers": ["error"], "level": "INFO"},
        "loggers": {
            "gunicorn.error": {
                "handlers": ["error"],
                "level": loglevel.upper(),
                "propagate": False,
            },
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }


def post_worker_init(worker) -> None:
    # The application's modules, URLs and settings live as long as the worker: moved out of the
    # collector's reach, a full garbage collection no longer walks them (tens of milliseconds
    # every few hundred requests otherwise).
    gc.freeze()


#: After which of a worker's requests what they built to keep is frozen too.
FREEZE_AFTER_REQUESTS = frozenset({1, 10, 100})


def post_request(worker, req, environ, resp) -> None:
    # The first requests build what the worker then keeps: compiled templates, translation
    # catalogues, the SQL of prepared queries, per-language words (about 120,000 objects).
    # Left in the collector's reach, every full collection walks them again: 2.6 ms a request
    # on the whole-city workspace, 0.3 ms once frozen (docs/architecture.md, issue 26). The
    # garbage of the request is collected first, so that none of it is kept for good.
    worker.served_requests = getattr(worker, "served_requests", 0) + 1
    if worker.served_requests in FREEZE_AFTER_REQUESTS:
        gc.collect()
        gc.freeze()
