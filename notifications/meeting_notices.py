"""The emails a meeting's invitees get when they are invited, and when it changes or is
cancelled: recorded in the outbox in the same transaction as the change (meetings' signals)."""

from meetings.signals import invitees_added, meeting_revised

from . import composers
from .models import Kind
from .services import queue_email


def _revised(sender, *, meeting, participations, cancelled, changes, **kwargs) -> None:
    for participation in participations:
        if cancelled:
            kind, composed = Kind.MEETING_CANCELLED, composers.meeting_cancelled(participation)
        else:
            kind = Kind.MEETING_CHANGED
            composed = composers.meeting_changed(participation, changes=changes)
        queue_email(
            kind=kind,
            object_key=f"meeting:{meeting.pk}",
            recipient=participation.user,
            occasion=f"rev{meeting.sequence}",
            composed=composed,
        )


def _invited(sender, *, meeting, participations, **kwargs) -> None:
    for participation in participations:
        queue_email(
            kind=Kind.MEETING_INVITATION,
            object_key=f"meeting:{meeting.pk}",
            recipient=participation.user,
            occasion=f"p{participation.pk}",
            composed=composers.invitation(participation),
        )


def connect() -> None:
    meeting_revised.connect(_revised, dispatch_uid="notifications:meeting-revised")
    invitees_added.connect(_invited, dispatch_uid="notifications:invitees-added")
