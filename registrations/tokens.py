"""Signed links in registrants' emails: confirm the address, and see or cancel the registration.

The confirmation link expires; the personal link lasts as long as the registration (it names
the registration's check-in code too, so it dies with the row).
"""

from django.conf import settings

from common.tokens import ExpiredLink, SignedLink

__all__ = [
    "ExpiredLink",
    "confirm_token",
    "manage_token",
    "read_confirm_token",
    "read_manage_token",
]

CONFIRM = SignedLink(
    salt="registrations.confirm", max_age=lambda: settings.REGISTRATION_CONFIRM_HOURS * 3600
)
MANAGE = SignedLink(salt="registrations.manage")


def confirm_token(*, registration_id: int) -> str:
    return CONFIRM.dump(r=registration_id)


def read_confirm_token(token: str) -> int | None:
    """The registration id; None when tampered with; ExpiredLink when too old."""
    data = CONFIRM.load(token, r=int)
    return data["r"] if data else None


def manage_token(*, registration_id: int, code: str) -> str:
    return MANAGE.dump(r=registration_id, c=code)


def read_manage_token(token: str) -> tuple[int, str] | None:
    data = MANAGE.load(token, r=int, c=str)
    return (data["r"], data["c"]) if data else None
