"""The ULG pages of the workspace, under /<lang>/workspace/ulg/.

Every object is looked up inside the person's scope, so another city's organisation, meeting
or action answers 404; seen but not changeable (the lead expert, or a coordinator after final
reporting closed) answers 403. Views parse, check and render; services write.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cities.access import workspace_view
from cities.permissions import may_see_personal_data, may_write
from cities.selectors import (
    cities_visible_to,
    follows_whole_network,
    visible_city_ids,
)
from common.exports import CSV, XLSX, download
from common.paging import page_of
from common.requests import network_for
from meetings.selectors import may_change, meeting_for, visible_meetings

from . import exports, selectors, services
from .filters import MeetingLogFilter, OrganisationFilter
from .forms import AttendanceForm, OrganisationForm, OutcomeForm
from .models import Organisation, Outcome
from .privacy import show_owners

ORGANISATIONS_PER_PAGE = 50
ACTIONS_SHOWN = 20
MEETINGS_SHOWN = 20


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error)


def _filters(request):
    user, data, network = request.user, request.GET or None, network_for(request)
    # The city choice (of the request's network) only when there is a choice; asked once for
    # both filters.
    cities = cities_visible_to(user, network).order_by("order", "slug")
    cities = cities if cities.count() > 1 else None
    organisations = OrganisationFilter(
        data,
        queryset=selectors.organisations_visible_to(user, network).order_by("city__order", "name"),
        cities=cities,
    )
    meetings = MeetingLogFilter(data, queryset=_logged_meetings(user, network), cities=cities)
    return organisations, meetings


def _logged_meetings(user, network):
    held = selectors.held_meetings().filter(network=network)
    if follows_whole_network(user, network):
        return held
    return held.filter(
        host_city__in=visible_city_ids(user, network),
        pk__in=visible_meetings(user, network).values("pk"),
    )


def _may_add(user, network) -> bool:
    return selectors.register_cities(user, network).exists()


@workspace_view
def register(request):
    organisation_filter, meeting_filter = _filters(request)
    page = page_of(request, organisation_filter.rows, per_page=ORGANISATIONS_PER_PAGE)
    user = request.user
    network = network_for(request)
    # One query answers both: which rows the person may edit, and whether they may add.
    writable = dict(selectors.register_cities(user, network).values_list("pk", "network_id"))
    rows = [
        {
            "organisation": organisation,
            "editable": organisation.city_id in writable,
            "contact_shown": may_see_personal_data(user, organisation.city),
        }
        for organisation in page
    ]
    log = selectors.meeting_log(meeting_filter.rows)
    actions = selectors.open_actions_visible_to(user, network)
    context = {
        "organisation_filter": organisation_filter,
        "meeting_filter": meeting_filter,
        "rows": rows,
        "page_obj": page,
        "meetings": list(log[:MEETINGS_SHOWN]),
        "meeting_count": log.count(),
        "actions": show_owners(user, actions[:ACTIONS_SHOWN]),
        "action_count": actions.count(),
        "today": timezone.localdate(),
        # "Late" means nothing once the network has ended.
        "marks_late": network.is_running_on(),
        "may_add": bool(writable),
        "query": request.GET.urlencode(),
        "show_city": "city" in organisation_filter.filters,
    }
    return render(request, "ulg/register.html", context)


def _cities_for_forms(request):
    return selectors.register_cities(request.user, network_for(request))


@workspace_view
@require_http_methods(["GET", "POST"])
def organisation_add(request):
    user = request.user
    if not _may_add(user, network_for(request)):
        raise PermissionDenied
    cities = _cities_for_forms(request)
    form = OrganisationForm(request.POST or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_organisation(
                user=user, city=form.cleaned_data["city"], data=form.organisation_data()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The organisation is added to the register."))
            return redirect("ulg:register")
    return render(request, "ulg/organisation_form.html", {"form": form, "organisation": None})


def _editable_organisation(request, pk) -> Organisation:
    user = request.user
    organisation = get_object_or_404(
        selectors.organisations_visible_to(user, network_for(request)), pk=pk
    )
    if not may_write(user, organisation.city_id):
        raise PermissionDenied
    return organisation


@workspace_view
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk: int):
    user = request.user
    organisation = _editable_organisation(request, pk)
    form = OrganisationForm(
        request.POST or None, instance=organisation, cities=_cities_for_forms(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                user=user, organisation=organisation, data=form.organisation_data()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The organisation is saved."))
            return redirect("ulg:register")
    context = {"form": form, "organisation": organisation}
    return render(request, "ulg/organisation_form.html", context)


@workspace_view
@require_http_methods(["GET", "POST"])
def organisation_delete(request, pk: int):
    user = request.user
    organisation = _editable_organisation(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.remove_organisation(user=user, organisation=organisation)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("The organisation and its contact person are removed."))
            return redirect("ulg:register")
    context = {"organisation": organisation, "error": error}
    return render(request, "ulg/organisation_delete.html", context, status=400 if error else 200)


# --- Close-out of a meeting -------------------------------------------------------------------


def _may_close_out(user, meeting) -> bool:
    return may_change(user, meeting)


def _register_for(meeting) -> QuerySet[Organisation]:
    """The organisations a close-out may name: the host city's register."""
    if not meeting.host_city_id:
        return Organisation.objects.none()
    return selectors.register_of(meeting.host_city)


def _closeout_page(request, meeting, *, attendance_form=None, outcome_form=None, status=200):
    user = request.user
    attendance = selectors.meeting_attendance(meeting)
    outcomes = show_owners(
        user, selectors.meeting_outcomes(meeting), host_city_id=meeting.host_city_id
    )
    manage = _may_close_out(user, meeting)
    register = _register_for(meeting)
    if manage and attendance_form is None:
        initial = None
        if attendance:
            initial = {
                "people": attendance.people,
                "organisations": list(attendance.organisations.all()),
                **{f"sector_{row.sector}": row.people for row in attendance.sectors.all()},
            }
        attendance_form = AttendanceForm(initial=initial, register=register)
    if manage and outcome_form is None:
        outcome_form = OutcomeForm(register=register)
    context = {
        "meeting": meeting,
        "attendance": attendance,
        "outcomes": outcomes,
        "manage": manage,
        "begun": meeting.start <= timezone.now() and not meeting.is_cancelled,
        "attendance_form": attendance_form,
        "outcome_form": outcome_form,
    }
    return render(request, "ulg/closeout.html", context, status=status)


@workspace_view
def closeout(request, pk: int):
    return _closeout_page(request, meeting_for(request.user, pk, network_for(request)))


def _managed(request, pk: int):
    meeting = meeting_for(request.user, pk, network_for(request))
    if not _may_close_out(request.user, meeting):
        raise PermissionDenied
    return meeting, _register_for(meeting)


@workspace_view
@require_POST
def attendance_save(request, pk: int):
    meeting, register = _managed(request, pk)
    form = AttendanceForm(request.POST, register=register)
    if form.is_valid():
        try:
            services.record_attendance(
                user=request.user,
                meeting=meeting,
                people=form.cleaned_data["people"],
                organisations=form.cleaned_data["organisations"],
                by_sector=form.by_sector(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The attendance is saved."))
            return redirect("ulg:closeout", pk=meeting.pk)
    return _closeout_page(request, meeting, attendance_form=form, status=400)


@workspace_view
@require_POST
def outcome_add(request, pk: int):
    meeting, register = _managed(request, pk)
    form = OutcomeForm(request.POST, register=register)
    if form.is_valid():
        try:
            services.add_outcome(user=request.user, meeting=meeting, data=form.outcome_data())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect("ulg:closeout", pk=meeting.pk)
    return _closeout_page(request, meeting, outcome_form=form, status=400)


def _managed_outcome(request, pk: int) -> tuple[Outcome, QuerySet]:
    visible = visible_meetings(request.user, network_for(request))
    outcomes = Outcome.objects.filter(meeting__in=visible.values("pk"))
    outcomes = outcomes.select_related("meeting__network", "meeting__host_city")
    outcome = get_object_or_404(outcomes, pk=pk)
    _meeting, register = _managed(request, outcome.meeting_id)
    return outcome, register


@workspace_view
@require_http_methods(["GET", "POST"])
def outcome_edit(request, pk: int):
    outcome, register = _managed_outcome(request, pk)
    form = OutcomeForm(request.POST or None, instance=outcome, register=register)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_outcome(user=request.user, outcome=outcome, data=form.outcome_data())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The outcome is saved."))
            return redirect("ulg:closeout", pk=outcome.meeting_id)
    return render(request, "ulg/outcome_form.html", {"form": form, "outcome": outcome})


@workspace_view
@require_POST
def outcome_delete(request, pk: int):
    outcome, _register = _managed_outcome(request, pk)
    services.remove_outcome(user=request.user, outcome=outcome)
    messages.success(request, _("The outcome is removed."))
    return redirect("ulg:closeout", pk=outcome.meeting_id)


# --- Export -----------------------------------------------------------------------------------


@workspace_view
def export(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    organisation_filter, meeting_filter = _filters(request)
    if organisation_filter.is_bound and not (
        organisation_filter.is_valid() and meeting_filter.is_valid()
    ):
        errors = [*organisation_filter.errors.values(), *meeting_filter.errors.values()]
        return HttpResponse(
            _("The filters are not valid: %(errors)s")
            % {"errors": "; ".join(str(e) for e in errors)},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    organisations = list(organisation_filter.rows)
    meetings = selectors.attach_closeout(list(meeting_filter.rows.select_related("host_city")))
    for meeting in meetings:
        show_owners(request.user, meeting.outcomes, host_city_id=meeting.host_city_id)
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        body, content_type = exports.as_xlsx(organisations, meetings), XLSX
    else:
        body, content_type = exports.as_csv(organisations, meetings), CSV
    return download(body, filename=f"citisense-ulg-{stamp}.{fmt}", content_type=content_type)
