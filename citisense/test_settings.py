"""Settings for the test suite: the real PostgreSQL and Redis, fast hashing, captured email."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/citisense")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/1")
# The benchmark's data builder and floor page are under test too.
os.environ.setdefault("BENCH_FLOOR_VIEW", "1")

from .settings import *  # noqa: F403
from .settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks in-process; the integration tests start a real worker on Redis.
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
