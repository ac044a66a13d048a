"""The content version: one token that every cached public page's key includes.

Any save of content replaces the token, so every page rendered before the save stops being found
at once (its entry simply expires). The token also carries the moment public content next changes
without anybody saving anything (a scheduled article goes live, a meeting starts or ends, the day
turns); once that moment passes, the token is replaced as well.

Every cache call is guarded: when the cache is unreachable pages are rendered fresh, never a 500.
"""

import logging
import time
import uuid
from datetime import datetime

from django.core.cache import cache
from django.db import transaction

from .boundaries import next_content_change

logger = logging.getLogger(__name__)

VERSION_KEY = "caching:content-version"


def is_live(state: dict | None) -> bool:
    return state is not None and time.time() < state["valid_until"]


def renew_state() -> dict | None:
    """A new token, valid until public content next changes by the clock alone."""
    now = time.time()
    boundary: datetime = next_content_change()
    state = {"token": uuid.uuid4().hex, "valid_until": boundary.timestamp()}
    try:
        cache.set(VERSION_KEY, state, timeout=max(1, int(state["valid_until"] - now) + 1))
    except Exception:
        logger.warning("Page cache unavailable: cannot store the content version.", exc_info=True)
        return None
    return state


def _forget_version() -> None:
    try:
        cache.delete(VERSION_KEY)
    except Exception:
        # The save itself must succeed; pages rendered before it age out with their timeout.
        logger.error("Page cache: could not invalidate after a content change.", exc_info=True)


def bump_content_version() -> None:
    """Make every cached public page stale, now and again when the transaction commits.

    The first bump hides pages at once from this request. A page another request renders before
    the commit still sees the old rows and is stored under a token made in between; the bump on
    commit throws that token away too, so no stale page survives the edit.
    """
    _forget_version()
    transaction.on_commit(_forget_version)
