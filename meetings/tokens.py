"""Signed RSVP links: invitees answer from the invitation email without signing in."""

from common.tokens import SignedLink

from .models import Participation

RSVP = SignedLink(salt="meetings.rsvp", compress=True)
ANSWERS = (Participation.RSVP.ATTENDING, Participation.RSVP.DECLINED)


def rsvp_token(*, participation_id: int, answer: str) -> str:
    if answer not in ANSWERS:
        raise ValueError(f"{answer!r} is not an answer")
    return RSVP.dump(p=participation_id, a=answer)


def read_rsvp_token(token: str) -> tuple[int, str] | None:
    """(participation id, answer) from a link, or None when it was not made by the portal."""
    data = RSVP.load(token, p=int, a=lambda answer: answer in ANSWERS)
    return (data["p"], data["a"]) if data else None
