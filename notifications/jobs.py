"""Running the registered email jobs, and what every job shares.

Each job may run any number of times, in parallel too: every email it wants is recorded under a
unique key (see services.py), so a second run finds the keys taken and sends nothing more. The
jobs themselves live in the apps whose emails they send (see registry.py).

Several networks share one deployment, each with its own lifecycle: a job works for each
object's own network, asks that network whether it sends (``sends_on``) and composes each email
for it (``queue_safely(network=…)``), so a running network's reminders go out while a concluded
one sends none, and every link starts with the right network's address.
"""

import datetime as dt
import logging
from collections.abc import Callable

from common.sites import serving_network

from . import registry, services

logger = logging.getLogger(__name__)


def sends_on(network, day: dt.date) -> bool:
    """Whether a job sends a network's scheduled emails (reminders, digests) on ``day``: while
    the network runs, never before it starts or after it ends (``Network.is_running_on``, asked
    of each network on its own), and never once it is closed."""
    return network.is_running_on(day) and not network.is_closed


def queue_safely(
    *, network, kind: str, object_key: str, recipient, occasion: str, compose: Callable
) -> int | None:
    """Compose and record one email of ``network`` (the network of what it is about); a failure
    for one person is logged, not fatal to the job. ``compose`` runs while that network is
    served, so the email's links start with the network's address."""
    try:
        with serving_network(network):
            composed = compose()
        return services.queue_email(
            network=network,
            kind=kind,
            object_key=object_key,
            recipient=recipient,
            occasion=occasion,
            composed=composed,
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
