"""The emails meetings send to their invitees: the invitation, a change, a cancellation and the
reminders. Composed in the recipient's language for the meeting's network (its links at that
network's address) and recorded in the notifications outbox, in the transaction of the change
itself, under a unique key (so each is sent once)."""

from django.urls import reverse

from common import exports
from common.languages import absolute
from notifications.emails import Attachment, ComposedEmail, compose
from notifications.models import Kind
from notifications.services import queue_email

from .calendars import build_calendar
from .formatting import meeting_place, meeting_when
from .links import meeting_url
from .tokens import rsvp_token

FOLDER = "meetings/email"


def calendar_attachment(meeting, *, url_for=meeting_url, cancel: bool = False) -> Attachment | None:
    """The meeting as a calendar file (``meeting.ics``) for an email; ``url_for(meeting)`` is the
    link the calendar entry carries."""
    if not meeting.has_days:
        return None  # known only to the month: a calendar entry would invent its days
    data = build_calendar([meeting], name=meeting.title, url_for=url_for, cancel=cancel)
    return Attachment(
        name="meeting.ics", content=data.decode("utf-8"), mimetype=exports.media_type(exports.ICS)
    )


def meeting_details(meeting, *, url: str) -> dict:
    """What ``meetings/email/meeting_details`` shows of a meeting, in the active language."""
    return {
        "meeting": meeting,
        "when": meeting_when(meeting),
        "place": meeting_place(meeting),
        "meeting_url": url,
        "host_city": meeting.host_city.name if meeting.host_city_id else "",
    }


def _meeting_context(participation, **extra) -> dict:
    return {
        "participation": participation,
        **meeting_details(participation.meeting, url=meeting_url(participation.meeting)),
        **extra,
    }


def _rsvp_links(participation) -> dict:
    def link(answer: str) -> str:
        token = rsvp_token(participation_id=participation.pk, answer=answer)
        return absolute(reverse("workspace_meetings:rsvp_link", args=[token]))

    return {"attend_url": link("attending"), "decline_url": link("declined")}


def invitation(participation) -> ComposedEmail:
    def build() -> dict:
        return _meeting_context(
            participation,
            **_rsvp_links(participation),
            attachment=calendar_attachment(participation.meeting),
        )

    return compose(
        recipient=participation.user,
        network=participation.meeting.network,
        template="meeting_invitation",
        build=build,
        folder=FOLDER,
    )


def meeting_changed(participation, *, changes: list) -> ComposedEmail:
    """``changes``: lazily translated names of what changed (time, place…)."""

    def build() -> dict:
        return _meeting_context(
            participation,
            changes=[str(label) for label in changes],
            **_rsvp_links(participation),
            attachment=calendar_attachment(participation.meeting),
        )

    return compose(
        recipient=participation.user,
        network=participation.meeting.network,
        template="meeting_changed",
        build=build,
        folder=FOLDER,
    )


def meeting_cancelled(participation) -> ComposedEmail:
    def build() -> dict:
        return _meeting_context(
            participation, attachment=calendar_attachment(participation.meeting, cancel=True)
        )

    return compose(
        recipient=participation.user,
        network=participation.meeting.network,
        template="meeting_cancelled",
        build=build,
        folder=FOLDER,
    )


def meeting_reminder(participation, *, days: int) -> ComposedEmail:
    def build() -> dict:
        extra = {"days": days}
        if participation.rsvp == participation.RSVP.INVITED:
            extra.update(_rsvp_links(participation))
        return _meeting_context(participation, **extra)

    return compose(
        recipient=participation.user,
        network=participation.meeting.network,
        template="meeting_reminder",
        build=build,
        unsubscribe_kind=Kind.MEETING_REMINDER,
        folder=FOLDER,
    )


# --- Queued in the transaction of the change ---------------------------------------------------


def queue_revision_notices(*, meeting, participations, cancelled: bool, changes: list) -> None:
    """Tell ``participations`` (their ``meeting`` set) that the meeting changed or is cancelled."""
    for participation in participations:
        if cancelled:
            kind, composed = Kind.MEETING_CANCELLED, meeting_cancelled(participation)
        else:
            kind = Kind.MEETING_CHANGED
            composed = meeting_changed(participation, changes=changes)
        queue_email(
            network=meeting.network,
            kind=kind,
            object_key=f"meeting:{meeting.pk}",
            recipient=participation.user,
            occasion=f"rev{meeting.sequence}",
            composed=composed,
        )


def queue_invitations(*, meeting, participations) -> None:
    for participation in participations:
        queue_email(
            network=meeting.network,
            kind=Kind.MEETING_INVITATION,
            object_key=f"meeting:{meeting.pk}",
            recipient=participation.user,
            occasion=f"p{participation.pk}",
            composed=invitation(participation),
        )
