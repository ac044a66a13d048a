"""Whether the page being rendered goes into a static archive, and of which network.

The archive builder (``archive.builder``) renders the public site in-process; while it does,
``archiving()`` answers the network and the day of the archive, so that templates can leave out
what needs a server (sign-in, forms) and say "This is the archive of … as of …". A context
variable, not a setting: the live site in the same process is never affected.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Archiving:
    network: object  # a cities.Network (this module imports no domain app)
    as_of: date
    languages: tuple[str, ...]


_archiving: ContextVar[Archiving | None] = ContextVar("citisense_archiving", default=None)


def archiving() -> Archiving | None:
    return _archiving.get()


@contextmanager
def archive_of(network, *, as_of: date, languages: tuple[str, ...]) -> Iterator[Archiving]:
    token = _archiving.set(Archiving(network=network, as_of=as_of, languages=languages))
    try:
        yield _archiving.get()
    finally:
        _archiving.reset(token)
