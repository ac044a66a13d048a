from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from common import exports
from common.languages import absolute
from common.paging import MEETINGS_PER_PAGE, page_of
from common.requests import network_for

from .calendars import build_calendar
from .rows import meeting_rows
from .selectors import (
    past_public_meetings,
    public_meeting,
    public_meetings,
    upcoming_public_meetings,
)


def _public_url(meeting) -> str:
    return absolute(reverse("meetings:detail", args=[meeting.slug]))


def _calendar_response(data: bytes, *, filename: str, attachment: bool) -> HttpResponse:
    return exports.download(
        data, filename=filename, content_type=exports.ICS, attachment=attachment
    )


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    network = network_for(request)
    # One more than shown tells whether the list goes on, without counting every meeting.
    upcoming = upcoming_public_meetings(network=network, limit=MEETINGS_PER_PAGE + 1)
    past = page_of(request, past_public_meetings(network=network), per_page=MEETINGS_PER_PAGE)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "upcoming": meeting_rows(upcoming[:MEETINGS_PER_PAGE]),
            "more_upcoming": len(upcoming) > MEETINGS_PER_PAGE,
            "past": meeting_rows(past.object_list),
            "page_obj": past,
        },
    )


def _meeting_or_404(request: HttpRequest, slug: str):
    meeting = public_meeting(network=network_for(request), slug=slug)
    if meeting is None:
        raise Http404
    return meeting


@require_GET
def meeting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting_or_404(request, slug)
    return render(request, "meetings/meeting_detail.html", {"meeting": meeting})


@require_GET
def meeting_ics(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting_or_404(request, slug)
    if not meeting.has_days:
        raise Http404  # known only to the month: no calendar entry would be true
    data = build_calendar([meeting], name=meeting.title, url_for=_public_url)
    return _calendar_response(data, filename=f"{meeting.slug}.ics", attachment=True)


@require_GET
def meetings_feed(request: HttpRequest) -> HttpResponse:
    """Every public meeting, past and future, for calendar apps to subscribe to."""
    network = network_for(request)
    name = network.name if network else "CITISENSE"
    data = build_calendar(
        public_meetings(network=network).order_by("start"),
        name=_("%(network)s meetings") % {"network": name},
        url_for=_public_url,
    )
    return _calendar_response(
        data, filename=f"{network.slug if network else 'meetings'}.ics", attachment=False
    )
