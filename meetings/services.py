"""Writes on meetings: create, edit, cancel, invite, answer, minutes.

Every change a calendar must pick up raises ``Meeting.sequence``; a change of time or place, or
a cancellation, also emails the invitees (recorded in the notifications outbox in the same
transaction, and sent after it commits).
"""

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cities.models import City, Membership, Network
from common.languages import (
    localized_fields,
    required_languages,
    set_translations,
    slug_text,
)

from . import emails
from .models import Meeting, Participation
from .selectors import may_organise
from .tokens import ANSWERS

#: Fields shown in calendar apps: a change raises the iCalendar SEQUENCE.
#: The workspace's meeting form writes the required languages; the admin adds the others.
CALENDAR_FIELDS = (
    *localized_fields("title", required_languages()),
    *localized_fields("agenda", required_languages()),
    "start",
    "end",
    "timezone",
    *localized_fields("venue", required_languages()),
    "online_url",
    "status",
    "date_precision",
)
#: Fields whose change invitees are told about by email, with the name used in the notice.
NOTICE_FIELDS = {
    "start": _("time"),
    "end": _("time"),
    "timezone": _("time"),
    "date_precision": _("time"),
    **dict.fromkeys(localized_fields("venue", required_languages()), _("place")),
    "online_url": _("online meeting link"),
    "status": _("status"),
}
EDITABLE_FIELDS = (
    "kind",
    *localized_fields("title", required_languages()),
    *localized_fields("agenda", required_languages()),
    "start",
    "end",
    "timezone",
    "host_city",
    *localized_fields("venue", required_languages()),
    "online_url",
    "is_public",
    "date_precision",
)


def snapshot(meeting: Meeting) -> dict:
    return {name: getattr(meeting, name) for name in CALENDAR_FIELDS}


def unique_slug(*, title: str, start: dt.datetime | None) -> str:
    base = slugify(title)[:80] or "meeting"
    if start:
        base = f"{base}-{start:%Y-%m-%d}"
    slug, number = base, 2
    while Meeting.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_fields(data: dict) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")


def _check_organiser(user, *, kind: str | None, host_city, network_id: int) -> None:
    """The write rule for meetings (``selectors.may_organise``), checked again here; a host
    city of another network is refused like a city one may not organise for."""
    host_city_id = host_city.pk if host_city else None
    if host_city is not None and host_city.network_id != network_id:
        raise PermissionDenied
    if not may_organise(user, kind=kind, host_city_id=host_city_id, network_id=network_id):
        raise PermissionDenied


def _check_meeting(user, meeting: Meeting) -> None:
    _check_organiser(
        user, kind=meeting.kind, host_city=meeting.host_city, network_id=meeting.network_id
    )


@transaction.atomic
def create_meeting(*, network: Network, user, data: dict) -> Meeting:
    _check_fields(data)
    _check_organiser(
        user, kind=data.get("kind"), host_city=data.get("host_city"), network_id=network.pk
    )
    meeting = Meeting(network=network, created_by=user, **data)
    meeting.slug = unique_slug(title=slug_text(meeting, "title"), start=meeting.start)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def update_meeting(*, meeting: Meeting, user, data: dict) -> Meeting:
    """Checked before the change and after it (a coordinator cannot move a meeting out of
    their city)."""
    _check_fields(data)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_meeting(user, locked)
    before, sequence = snapshot(locked), locked.sequence
    for name, value in data.items():
        setattr(locked, name, value)
    _check_meeting(user, locked)
    locked.full_clean()
    return record_revision(meeting=locked, before=before, sequence=sequence)


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, user, now: dt.datetime | None = None) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_meeting(user, locked)
    if locked.is_cancelled:
        raise ValidationError(_("This meeting is already cancelled."))
    if locked.end <= (now or timezone.now()):
        raise ValidationError(_("A meeting that is over cannot be cancelled."))
    before, sequence = snapshot(locked), locked.sequence
    locked.status = Meeting.Status.CANCELLED
    locked.full_clean()
    return record_revision(meeting=locked, before=before, sequence=sequence)


def record_revision(*, meeting: Meeting, before: dict, sequence: int) -> Meeting:
    """Save a validated meeting; raise SEQUENCE and tell invitees what changed.

    ``before`` and ``sequence`` describe the stored row, read under a lock by the caller (the
    workspace services above, or the admin).
    """
    after = snapshot(meeting)
    changed = [name for name in CALENDAR_FIELDS if before[name] != after[name]]
    if changed:
        meeting.sequence = sequence + 1
    meeting.save()
    if "status" in changed and meeting.is_cancelled:
        _queue_notices(meeting, cancelled=True)
    elif not meeting.is_cancelled:
        labels = []
        for name in changed:
            label = NOTICE_FIELDS.get(name)
            if label is not None and label not in labels:
                labels.append(label)
        if labels:
            _queue_notices(meeting, changes=labels)
    return meeting


def _queue_notices(meeting: Meeting, *, cancelled: bool = False, changes=()) -> None:
    if meeting.end <= timezone.now():
        return  # nobody needs news about a meeting that is over
    participations = meeting.participations.filter(user__is_active=True).select_related("user")
    if cancelled:
        # Those who declined are not expecting to go; a change of date may suit them, though.
        participations = participations.exclude(rsvp=Participation.RSVP.DECLINED)
    participations = list(participations)
    for participation in participations:
        participation.meeting = meeting
    emails.queue_revision_notices(
        meeting=meeting, participations=participations, cancelled=cancelled, changes=list(changes)
    )


# --- Invitations and answers ------------------------------------------------------------------


@transaction.atomic
def invite(
    *, meeting: Meeting, user, users: Iterable = (), cities: Iterable[City] = ()
) -> list[Participation]:
    """``user`` invites people, and the coordinators of whole cities; each new invitee gets an
    email."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_meeting(user, meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("A cancelled meeting takes no new invitations."))
    if meeting.end <= timezone.now():
        raise ValidationError(_("This meeting is over."))
    # An invitation is for one network: its cities, and people with a role in it.
    cities = list(cities)
    if any(city.network_id != meeting.network_id for city in cities):
        raise PermissionDenied
    people = {person.pk: person for person in users if person.is_active}
    in_network = set(
        Membership.objects.filter(
            user__in=list(people), city__network=meeting.network_id
        ).values_list("user_id", flat=True)
    )
    if set(people) - in_network:
        raise PermissionDenied
    coordinators = Membership.objects.filter(
        city__in=cities, role__in=Membership.COORDINATOR_ROLES, user__is_active=True
    ).select_related("user")
    for membership in coordinators:
        people.setdefault(membership.user_id, membership.user)
    already = set(
        meeting.participations.filter(user__in=people.keys()).values_list("user_id", flat=True)
    )
    created = []
    for person_id, person in people.items():
        if person_id in already:
            continue
        participation = Participation(meeting=meeting, user=person)
        participation.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                participation.save()
        except IntegrityError:
            continue  # invited at the same moment by someone else
        created.append(participation)
    send_invitations(meeting=meeting, participations=created)
    return created


def send_invitations(*, meeting: Meeting, participations: list[Participation]) -> None:
    """Email an invitation to each new participant (also those added in the admin)."""
    if meeting.is_cancelled or meeting.end <= timezone.now() or not participations:
        return
    for participation in participations:
        participation.meeting = meeting
    emails.queue_invitations(meeting=meeting, participations=list(participations))


@transaction.atomic
def respond(
    *, participation: Participation, answer: str, now: dt.datetime | None = None
) -> Participation:
    if answer not in ANSWERS:
        raise ValidationError(_("Choose attending or declined."))
    locked = (
        Participation.objects.select_for_update().select_related("meeting").get(pk=participation.pk)
    )
    meeting = locked.meeting
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting was cancelled."))
    if meeting.end <= (now or timezone.now()):
        raise ValidationError(_("This meeting is over."))
    locked.rsvp = answer
    locked.responded_at = now or timezone.now()
    locked.full_clean()
    locked.save()
    return locked


# --- Minutes ----------------------------------------------------------------------------------


@transaction.atomic
def attach_minutes(
    *,
    meeting: Meeting,
    user,
    file=None,
    summary: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_meeting(user, locked)
    if locked.end > (now or timezone.now()):
        raise ValidationError(_("Minutes can be added once the meeting is over."))
    if not file and not locked.minutes:
        raise ValidationError(_("Choose the file of the minutes."))
    replaced = locked.minutes.name if file and locked.minutes else ""
    if file:
        locked.minutes = file
    set_translations(locked, "minutes_summary", summary or {})
    locked.full_clean()
    locked.save()
    if replaced:
        storage = locked.minutes.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    return locked
