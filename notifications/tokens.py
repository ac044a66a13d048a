"""Signed, login-free tokens for the one-click unsubscribe links of optional emails."""

from common.tokens import SignedLink

from .models import NotificationPreferences

UNSUBSCRIBE = SignedLink(salt="notifications.unsubscribe", compress=True)


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return UNSUBSCRIBE.dump(u=user_id, k=kind)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """The (user id, kind) a token was made for, or None when it was tampered with."""
    data = UNSUBSCRIBE.load(
        token, u=int, k=lambda kind: kind in NotificationPreferences.OPTIONAL_KINDS
    )
    return (data["u"], data["k"]) if data else None
