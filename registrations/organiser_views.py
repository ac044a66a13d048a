"""Organisers' pages: registration settings, the door list with check-in, and the export.

Every view finds the meeting inside ``meetings_manageable_by(user)``: lead staff reach every
meeting, a city's coordinator the local group meetings their city hosts; others get a 404.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cities.access import workspace_view
from common.exports import CSV, XLSX, download
from common.requests import network_for

from . import exports, selectors, services
from .forms import CheckInCodeForm, DoorSearchForm, QuestionFormSet, SettingsForm
from .models import RegistrationSettings


@workspace_view
@require_GET
def meeting_list(request):
    upcoming, past = selectors.organiser_meetings(request.user, network_for(request))
    sections = [(_("Upcoming meetings"), upcoming), (_("Past meetings"), past)]
    return render(request, "registrations/organise/list.html", {"sections": sections})


@workspace_view
@require_http_methods(["GET", "POST"])
def edit_settings(request, pk: int):
    meeting = selectors.manageable_meeting(request.user, pk, network_for(request))
    setup = selectors.settings_for(meeting) or RegistrationSettings(meeting=meeting)
    data = request.POST if request.method == "POST" else None
    form = SettingsForm(data, instance=setup, meeting=meeting)
    questions = QuestionFormSet(data, instance=setup, prefix="questions")
    if data is not None and form.is_valid() and questions.is_valid():
        services.save_settings(form=form, questions=questions, user=request.user)
        messages.success(request, _("The registration settings are saved."))
        return redirect("registrations_organise:door", pk=meeting.pk)
    return render(
        request,
        "registrations/organise/settings.html",
        {"meeting": meeting, "form": form, "questions": questions},
    )


def _door_page(request, meeting, *, code_form=None, found=None, status: int = 200):
    setup = selectors.settings_for(meeting)
    search = DoorSearchForm(request.GET or None)
    term = search.cleaned_data["q"] if search.is_valid() else ""
    return render(
        request,
        "registrations/organise/door.html",
        {
            "meeting": meeting,
            "setup": setup,
            "counts": selectors.registration_counts(meeting),
            "rows": selectors.door_list(meeting, search=term) if setup else [],
            "search": search,
            "code_form": code_form or CheckInCodeForm(),
            "found": found,
            "next": request.get_full_path(),
        },
        status=status,
    )


@workspace_view
@require_GET
def door(request, pk: int):
    """The door list; a scanned QR code opens it with ``?code=`` and checks the person in."""
    meeting = selectors.manageable_meeting(request.user, pk, network_for(request))
    code = request.GET.get("code", "")
    if code:
        return _check_in_code(request, meeting, CheckInCodeForm({"code": code}), scanned=True)
    return _door_page(request, meeting)


def _check_in_code(request, meeting, form, *, scanned: bool = False):
    if not form.is_valid():
        return _door_page(request, meeting, code_form=form, status=400)
    registration = selectors.registration_by_code(meeting, form.cleaned_data["code"])
    if registration is None:
        form.add_error("code", _("No registration of this meeting has this code."))
        return _door_page(request, meeting, code_form=form, status=404)
    if scanned and request.method == "GET":
        # A GET never changes anything: the scanned person is shown with a check-in button.
        return _door_page(request, meeting, found=registration)
    return _apply_check_in(request, registration)


@workspace_view
@require_POST
def check_in_by_code(request, pk: int):
    meeting = selectors.manageable_meeting(request.user, pk, network_for(request))
    return _check_in_code(request, meeting, CheckInCodeForm(request.POST))


def _apply_check_in(request, registration):
    try:
        changed = services.check_in(registration=registration, user=request.user)
    except services.RegistrationRefused as refused:
        messages.error(request, f"{registration.name}: {refused.message}")
    else:
        if changed:
            messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
        else:
            moment = timezone.localtime(registration.checked_in_at or timezone.now())
            messages.info(
                request,
                _("%(name)s was already checked in at %(time)s.")
                % {"name": registration.name, "time": moment.strftime("%H:%M")},
            )
    return redirect("registrations_organise:door", pk=registration.meeting_id)


@workspace_view
@require_POST
def check_in(request, pk: int, registration_pk: int):
    meeting = selectors.manageable_meeting(request.user, pk, network_for(request))
    return _apply_check_in(request, selectors.registration_in(meeting, registration_pk))


@workspace_view
@require_POST
def undo_check_in(request, pk: int, registration_pk: int):
    meeting = selectors.manageable_meeting(request.user, pk, network_for(request))
    registration = selectors.registration_in(meeting, registration_pk)
    if services.undo_check_in(registration=registration, user=request.user):
        messages.info(request, _("%(name)s is no longer checked in.") % {"name": registration.name})
    return redirect(reverse("registrations_organise:door", args=[meeting.pk]))


@workspace_view
@require_GET
def export(request, pk: int, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    meeting = selectors.manageable_meeting(request.user, pk, network_for(request))
    setup = selectors.settings_for(meeting)
    questions = selectors.questions_of(setup) if setup else []
    rows = selectors.export_rows(meeting)
    if fmt == "xlsx":
        body, content_type = exports.as_xlsx(rows, questions), XLSX
    else:
        body, content_type = exports.as_csv(rows, questions), CSV
    return download(body, filename=f"registrations-{meeting.slug}.{fmt}", content_type=content_type)
