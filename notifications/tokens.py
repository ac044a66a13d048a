"""Signed, login-free tokens for the one-click unsubscribe links of optional emails.

A person's choices are their own, in every network, but the link belongs to the network whose
email carried it: opened on another network's host it is refused (``common.tokens``)."""

from common.tokens import SignedLink, made_for

from .models import NotificationPreferences

UNSUBSCRIBE = SignedLink(salt="notifications.unsubscribe", compress=True)
#: The personal calendar feed's address: the person's secret feed key and the network whose
#: events the feed holds.
CALENDAR_FEED = SignedLink(salt="notifications.calendar")


def unsubscribe_token(*, user_id: int, kind: str, network) -> str:
    return UNSUBSCRIBE.dump(u=user_id, k=kind, network=network)


def read_unsubscribe_token(token: str, *, network) -> tuple[int, str] | None:
    """The (user id, kind) a token was made for, or None when it was tampered with or made for
    another network than ``network``."""
    data = UNSUBSCRIBE.load(
        token,
        network=network,
        u=int,
        k=lambda kind: kind in NotificationPreferences.OPTIONAL_KINDS,
    )
    return (data["u"], data["k"]) if data else None


def calendar_feed_token(*, key: str, network) -> str:
    """The token in the address of a person's calendar feed of ``network``: their secret key
    (``NotificationPreferences.calendar_token``; a new key ends every old address)."""
    return CALENDAR_FEED.dump(t=key, network=network)


def read_calendar_feed_token(token: str, *, network) -> str | None:
    """The secret key of a feed address opened on ``network``'s host, or None when the address
    was made for another network or altered. Addresses made before networks were told apart
    hold the bare key (no signature): they stay the default network's feed."""
    if ":" not in token:
        return token if made_for({}, network) else None
    data = CALENDAR_FEED.load(token, network=network, t=str)
    return data["t"] if data else None
