"""A Redis cache that answers "nothing cached" while Redis is down instead of raising.

Pages, logins and the workspace only use the cache to go faster or to count attempts; none of
them may fail because Redis restarts. After an error the cache stays away from Redis for a few
seconds, so a Redis that hangs costs one timeout, not one per cache call.

Security counters are the exception: "nothing cached" would mean "no limit". allauth keeps its
sign-in rate limits and the authenticator codes already used in the default cache, so this cache
hands those keys (``SECURITY_CACHE_KEY_PREFIXES``) to the cache ``SECURITY_CACHE_ALIAS`` (a
database table) and never to Redis: they keep counting while Redis is away, and an outage does
not hand an attacker a fresh allowance or let a used code be replayed.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

#: Seconds to skip Redis after it failed.
BACKOFF_SECONDS = 5.0


class _Unavailable(Exception):
    pass


class ResilientRedisCacheClient(RedisCacheClient):
    _down_until = 0.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict = {}

    def _call(self, method: str, fallback, *args):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), method)(*args)
        except RedisError as error:
            if time.monotonic() >= self._down_until:
                logger.warning(
                    "Cache unavailable; serving without it",
                    extra={"cache_operation": method, "error": error.__class__.__name__},
                )
            self._down_until = time.monotonic() + BACKOFF_SECONDS
            return fallback

    def get(self, key, default):
        return self._call("get", default, key, default)

    def get_many(self, keys):
        return self._call("get_many", {}, keys)

    def has_key(self, key):
        return self._call("has_key", False, key)

    def add(self, key, value, timeout):
        # Callers use add() as a lock or a "first time?" test: let them proceed.
        return self._call("add", True, key, value, timeout)

    def set(self, key, value, timeout):
        return self._call("set", None, key, value, timeout)

    def set_many(self, data, timeout):
        return self._call("set_many", None, data, timeout)

    def touch(self, key, timeout):
        return self._call("touch", False, key, timeout)

    def delete(self, key):
        return self._call("delete", False, key)

    def delete_many(self, keys):
        return self._call("delete_many", None, keys)

    def incr(self, key, delta):
        result = self._call("incr", _Unavailable, key, delta)
        if result is _Unavailable:
            raise ValueError("Key not found (the cache is unavailable).")
        return result

    def clear(self):
        return self._call("clear", False)

    def get_client(self, key=None, *, write=False):
        # redis.Redis() fills a table of response callbacks each time it is made: a fifth of a
        # millisecond of CPU, more than the round trip itself, on every cache call. A client is
        # a thin handle over its connection pool and safe to share, so one per pool is kept.
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def is_security_key(key: str) -> bool:
    return str(key).startswith(tuple(getattr(settings, "SECURITY_CACHE_KEY_PREFIXES", ())))


def security_cache():
    return caches[settings.SECURITY_CACHE_ALIAS]


class ResilientRedisCache(RedisCache):
    """The project's one Redis cache backend."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient

    # The operations allauth uses for its counters and used codes go elsewhere for those keys.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if is_security_key(key):
            return security_cache().add(key, value, timeout, version)
        return super().add(key, value, timeout, version)

    def get(self, key, default=None, version=None):
        if is_security_key(key):
            return security_cache().get(key, default, version)
        return super().get(key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if is_security_key(key):
            return security_cache().set(key, value, timeout, version)
        return super().set(key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        if is_security_key(key):
            return security_cache().touch(key, timeout, version)
        return super().touch(key, timeout, version)

    def delete(self, key, version=None):
        if is_security_key(key):
            return security_cache().delete(key, version)
        return super().delete(key, version)

    def has_key(self, key, version=None):
        if is_security_key(key):
            return security_cache().has_key(key, version)
        return super().has_key(key, version)

    def incr(self, key, delta=1, version=None):
        if is_security_key(key):
            return security_cache().incr(key, delta, version)
        return super().incr(key, delta, version)

    # clear() empties Redis only: the counters are not a cache to throw away.
