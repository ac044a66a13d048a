"""The project's Redis cache (resilient, see operations/cache.py), minus building a new client
object for every single call.

``redis.Redis()`` fills a table of response callbacks each time it is made: a fifth of a
millisecond of CPU, more than the round trip itself, on every cache read. A client is a thin handle
over its connection pool and safe to share, so one per pool is kept.
"""

from operations.cache import ResilientRedisCache, ResilientRedisCacheClient


class ReusedClientMixin:
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCacheClient(ReusedClientMixin, ResilientRedisCacheClient):
    pass


class RedisCache(ResilientRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
