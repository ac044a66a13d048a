"""The emails to registrants, composed in the language they registered in for the meeting's
network (every link at that network's address), and queued in the notifications outbox under a
unique key, so that each one is sent exactly once."""

from django.conf import settings
from django.urls import reverse

from common.languages import absolute
from meetings.emails import calendar_attachment, meeting_details
from notifications.emails import Addressee, Attachment, compose
from notifications.models import Kind
from notifications.services import queue_email

from .models import Registration
from .tokens import confirm_token, manage_token


def public_meeting_url(meeting) -> str:
    return absolute(reverse("meetings:detail", args=[meeting.slug]))


def manage_url(registration: Registration) -> str:
    token = manage_token(registration_id=registration.pk, code=registration.check_in_code)
    return absolute(reverse("registrations:manage", args=[token]))


def qr_png_url(registration: Registration) -> str:
    token = manage_token(registration_id=registration.pk, code=registration.check_in_code)
    return absolute(reverse("registrations:qr_png", args=[token]))


def _calendar(meeting) -> Attachment | None:
    return calendar_attachment(meeting, url_for=public_meeting_url)


def _context(registration: Registration, **extra) -> dict:
    meeting = registration.meeting
    return {
        "registration": registration,
        **meeting_details(meeting, url=public_meeting_url(meeting)),
        **extra,
    }


def _send(registration: Registration, *, kind: str, occasion: str, build) -> int | None:
    recipient = Addressee(
        email=registration.email,
        preferred_language=registration.language,
        name=registration.name,
    )
    network = registration.meeting.network
    composed = compose(
        recipient=recipient,
        network=network,
        template=kind,
        build=build,
        folder="registrations/email",
    )
    return queue_email(
        network=network,
        kind=kind,
        object_key=registration.object_key,
        recipient=None,
        occasion=occasion,
        composed=composed,
    )


def send_confirmation_request(registration: Registration) -> int | None:
    """The double opt-in: one email per request, the n-th under the occasion ``request-n``."""

    def build() -> dict:
        path = reverse(
            "registrations:confirm", args=[confirm_token(registration_id=registration.pk)]
        )
        return _context(
            registration, confirm_url=absolute(path), hours=settings.REGISTRATION_CONFIRM_HOURS
        )

    return _send(
        registration,
        kind=Kind.REGISTRATION_CONFIRM,
        occasion=f"request-{registration.confirmation_requests}",
        build=build,
    )


def _with_place(registration: Registration) -> dict:
    return _context(
        registration,
        manage_url=manage_url(registration),
        qr_url=qr_png_url(registration),
        attachment=_calendar(registration.meeting),
    )


def send_confirmed(registration: Registration) -> int | None:
    """After the address is confirmed: a place (with the check-in code) or the waiting list."""
    return _send(
        registration,
        kind=Kind.REGISTRATION_CONFIRMED,
        occasion="",
        build=lambda: _with_place(registration),
    )


def send_promoted(registration: Registration) -> int | None:
    """A place freed up for the first person waiting: sent once per registration, ever."""
    return _send(
        registration,
        kind=Kind.REGISTRATION_PROMOTED,
        occasion="",
        build=lambda: _with_place(registration),
    )


def send_link_again(registration: Registration, *, hour: str) -> int | None:
    """Somebody registered an address that already holds a registration: the owner gets the
    personal link again (at most once an hour), and the form says nothing more than usual."""
    return _send(
        registration,
        kind=Kind.REGISTRATION_LINK,
        occasion=hour,
        build=lambda: _context(registration, manage_url=manage_url(registration)),
    )
