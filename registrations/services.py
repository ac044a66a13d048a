"""Writes of the registrations app: register, confirm, cancel, check in, settings, retention.

Every change to who holds a place runs in one transaction that first locks the meeting's
``RegistrationSettings`` row (``SELECT … FOR UPDATE``). Confirmations, cancellations and
promotions from the waiting list on one meeting are therefore served one at a time, and the
count of places taken that each reads is the truth, not a race. Each email is queued in the
notifications outbox under a unique key in the same transaction, so it goes out exactly once.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.selectors import may_change
from notifications.models import OutboundEmail

from . import emails
from .models import Registration, RegistrationSettings
from .selectors import free_places

Status = Registration.Status
Window = RegistrationSettings.Window

#: Check-in codes avoid letters and digits that are easily confused (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6

WINDOW_MESSAGES = {
    Window.CLOSED: _("Registration for this meeting is closed."),
    Window.NOT_YET: _("Registration for this meeting is not open yet."),
    Window.OVER: _("Registration for this meeting has ended."),
}


class RegistrationRefused(Exception):
    """A request that cannot be carried out; ``message`` says why, in the visitor's words."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _require_organiser(user, meeting) -> None:
    """The organisers' actions (settings, the door) follow the meeting's write rule. The
    visitors' own actions (register, confirm, cancel, delete) need no account: the signed link
    of their email is the proof, checked by the views that call them."""
    if not may_change(user, meeting):
        raise PermissionDenied


def _locked_settings(meeting_id: int) -> RegistrationSettings:
    return (
        RegistrationSettings.objects.select_for_update(of=("self",))
        .select_related("meeting")
        .get(meeting_id=meeting_id)
    )


def _locked(registration_id: int) -> Registration:
    return Registration.objects.select_for_update().get(pk=registration_id)


def normalised_email(email: str) -> str:
    return email.strip().lower()


def _new_code(meeting_id: int) -> str:
    # Called under the settings lock, so two registrations cannot pick the same free code.
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Registration.objects.filter(meeting_id=meeting_id, check_in_code=code).exists():
            return code


@transaction.atomic
def register(
    *,
    meeting,
    name: str,
    email: str,
    organisation: str = "",
    answers: dict | None = None,
    language: str,
    now: dt.datetime | None = None,
) -> Registration:
    """Record a pending registration and email the confirmation link.

    An address that already has a registration for the meeting gets no second one: a pending
    one is updated and its link sent again; a confirmed one's owner gets their personal link.
    """
    now = now or timezone.now()
    setup = _locked_settings(meeting.pk)
    window = setup.window(now)
    if window != Window.OPEN:
        raise RegistrationRefused(WINDOW_MESSAGES[window])
    details = {
        "name": name.strip(),
        "email": email.strip(),
        "organisation": organisation.strip() if setup.ask_organisation else "",
        "answers": answers or {},
        "language": language,
    }
    key = normalised_email(email)
    existing = Registration.objects.active().filter(meeting_id=meeting.pk, email_key=key).first()
    if existing is not None and existing.status != Status.PENDING:
        emails.send_link_again(existing, hour=now.strftime("%Y%m%dT%H"))
        return existing
    if existing is not None:
        registration = existing
        for field, value in details.items():
            setattr(registration, field, value)
        registration.confirmation_requests += 1
        # The confirmation window starts again with the new link.
        registration.created_at = now
    else:
        registration = Registration(
            meeting=setup.meeting,
            email_key=key,
            check_in_code=_new_code(meeting.pk),
            created_at=now,
            **details,
        )
    registration.full_clean()
    registration.save()
    emails.send_confirmation_request(registration)
    return registration


@transaction.atomic
def confirm(*, registration_id: int, now: dt.datetime | None = None) -> tuple[Registration, bool]:
    """Confirm the address: a place if one is free, else the end of the waiting list.

    Returns the registration and whether this call changed it (False for a reused link).
    """
    meeting_id = (
        Registration.objects.filter(pk=registration_id).values_list("meeting_id", flat=True).first()
    )
    if meeting_id is None:
        raise RegistrationRefused(_("This registration no longer exists."))
    setup = _locked_settings(meeting_id)
    # Read the clock only once the lock is held, so the waiting list's order is the order in
    # which confirmations were served.
    now = now or timezone.now()
    registration = _locked(registration_id)
    if registration.status != Status.PENDING:
        return registration, False
    if setup.meeting.is_cancelled or now >= setup.meeting.end or setup.purged_at:
        raise RegistrationRefused(WINDOW_MESSAGES[Window.OVER])
    registration.meeting = setup.meeting
    registration.confirmed_at = now
    free = free_places(setup)
    if free is None or free > 0:
        registration.status = Status.CONFIRMED
        registration.place_since = now
    else:
        registration.status = Status.WAITING
    registration.full_clean()
    registration.save()
    emails.send_confirmed(registration)
    return registration, True


def _fill_free_places(setup: RegistrationSettings, *, now: dt.datetime) -> list[Registration]:
    """Give free places to the people waiting longest; call with the settings row locked."""
    free = free_places(setup)
    if free == 0:
        return []
    waiting = Registration.objects.filter(meeting_id=setup.meeting_id).waiting_in_order()
    if free is not None:
        waiting = waiting[:free]
    promoted = list(waiting.select_for_update())
    for registration in promoted:
        registration.meeting = setup.meeting
        registration.status = Status.CONFIRMED
        registration.place_since = now
        registration.save(update_fields=["status", "place_since"])
        # Keyed once per registration: a second cancellation can never email them again.
        emails.send_promoted(registration)
    return promoted


@transaction.atomic
def cancel(*, registration: Registration, now: dt.datetime | None = None) -> bool:
    """Cancel; a freed place goes to the first person waiting. False when already cancelled."""
    setup = _locked_settings(registration.meeting_id)
    now = now or timezone.now()
    current = _locked(registration.pk)
    if current.status == Status.CANCELLED:
        return False
    if current.checked_in_at:
        raise RegistrationRefused(_("You have already been checked in at this meeting."))
    if now >= setup.meeting.end:
        raise RegistrationRefused(_("This meeting is over: its registrations stay as they were."))
    had_place = current.status == Status.CONFIRMED
    current.status = Status.CANCELLED
    current.cancelled_at = now
    current.save(update_fields=["status", "cancelled_at"])
    if had_place:
        _fill_free_places(setup, now=now)
    return True


def _forget_emails(registration_ids) -> None:
    keys = [f"registration:{pk}" for pk in registration_ids]
    OutboundEmail.objects.filter(recipient__isnull=True, object_key__in=keys).delete()


@transaction.atomic
def delete_registration(*, registration: Registration, now: dt.datetime | None = None) -> None:
    """The registrant removes their registration and every email the portal kept about it.

    A place they held goes to the next person waiting; once checked in, they only leave the
    count of people present."""
    now = now or timezone.now()
    holds_a_turn = registration.status != Status.CANCELLED and not registration.checked_in_at
    if holds_a_turn and now < registration.meeting.end:
        cancel(registration=registration, now=now)
    _forget_emails([registration.pk])
    Registration.objects.filter(pk=registration.pk).delete()


@transaction.atomic
def check_in(*, registration: Registration, user, now: dt.datetime | None = None) -> bool:
    """Mark a registrant present at the door. False when they were checked in already."""
    current = _locked(registration.pk)
    _require_organiser(user, current.meeting)
    if current.status == Status.WAITING:
        raise RegistrationRefused(_("This person is on the waiting list and has no place."))
    if current.status != Status.CONFIRMED:
        raise RegistrationRefused(_("This registration has no place (not confirmed or cancelled)."))
    if current.checked_in_at:
        return False
    current.checked_in_at = now or timezone.now()
    current.checked_in_by = user
    current.save(update_fields=["checked_in_at", "checked_in_by"])
    return True


@transaction.atomic
def undo_check_in(*, registration: Registration, user) -> bool:
    _require_organiser(user, registration.meeting)
    return bool(
        Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=False).update(
            checked_in_at=None, checked_in_by=None
        )
    )


@transaction.atomic
def save_settings(*, form, questions, user, now: dt.datetime | None = None) -> RegistrationSettings:
    """Save the validated settings form and question formset; more places admit people waiting."""
    _require_organiser(user, form.instance.meeting)
    if form.instance.pk:
        _locked_settings(form.instance.meeting_id)
    setup = form.save()
    questions.instance = setup
    questions.save()
    setup = _locked_settings(setup.meeting_id)
    _fill_free_places(setup, now=now or timezone.now())
    return setup


def purge_personal_data(*, now: dt.datetime | None = None) -> int:
    """Delete registrants' data once the retention period after a meeting is over, keeping only
    the counts; also forget registrations whose address was never confirmed in time.

    Returns how many registrations were deleted. Safe to run any number of times, in parallel.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    deleted = 0
    due = RegistrationSettings.objects.filter(meeting__end__lt=cutoff, purged_at__isnull=True)
    for meeting_id in due.values_list("meeting_id", flat=True):
        deleted += _purge_meeting(meeting_id, now=now)
    expired = Registration.objects.filter(
        status=Status.PENDING,
        created_at__lt=now - dt.timedelta(hours=settings.REGISTRATION_CONFIRM_HOURS),
    )
    with transaction.atomic():
        ids = list(expired.values_list("pk", flat=True))
        _forget_emails(ids)
        deleted += Registration.objects.filter(pk__in=ids, status=Status.PENDING).delete()[0]
    return deleted


@transaction.atomic
def _purge_meeting(meeting_id: int, *, now: dt.datetime) -> int:
    setup = _locked_settings(meeting_id)
    if setup.purged_at:
        return 0
    registrations = Registration.objects.filter(meeting_id=meeting_id)
    counts = registrations.aggregate(
        registered=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    _forget_emails(registrations.values_list("pk", flat=True))
    deleted = registrations.delete()[0]
    setup.kept_registered = counts["registered"]
    setup.kept_waiting = counts["waiting"]
    setup.kept_checked_in = counts["checked_in"]
    setup.purged_at = now
    setup.save(update_fields=["kept_registered", "kept_waiting", "kept_checked_in", "purged_at"])
    return deleted
