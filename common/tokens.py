"""Signed, login-free links in emails (RSVP, unsubscribe, a registrant's confirm and manage
links): one way to make and read them.

Nothing secret is stored: the signature, made with the secret key, proves the link came from the
portal. Each kind of link has its own salt, so a token made for one purpose is refused by every
other; a kind with a ``max_age`` expires.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core import signing


class ExpiredLink(Exception):
    """The link was made by the portal but is older than its kind allows."""


@dataclass(frozen=True)
class SignedLink:
    salt: str
    #: Seconds a link stays valid (a callable reads it from the settings when used); None: no
    #: expiry beyond the life of what the link names.
    max_age: int | Callable[[], int] | None = None
    compress: bool = False

    def dump(self, **data: Any) -> str:
        return signing.dumps(data, salt=self.salt, compress=self.compress)

    def load(self, token: str, **expected: type | Callable[[Any], bool]) -> dict | None:
        """The data of a token, or None when it was not made by the portal for this kind or a
        value fails its check (a type, or a predicate). Raises ExpiredLink when too old."""
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
        return data
