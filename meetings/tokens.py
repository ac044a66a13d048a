"""Signed RSVP links: invitees answer from the invitation email without signing in."""

from django.core import signing

from .models import Participation

RSVP_SALT = "meetings.rsvp"
ANSWERS = (Participation.RSVP.ATTENDING, Participation.RSVP.DECLINED)


def rsvp_token(*, participation_id: int, answer: str) -> str:
    if answer not in ANSWERS:
        raise ValueError(f"{answer!r} is not an answer")
    return signing.dumps({"p": participation_id, "a": answer}, salt=RSVP_SALT, compress=True)


def read_rsvp_token(token: str) -> tuple[int, str] | None:
    """(participation id, answer) from a link, or None when it was not made by the portal."""
    try:
        data = signing.loads(token, salt=RSVP_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    participation_id, answer = data.get("p"), data.get("a")
    if not isinstance(participation_id, int) or answer not in ANSWERS:
        return None
    return participation_id, answer
