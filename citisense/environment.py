"""What the settings read from the environment before anything else: OS variables win; a
``.env`` file is read only when ``DJANGO_READ_DOT_ENV_FILE`` is set."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"), overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
REDIS_URL = env.str("REDIS_URL", default="")
#: `make bench` only: the benchmark app, its URLs and its constant floor page. Never in production.
BENCH_FLOOR_VIEW = env.bool("BENCH_FLOOR_VIEW", default=False)
