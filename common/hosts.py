"""The host names the deployment answers on: its configured ones and every network's.

``settings.ALLOWED_HOSTS`` and ``settings.CSRF_TRUSTED_ORIGINS`` are ``HostList`` objects: the
configured entries first, then, only when a host is not among them, the host names the
networks claim (``cities.hosts.NetworkHost``), kept in the cache and forgotten whenever one
changes. Django stops at the first match, so a configured host costs no lookup at all.
"""

from collections.abc import Callable, Iterable, Iterator

from django.core.cache import cache
from django.db import DatabaseError

CLAIMED_HOSTS_KEY = "citisense:claimed-hosts"
CLAIMED_HOSTS_SECONDS = 300


def claimed_hosts() -> list[str]:
    """Every network's host names (lower case, no port)."""
    hosts = cache.get(CLAIMED_HOSTS_KEY)
    if hosts is None:
        from django.apps import apps  # below every domain app: found through the registry

        try:
            hosts = list(
                apps.get_model("cities", "NetworkHost").objects.values_list("host", flat=True)
            )
        except (DatabaseError, RuntimeError):
            # Before the first migration, or where the database may not be used (the test
            # runner copies the setting before any test may touch it): the configured only.
            return []
        cache.set(CLAIMED_HOSTS_KEY, hosts, CLAIMED_HOSTS_SECONDS)
    return hosts


def forget_claimed_hosts() -> None:
    cache.delete(CLAIMED_HOSTS_KEY)


class HostList(list):
    """A settings list whose tail follows the database: ``configured`` entries, then each
    claimed host name passed through ``shape`` (e.g. into an origin with a scheme). A list,
    because Django insists that these settings are lists."""

    def __init__(self, configured: Iterable[str], shape: Callable[[str], list[str]] | None = None):
        super().__init__(configured)
        self.configured = list(configured)
        self.shape = shape or (lambda host: [host])

    def __iter__(self) -> Iterator[str]:
        yield from super().__iter__()
        for host in claimed_hosts():
            yield from self.shape(host)

    def __contains__(self, item: object) -> bool:
        return any(item == entry for entry in self)

    def __bool__(self) -> bool:
        return bool(self.configured) or bool(claimed_hosts())

    def __repr__(self) -> str:
        return f"HostList({self.configured!r} + claimed host names)"
