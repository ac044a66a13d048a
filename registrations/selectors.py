"""Read-side queries for registrations: the public form, the personal link, the door list.

Organisers reach a meeting only through ``meetings_manageable_by(user)``; anything else is 404.
"""

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from cities.models import Network
from cities.permissions import may_see_personal_data
from cities.selectors import is_lead_staff
from common.search import document_columns
from meetings.models import Meeting
from meetings.selectors import meetings_manageable_by

from .models import Question, Registration, RegistrationSettings
from .tokens import read_manage_token

Status = Registration.Status

#: Counted in the database once per meeting: registered = holding a place.
COUNTS = {
    "registered": Count("pk", filter=Q(status=Status.CONFIRMED)),
    "waiting": Count("pk", filter=Q(status=Status.WAITING)),
    "checked_in": Count("pk", filter=Q(checked_in_at__isnull=False)),
}


def settings_for(meeting: Meeting) -> RegistrationSettings | None:
    return RegistrationSettings.objects.filter(meeting=meeting).first()


def questions_of(setup: RegistrationSettings) -> list[Question]:
    return list(setup.questions.order_by("order", "id"))


def registration_counts(meeting: Meeting) -> dict:
    """How many hold a place, wait, and were checked in; the kept counts once the personal
    data is gone. For the meeting's attendance and the organisers' pages."""
    setup = (
        RegistrationSettings.objects.filter(meeting=meeting)
        .only("purged_at", "kept_registered", "kept_waiting", "kept_checked_in")
        .first()
    )
    if setup is not None and setup.purged_at:
        return {
            "registered": setup.kept_registered,
            "waiting": setup.kept_waiting,
            "checked_in": setup.kept_checked_in,
        }
    return Registration.objects.filter(meeting=meeting).aggregate(**COUNTS)


def free_places(setup: RegistrationSettings) -> int | None:
    """None for unlimited places. Exact only under the settings row lock (services.py)."""
    if setup.places is None:
        return None
    taken = Registration.objects.filter(meeting_id=setup.meeting_id, status=Status.CONFIRMED)
    return max(setup.places - taken.count(), 0)


def registration_from_link(token: str) -> Registration | None:
    """The registration a personal link names, or None when it was altered or is gone."""
    found = read_manage_token(token)
    if found is None:
        return None
    registration_id, code = found
    return (
        Registration.objects.select_related("meeting", "meeting__host_city")
        .filter(pk=registration_id, check_in_code=code)
        .first()
    )


def registration_for_confirmation(registration_id: int) -> Registration | None:
    return (
        Registration.objects.select_related("meeting", "meeting__host_city")
        .filter(pk=registration_id)
        .first()
    )


def waiting_position(registration: Registration) -> int | None:
    if registration.status != Status.WAITING:
        return None
    ahead = Registration.objects.filter(meeting_id=registration.meeting_id).waiting_in_order()
    ahead = ahead.filter(
        Q(confirmed_at__lt=registration.confirmed_at)
        | Q(confirmed_at=registration.confirmed_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


# --- Organisers -------------------------------------------------------------------------------


def may_see_registrants(user, meeting: Meeting) -> bool:
    """Registrants' names and addresses follow the one personal-data rule, for the city whose
    people run the meeting: its host for a ULG meeting, else the network's lead staff."""
    city_id = meeting.host_city_id if meeting.kind == Meeting.Kind.LOCAL_ULG else None
    if city_id is None:  # a network meeting's registrants: that network's lead staff only
        return is_lead_staff(user, meeting.network_id)
    return may_see_personal_data(user, city_id)


def manageable_meeting(user, pk: int, network: Network | None = None) -> Meeting:
    """A meeting (of ``network``, when given) whose registrations (the door list, its export,
    the settings) the person runs; 404 for anyone else, an invited coordinator of another city
    and lead staff of another network included."""
    meeting = (
        meetings_manageable_by(user, network).select_related("host_city").filter(pk=pk).first()
    )
    if meeting is None or not may_see_registrants(user, meeting):
        raise Http404
    return meeting


def organiser_meetings(
    user, network: Network | None = None, *, now=None, limit: int = 50
) -> tuple[list, list]:
    """The meetings a person organises (in ``network``, when given) with their counts:
    upcoming, then the latest past."""
    now = now or timezone.now()
    meetings = (
        meetings_manageable_by(user, network)
        .select_related("host_city", "registration_settings")
        .defer("agenda", "minutes_summary", *document_columns())
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
            waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
            checked_in=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
        )
    )
    upcoming = list(meetings.filter(end__gte=now).order_by("start")[:limit])
    past = list(meetings.filter(end__lt=now).order_by("-start")[:limit])
    return upcoming, past


def door_list(meeting: Meeting, *, search: str = "") -> list[Registration]:
    """Everyone holding or waiting for a place; by name, email or organisation when searched."""
    rows = Registration.objects.filter(
        meeting=meeting, status__in=[Status.CONFIRMED, Status.WAITING]
    )
    search = search.strip()
    if search:
        rows = rows.filter(
            Q(name__icontains=search)
            | Q(email__icontains=search)
            | Q(organisation__icontains=search)
            | Q(check_in_code__iexact=search)
        )
    return list(rows.order_by("status", "name", "id"))


def registration_by_code(meeting: Meeting, code: str) -> Registration | None:
    cleaned = "".join(code.split()).replace("-", "").upper()
    return Registration.objects.filter(meeting=meeting, check_in_code=cleaned).first()


def registration_in(meeting: Meeting, pk: int) -> Registration:
    registration = Registration.objects.filter(meeting=meeting, pk=pk).first()
    if registration is None:
        raise Http404
    return registration


def export_rows(meeting: Meeting) -> list[Registration]:
    return list(
        Registration.objects.filter(meeting=meeting)
        .exclude(status=Status.PENDING)
        .order_by("status", "confirmed_at", "id")
    )
