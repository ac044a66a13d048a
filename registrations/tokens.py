"""Signed links in registrants' emails: confirm the address, and see or cancel the registration.

Nothing secret is stored: the signature (made with the secret key) is what proves the link
came from the portal. The confirmation link expires; the personal link lasts as long as the
registration (it names the registration's check-in code too, so it dies with the row).
"""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "registrations.confirm"
MANAGE_SALT = "registrations.manage"


def confirm_token(*, registration_id: int) -> str:
    return signing.dumps({"r": registration_id}, salt=CONFIRM_SALT)


class ExpiredLink(Exception):
    pass


def read_confirm_token(token: str) -> int | None:
    """The registration id; None when tampered with; ExpiredLink when too old."""
    max_age = settings.REGISTRATION_CONFIRM_HOURS * 3600
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except signing.BadSignature:
        return None
    registration_id = data.get("r") if isinstance(data, dict) else None
    return registration_id if isinstance(registration_id, int) else None


def manage_token(*, registration_id: int, code: str) -> str:
    return signing.dumps({"r": registration_id, "c": code}, salt=MANAGE_SALT)


def read_manage_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=MANAGE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    registration_id, code = data.get("r"), data.get("c")
    if not isinstance(registration_id, int) or not isinstance(code, str):
        return None
    return registration_id, code
