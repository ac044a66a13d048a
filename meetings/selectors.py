"""Read-side queries for meetings.

Public pages see public meetings of the current network. In the workspace, lead staff and the
lead expert see every meeting of the network; everyone else sees the meetings they are invited
to and their own cities' URBACT Local Group meetings. Lead staff organise every meeting (create,
edit, invite, upload minutes); city coordinators organise their own cities' ULG meetings.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from cities.models import City, Membership, Network
from cities.permissions import may_write
from cities.selectors import (
    cities_writable_by,
    editable_city_ids,
    followed_network_ids,
    is_lead_staff,
    lead_network_ids,
)
from common.prepared import prepared_instances
from common.search import document_columns

from .models import Meeting, Participation


def public_meetings(*, network: Network | None) -> QuerySet[Meeting]:
    if network is None:
        return Meeting.objects.none()
    return Meeting.objects.public().filter(network=network).select_related("host_city")


def listed(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """What a meeting's summary in a list needs (``meetings.rows.meeting_rows``): the
    agenda, the minutes and the host city's texts stay in the database."""
    return meetings.select_related("host_city").defer(
        "agenda",
        "minutes_summary",
        *document_columns(),
        "host_city__description",
        "host_city__ulg_description",
        *document_columns("host_city__"),
    )


def upcoming_public_meetings(*, network: Network | None, limit: int | None = None) -> list:
    meetings = listed(public_meetings(network=network)).upcoming(timezone.now())
    return list(meetings[:limit] if limit else meetings)


def past_public_meetings(*, network: Network | None) -> QuerySet[Meeting]:
    """Latest first; the public list shows them a page at a time."""
    return listed(public_meetings(network=network)).past(timezone.now())


#: The columns ``meetings.rows.meeting_rows`` reads (a translated field: every language's,
#: for its fallback), where a list shows nothing else of a meeting.
SUMMARY_FIELDS = (
    *("slug", "title", "status", "kind", "venue", "start", "end", "timezone", "date_precision"),
    *("host_city", "host_city__name"),
)


def meetings_hosted_by(*, city: City, limit: int) -> list[Meeting]:
    """The city's latest public meetings as host, the most recent first, as their summaries
    show them (a meeting's row is some hundred columns, of which a summary shows a dozen)."""

    def build(network: int, city: int) -> QuerySet[Meeting]:
        return (
            Meeting.objects.public()
            .only(*(name for name in SUMMARY_FIELDS if not name.startswith("host_city__")))
            .filter(network_id=network, host_city=city)
            .order_by("-start")[:limit]
        )

    # Its SQL built once per process, language and limit (``common.prepared``); the host is
    # the city itself, not read again.
    key = ("meetings.hosted_by", get_language(), limit)
    meetings = prepared_instances(key, build, {"network": city.network_id, "city": city.pk})
    for meeting in meetings:
        Meeting.host_city.field.set_cached_value(meeting, city)
    return meetings


def public_meeting(*, network: Network | None, slug: str) -> Meeting | None:
    return (
        public_meetings(network=network).prefetch_related("agenda_items").filter(slug=slug).first()
    )


def _network_id(network: Network | int | None) -> int | None:
    return network.pk if isinstance(network, Network) else network


def _of_networks(meetings: QuerySet[Meeting], network_ids, network) -> tuple[QuerySet, Q | None]:
    """``meetings`` of ``network`` when given, and the condition "of one of ``network_ids``"
    (None: no such condition, every network: a superuser)."""
    network_id = _network_id(network)
    if network_id is not None:
        meetings = meetings.filter(network_id=network_id)
    if network_ids is None:
        return meetings, None
    ids = network_ids if network_id is None else network_ids & {network_id}
    return meetings, Q(network_id__in=sorted(ids))


def can_organise(user, network: Network | int | None = None) -> bool:
    """May create meetings: lead staff any, coordinators their cities' ULG meetings (in
    ``network``; in any of their networks when None)."""
    return is_lead_staff(user, network) or bool(
        user.is_authenticated and editable_city_ids(user, network)
    )


def meetings_manageable_by(user, network: Network | int | None = None) -> QuerySet[Meeting]:
    """The meetings a person may edit, cancel, invite to and close out: every meeting of the
    networks where they are lead staff, the URBACT Local Group meetings their cities host for
    city coordinators; of ``network`` only when given."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    meetings, led = _of_networks(Meeting.objects.all(), lead_network_ids(user), network)
    if led is None:
        return meetings
    return meetings.filter(
        led | Q(kind=Meeting.Kind.LOCAL_ULG, host_city_id__in=editable_city_ids(user, network))
    )


def may_manage(user, meeting: Meeting) -> bool:
    return meetings_manageable_by(user, meeting.network_id).filter(pk=meeting.pk).exists()


def may_organise(user, *, kind: str | None, host_city_id: int | None, network_id: int) -> bool:
    """The write rule for a meeting of this kind and host (``cities.permissions.may_write``):
    lead staff organise any meeting of their network while it is not closed; a city's
    coordinators only the ULG meetings their city hosts, until its network closes final
    reporting. Nobody organises in a network where they have no such role."""
    if is_lead_staff(user, network_id):
        return may_write(user, None, network=network_id)
    return bool(kind == Meeting.Kind.LOCAL_ULG and host_city_id and may_write(user, host_city_id))


def may_change(user, meeting: Meeting) -> bool:
    """May edit, cancel, invite to, close out and add minutes to this meeting now."""
    return may_organise(
        user, kind=meeting.kind, host_city_id=meeting.host_city_id, network_id=meeting.network_id
    )


def may_create(user, network: Network | None) -> bool:
    """May create a meeting in the network now: lead staff, or a coordinator of a city of it
    that may still write."""
    if network is None:
        return False
    return cities_writable_by(user, network).exists()


def visible_meetings(user, network: Network | int | None = None) -> QuerySet[Meeting]:
    """Every meeting of the networks the person follows, the meetings they are invited to and
    their own cities' ULG meetings; of ``network`` only when given."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    meetings = Meeting.objects.select_related("host_city")
    meetings, followed = _of_networks(meetings, followed_network_ids(user), network)
    if followed is None:
        return meetings
    invited = Participation.objects.filter(user=user).values("meeting_id")
    return meetings.filter(
        followed
        | Q(pk__in=invited)
        | Q(kind=Meeting.Kind.LOCAL_ULG, host_city_id__in=editable_city_ids(user, network))
    )


def workspace_meetings(user, network: Network | int | None = None) -> QuerySet[Meeting]:
    """Visible meetings with the person's own answer and, for organisers, answer counts."""
    my_answer = Participation.objects.filter(meeting=OuterRef("pk"), user=user).values("rsvp")[:1]
    meetings = visible_meetings(user, network).annotate(my_rsvp=Subquery(my_answer))
    if can_organise(user, network):
        manageable = meetings_manageable_by(user, network).filter(pk=OuterRef("pk"))
        meetings = meetings.annotate(manageable=Exists(manageable))
        RSVP = Participation.RSVP
        meetings = meetings.annotate(
            invited_count=Count("participations", distinct=True),
            attending_count=Count(
                "participations", filter=Q(participations__rsvp=RSVP.ATTENDING), distinct=True
            ),
            declined_count=Count(
                "participations", filter=Q(participations__rsvp=RSVP.DECLINED), distinct=True
            ),
        )
    return meetings


def upcoming_and_past(
    user, network: Network | int | None = None, *, now=None
) -> tuple[list[Meeting], list[Meeting]]:
    now = now or timezone.now()
    meetings = workspace_meetings(user, network)
    upcoming = list(meetings.filter(end__gte=now).order_by("start"))
    past = list(meetings.filter(end__lt=now).order_by("-start")[:50])
    return upcoming, past


def meeting_for(user, pk: int, network: Network | int | None = None) -> Meeting:
    """The meeting if the person may see it (in ``network``, when given); 404 otherwise (no
    hint that it exists)."""
    meeting = (
        visible_meetings(user, network)
        .select_related("created_by", "network")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def participation_of(meeting: Meeting, user) -> Participation | None:
    if not user.is_authenticated:
        return None
    return Participation.objects.filter(meeting=meeting, user=user).first()


def participants(meeting: Meeting) -> list[Participation]:
    """The invitation list with each person's cities, for the organisers."""
    memberships = Membership.objects.select_related("city").order_by("city__order")
    return list(
        meeting.participations.select_related("user")
        .prefetch_related(Prefetch("user__memberships", queryset=memberships))
        .order_by("user__full_name", "user__email")
    )


def invitable_people(meeting: Meeting) -> QuerySet:
    """Active people with a role in one of the network's cities, not yet invited."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__city__network=meeting.network_id)
        .exclude(participations__meeting=meeting)
        .distinct()
        .order_by("full_name", "email")
    )


def invitable_cities(meeting: Meeting) -> QuerySet[City]:
    return City.objects.filter(network=meeting.network_id).active().order_by("order", "slug")


def participation_for_rsvp(participation_id: int) -> Participation | None:
    return (
        Participation.objects.select_related("meeting", "user", "meeting__host_city")
        .filter(pk=participation_id, user__is_active=True)
        .first()
    )


# --- Emails and the personal calendar feed ----------------------------------------------------


def meetings_starting_between(start: dt.datetime, end: dt.datetime) -> QuerySet[Meeting]:
    """Scheduled meetings starting in [start, end), with invitees who have not declined."""
    invitees = (
        Participation.objects.exclude(rsvp=Participation.RSVP.DECLINED)
        .filter(user__is_active=True)
        .select_related("user", "user__notification_preferences")
        .order_by("user__email")
    )
    return (
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED,
            start__gte=start,
            start__lt=end,
            # A meeting known only to the month has no day to be reminded of.
            date_precision__in=Meeting.CALENDAR_PRECISIONS,
        )
        .select_related("host_city")
        .prefetch_related(Prefetch("participations", queryset=invitees, to_attr="invitees"))
        .order_by("start")
    )


def feed_meetings(*, user, since: dt.datetime) -> QuerySet[Meeting]:
    """Meetings the person is invited to and has not declined, and those they organise.

    Cancelled meetings stay in the feed (marked cancelled) so calendar apps remove them.
    """
    invited = Q(
        participations__user=user,
        participations__rsvp__in=[Participation.RSVP.INVITED, Participation.RSVP.ATTENDING],
    )
    return (
        Meeting.objects.filter(invited | Q(created_by=user), end__gte=since)
        .distinct()
        .order_by("start")
    )
