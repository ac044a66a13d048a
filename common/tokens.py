"""Signed, login-free links in emails (RSVP, unsubscribe, a registrant's confirm and manage
links): one way to make and read them.

Nothing secret is stored: the signature, made with the secret key, proves the link came from the
portal. Each kind of link has its own salt, so a token made for one purpose is refused by every
other; a kind with a ``max_age`` expires.

A link about something that belongs to no network by itself (a person's email choices) carries
the network it was sent for (``dump(network=…)``); read with ``load(network=…)`` it is refused
on any other network's host. Links sent before networks were told apart carry none: they keep
working on the default network only (``common.requests.network_for(None)``), where every email
came from then. Links about a network's object (a registration, an invitation to a meeting) are
checked against that object's network by their views instead, so old links keep working too.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core import signing

from .requests import network_for

#: The key under which a token names its network's id.
NETWORK = "n"
#: ``load``'s default: the link is not bound to a network (its view checks the object's).
ANY_NETWORK = object()


class ExpiredLink(Exception):
    """The link was made by the portal but is older than its kind allows."""


def made_for(data: dict, network) -> bool:
    """Whether token data (read by ``SignedLink.load``) belongs to ``network``."""
    if network is None:
        return False
    named = data.get(NETWORK)
    if named is None:
        default = network_for(None)
        return default is not None and default.pk == network.pk
    return named == network.pk


@dataclass(frozen=True)
class SignedLink:
    salt: str
    #: Seconds a link stays valid (a callable reads it from the settings when used); None: no
    #: expiry beyond the life of what the link names.
    max_age: int | Callable[[], int] | None = None
    compress: bool = False

    def dump(self, *, network=None, **data: Any) -> str:
        """A token holding ``data``, and ``network``'s id when given."""
        if network is not None:
            data[NETWORK] = network.pk
        return signing.dumps(data, salt=self.salt, compress=self.compress)

    def load(
        self, token: str, *, network=ANY_NETWORK, **expected: type | Callable[[Any], bool]
    ) -> dict | None:
        """The data of a token, or None when it was not made by the portal for this kind, a
        value fails its check (a type, or a predicate), or (``network`` given) it was made for
        another network. Raises ExpiredLink when too old."""
        max_age = self.max_age() if callable(self.max_age) else self.max_age
        try:
            data = signing.loads(token, salt=self.salt, max_age=max_age)
        except signing.SignatureExpired as error:
            raise ExpiredLink from error
        except signing.BadSignature:
            return None
        if not isinstance(data, dict):
            return None
        for key, check in expected.items():
            value = data.get(key)
            valid = isinstance(value, check) if isinstance(check, type) else check(value)
            if not valid:
                return None
        if network is not ANY_NETWORK and not made_for(data, network):
            return None
        return data
