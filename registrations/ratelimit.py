"""Fixed-window rate limits on the public form, counted in the shared cache (Redis)."""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 3600


def client_ip(request) -> str:
    proxies = settings.REGISTRATION_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _allowed(scope: str, value: str, *, limit: int) -> bool:
    # Hashed: the cache never holds a visitor's address or email in clear.
    digest = hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()[:32]
    key = f"registrations:limit:{digest}:{int(time.time()) // WINDOW_SECONDS}"
    try:
        cache.add(key, 0, timeout=WINDOW_SECONDS)
        return cache.incr(key) <= limit
    except Exception:
        # A cache outage must not close the form to everybody.
        logger.warning("Rate limit unavailable for %s", scope, exc_info=True)
        return True


def ip_allowed(request) -> bool:
    return _allowed("ip", client_ip(request), limit=settings.REGISTRATION_LIMIT_PER_IP)


def email_allowed(email: str) -> bool:
    return _allowed("email", email.strip().lower(), limit=settings.REGISTRATION_LIMIT_PER_EMAIL)
