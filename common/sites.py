"""The address of the site being served: the start of every absolute link.

One deployment serves several networks, each at its own address (``cities.Network.address``).
While a request is served (``common.requests.NetworkMiddleware``), while a task works for one
network's object, or while an archive is built, ``site_url()`` answers that network's address;
outside all of them, the deployment's ``SITE_URL``.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

from .static_build import archiving

_address: ContextVar[Callable[[], str] | None] = ContextVar("citisense_address", default=None)


def site_url() -> str:
    building = archiving()
    if building is not None:
        return building.network.address
    answer = _address.get()
    return answer() if answer is not None else settings.SITE_URL


@contextmanager
def serving(address: str | Callable[[], str]) -> Iterator[None]:
    """Build absolute links for ``address`` (a string, or a function asked only when a link is
    built, so that a request that builds none looks nothing up)."""
    token = _address.set(address if callable(address) else (lambda: address))
    try:
        yield
    finally:
        _address.reset(token)


@contextmanager
def serving_network(network) -> Iterator[None]:
    """For tasks: links for the network the task's object belongs to."""
    with serving(lambda: network.address):
        yield
