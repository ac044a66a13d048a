"""Meetings in the signed-in workspace: organisers plan and invite, invitees answer.

Views only parse input, check permission and render; selectors read, services write.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from cities.access import workspace_view
from cities.selectors import cities_writable_by, is_lead_staff
from common import exports
from common.languages import translated_values, translations
from common.requests import network_for
from common.uploads import serve_private_file

from . import selectors, services
from .calendars import build_calendar
from .forms import InviteForm, MeetingForm, MinutesForm, RSVPForm
from .links import meeting_url
from .tokens import read_rsvp_token


def _organiser_only(user, network) -> None:
    if not selectors.may_create(user, network):
        raise PermissionDenied


def _managed_meeting(request, pk: int):
    """The meeting of the request's network if the person may change it; 404 if they may not
    even see it (or it is another network's), else 403."""
    user = request.user
    meeting = selectors.meeting_for(user, pk, network_for(request))
    if not selectors.may_change(user, meeting):
        raise PermissionDenied
    return meeting


def _organiser_cities(user, network):
    """Coordinators organise their own cities' ULG meetings only; None means any meeting."""
    if is_lead_staff(user, network):
        return None
    return cities_writable_by(user).filter(network=network).order_by("order", "slug")


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@workspace_view
def meeting_list(request):
    upcoming, past = selectors.upcoming_and_past(request.user, network_for(request))
    return render(
        request,
        "meetings/workspace/list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "can_organise": selectors.may_create(request.user, network_for(request)),
        },
    )


def _detail_context(request, meeting, *, invite_form=None, rsvp_form=None) -> dict:
    user = request.user
    organiser = selectors.may_change(user, meeting)
    participation = selectors.participation_of(meeting, user)
    context = {
        "meeting": meeting,
        "participation": participation,
        "can_organise": organiser,
        "is_over": meeting.end <= timezone.now(),
        "has_begun": meeting.start <= timezone.now(),
        "rsvp_form": rsvp_form or RSVPForm(),
    }
    if organiser:
        participants = selectors.participants(meeting)
        context["participants"] = participants
        context["counts"] = {
            answer: sum(1 for p in participants if p.rsvp == answer)
            for answer in ("invited", "attending", "declined")
        }
        if not meeting.is_cancelled and not context["is_over"]:
            context["invite_form"] = invite_form or InviteForm(
                people=selectors.invitable_people(meeting),
                cities=selectors.invitable_cities(meeting),
            )
    return context


@workspace_view
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk, network_for(request))
    return render(request, "meetings/workspace/detail.html", _detail_context(request, meeting))


@workspace_view
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    network = network_for(request)
    _organiser_only(request.user, network)
    form = MeetingForm(
        request.POST or None,
        network=network,
        organiser_cities=_organiser_cities(request.user, network),
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(
                network=network, user=request.user, data=form.meeting_data()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was created. Now invite the participants."))
            return redirect("workspace_meetings:detail", pk=meeting.pk)
    return render(request, "meetings/workspace/form.html", {"form": form, "meeting": None})


@workspace_view
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    meeting = _managed_meeting(request, pk)
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        network=meeting.network,
        organiser_cities=_organiser_cities(request.user, meeting.network),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(meeting=meeting, user=request.user, data=form.meeting_data())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("workspace_meetings:detail", pk=meeting.pk)
    return render(request, "meetings/workspace/form.html", {"form": form, "meeting": meeting})


@workspace_view
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk: int):
    meeting = _managed_meeting(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.cancel_meeting(meeting=meeting, user=request.user)
        except ValidationError as problem:
            error = _error_text(problem)
        else:
            messages.success(request, _("The meeting was cancelled and the invitees told."))
            return redirect("workspace_meetings:detail", pk=meeting.pk)
    return render(request, "meetings/workspace/cancel.html", {"meeting": meeting, "error": error})


@workspace_view
@require_POST
def meeting_invite(request, pk: int):
    meeting = _managed_meeting(request, pk)
    form = InviteForm(
        request.POST,
        people=selectors.invitable_people(meeting),
        cities=selectors.invitable_cities(meeting),
    )
    if form.is_valid():
        try:
            created = services.invite(
                meeting=meeting,
                user=request.user,
                users=form.cleaned_data["people"],
                cities=form.cleaned_data["cities"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d invitation was sent.",
                    "%(count)d invitations were sent.",
                    len(created),
                )
                % {"count": len(created)}
                if created
                else _("Everyone chosen was already invited."),
            )
            return redirect("workspace_meetings:detail", pk=meeting.pk)
    context = _detail_context(request, meeting, invite_form=form)
    return render(request, "meetings/workspace/detail.html", context, status=400)


@workspace_view
@require_POST
def meeting_respond(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk, network_for(request))
    participation = selectors.participation_of(meeting, request.user)
    if participation is None:
        raise Http404
    form = RSVPForm(request.POST)
    if form.is_valid():
        try:
            services.respond(participation=participation, answer=form.cleaned_data["answer"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you, your answer was saved."))
            return redirect("workspace_meetings:detail", pk=meeting.pk)
    context = _detail_context(request, meeting, rsvp_form=form)
    return render(request, "meetings/workspace/detail.html", context, status=400)


@workspace_view
@require_http_methods(["GET", "POST"])
def minutes_upload(request, pk: int):
    meeting = _managed_meeting(request, pk)
    initial = translations("summary", translated_values(meeting, "minutes_summary"))
    form = MinutesForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.attach_minutes(
                meeting=meeting,
                user=request.user,
                file=form.cleaned_data["file"],
                summary=form.summary(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("workspace_meetings:detail", pk=meeting.pk)
    return render(request, "meetings/workspace/minutes.html", {"form": form, "meeting": meeting})


@workspace_view
def minutes_download(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk, network_for(request))
    if not meeting.minutes:
        raise Http404
    return serve_private_file(meeting.minutes, download_name=f"minutes-{meeting.slug}")


@workspace_view
def meeting_calendar(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk, network_for(request))
    if not meeting.has_days:
        raise Http404
    data = build_calendar([meeting], name=meeting.title, url_for=meeting_url)
    response = exports.download(data, filename=f"{meeting.slug}.ics", content_type=exports.ICS)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def rsvp_link(request, token: str):
    """The answer links in invitation emails: no sign-in, the signed token is the proof.

    Opening the link only shows a confirmation button, because mail scanners open links too.
    """
    decoded = read_rsvp_token(token)
    participation = selectors.participation_for_rsvp(decoded[0]) if decoded else None
    network = network_for(request)
    # A link is answered on its own network's address only.
    if participation is None or network is None or participation.meeting.network_id != network.pk:
        raise Http404
    answer = decoded[1]
    error, done = None, False
    if request.method == "POST":
        try:
            participation = services.respond(participation=participation, answer=answer)
        except ValidationError as problem:
            error = _error_text(problem)
        else:
            done = True
    return render(
        request,
        "meetings/workspace/rsvp_link.html",
        {
            "participation": participation,
            "meeting": participation.meeting,
            "answer": answer,
            "error": error,
            "done": done,
        },
        status=400 if error else 200,
    )
