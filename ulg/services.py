"""Writes of the URBACT Local Groups: the register, a meeting's attendance and its outcomes.

Every function checks the one write rule again (the views already did):
``cities.permissions.require_writable`` for a city's register, ``meetings.selectors.may_change``
for a meeting's close-out (after final reporting closes, coordinators only read; lead staff may
still correct).
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import City
from cities.permissions import require_writable
from meetings.models import Meeting
from meetings.selectors import may_change

from .models import Attendance, Organisation, Outcome, SectorAttendance

ORGANISATION_FIELDS = (
    "name",
    "sector",
    "joined_on",
    "left_on",
    "listed_publicly",
    "contact_name",
    "contact_email",
)
OUTCOME_FIELDS = ("kind", "text", "owner_organisation", "owner_person", "due_date", "status")


def _check_meeting(user, meeting: Meeting) -> None:
    if not may_change(user, meeting):
        raise PermissionDenied


def _fields(data: Mapping, allowed: Iterable[str]) -> dict:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    return dict(data)


# --- The register -----------------------------------------------------------------------------


@transaction.atomic
def add_organisation(*, user, city: City, data: Mapping) -> Organisation:
    require_writable(user, city)
    organisation = Organisation(city=city, **_fields(data, ORGANISATION_FIELDS))
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def update_organisation(*, user, organisation: Organisation, data: Mapping) -> Organisation:
    locked = Organisation.objects.select_for_update().select_related("city__network")
    locked = locked.get(pk=organisation.pk)
    require_writable(user, locked.city_id)
    for name, value in _fields(data, ORGANISATION_FIELDS).items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def remove_organisation(*, user, organisation: Organisation) -> None:
    """Deletes the organisation and its contact person; an organisation that still owns actions
    is kept (record the day it left instead, or give the actions another owner)."""
    locked = Organisation.objects.select_for_update().select_related("city__network")
    locked = locked.get(pk=organisation.pk)
    require_writable(user, locked.city_id)
    try:
        with transaction.atomic():
            locked.delete()
    except ProtectedError:
        raise ValidationError(
            _(
                "This organisation owns actions of the group's meetings. Give those actions "
                "another owner first, or record the day it left the group instead."
            )
        ) from None


# --- Attendance -------------------------------------------------------------------------------


def _closeout_allowed(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise ValidationError(_("A cancelled meeting has no attendance or outcomes."))
    if meeting.start > timezone.now():
        raise ValidationError(_("Attendance and outcomes are recorded once the meeting begins."))


@transaction.atomic
def record_attendance(
    *,
    user,
    meeting: Meeting,
    people: int,
    organisations: Iterable[Organisation] = (),
    by_sector: Mapping[str, int | None] | None = None,
) -> Attendance:
    """Saves (or replaces) who came. The organisations must be in the host city's register."""
    meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
    _check_meeting(user, meeting)
    _closeout_allowed(meeting)
    organisations = list(organisations)
    foreign = [o for o in organisations if o.city_id != meeting.host_city_id]
    if foreign:
        raise ValidationError(
            {"organisations": _("Choose organisations from the host city's register.")}
        )
    counts = {sector: n for sector, n in (by_sector or {}).items() if n is not None}
    errors = {}
    if people is None or people < 0:
        errors["people"] = _("The number of people cannot be below zero.")
    elif people < len(organisations):
        errors["people"] = _(
            "Fewer people than organisations present: every organisation present counts at "
            "least one person."
        )
    elif sum(counts.values()) > people:
        errors["people"] = _("The numbers by sector add up to more than the number of people.")
    if any(n < 0 for n in counts.values()):
        errors["people"] = _("The numbers by sector cannot be below zero.")
    if errors:
        raise ValidationError(errors)
    attendance, _created = Attendance.objects.get_or_create(
        meeting=meeting, defaults={"people": people, "recorded_by": user}
    )
    attendance.people = people
    attendance.recorded_by = user
    attendance.full_clean()
    attendance.save()
    attendance.organisations.set(organisations)
    attendance.sectors.all().delete()
    rows = [
        SectorAttendance(attendance=attendance, sector=sector, people=n)
        for sector, n in counts.items()
        if n
    ]
    for row in rows:
        row.full_clean(validate_unique=False, validate_constraints=False)
    SectorAttendance.objects.bulk_create(rows)
    return attendance


# --- Outcomes ---------------------------------------------------------------------------------


def _check_owner(outcome: Outcome, meeting: Meeting) -> None:
    owner = outcome.owner_organisation
    if owner is not None and owner.city_id != meeting.host_city_id:
        raise ValidationError(
            {"owner_organisation": _("Choose an organisation from the host city's register.")}
        )


@transaction.atomic
def add_outcome(*, user, meeting: Meeting, data: Mapping) -> Outcome:
    meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
    _check_meeting(user, meeting)
    _closeout_allowed(meeting)
    outcome = Outcome(meeting=meeting, created_by=user, **_fields(data, OUTCOME_FIELDS))
    _check_owner(outcome, meeting)
    outcome.full_clean()
    outcome.save()
    return outcome


@transaction.atomic
def update_outcome(*, user, outcome: Outcome, data: Mapping) -> Outcome:
    locked = Outcome.objects.select_for_update().select_related("meeting__network")
    locked = locked.get(pk=outcome.pk)
    _check_meeting(user, locked.meeting)
    for name, value in _fields(data, OUTCOME_FIELDS).items():
        setattr(locked, name, value)
    _check_owner(locked, locked.meeting)
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def remove_outcome(*, user, outcome: Outcome) -> None:
    locked = Outcome.objects.select_for_update().select_related("meeting__network")
    locked = locked.get(pk=outcome.pk)
    _check_meeting(user, locked.meeting)
    locked.delete()
