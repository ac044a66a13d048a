"""Running the registered email jobs, and what every job shares.

Each job may run any number of times, in parallel too: every email it wants is recorded under a
unique key (see services.py), so a second run finds the keys taken and sends nothing more. The
jobs themselves live in the apps whose emails they send (see registry.py).
"""

import datetime as dt
import logging
from collections.abc import Callable

from . import registry, services

logger = logging.getLogger(__name__)


def queue_safely(
    *, kind: str, object_key: str, recipient, occasion: str, compose: Callable
) -> int | None:
    """Compose and record one email; a failure for one person is logged, not fatal to the job."""
    try:
        return services.queue_email(
            kind=kind,
            object_key=object_key,
            recipient=recipient,
            occasion=occasion,
            composed=compose(),
        )
    except Exception:
        logger.exception("Could not queue %s for %s (%s)", kind, recipient, object_key)
        return None


def wants(user, kind: str) -> bool:
    """Whether the person (read with ``notification_preferences``) wants an optional kind."""
    preferences = getattr(user, "notification_preferences", None)
    return preferences.wants(kind) if preferences else True


def run_job(name: str, *, now: dt.datetime | None = None) -> int:
    """One registered job, by the name it was registered under (Celery beat calls it so)."""
    return registry.jobs()[name](now=now)


def run_all(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Every registered job once, then a sweep for emails whose send task was lost."""
    counts = {name: job(now=now) for name, job in registry.jobs().items()}
    counts["resent stalled"] = services.dispatch_stalled(now=now)
    return counts
