"""The reports pages under /<lang>/workspace/reports/: thin views over selectors and services.

Reports are looked up inside the person's scope (the cities they see), so another city's report
answers 404; a change the report's state does not allow answers 409 and changes nothing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.access import workspace_view
from cities.models import City
from cities.permissions import may_write
from cities.selectors import cities_visible_to, follows_whole_network
from common.exports import PDF, XLSX, download
from common.forms import add_model_errors
from common.locking import CONFLICT_STATUS, StaleError, refused_edit
from common.requests import network_for

from . import documents, selectors, services
from .forms import PeriodForm, ReportForm, ReviewForm, SubmitForm
from .models import CityReport, ReportingPeriod
from .prefill import SECTIONS_BY_KEY, build_prefill


def _current_network(request):
    network = network_for(request)
    if network is None:
        raise Http404
    return network


def _period(request, pk) -> ReportingPeriod:
    try:
        return ReportingPeriod.objects.select_related("network").get(
            pk=pk, network=_current_network(request)
        )
    except ReportingPeriod.DoesNotExist as missing:
        raise Http404 from missing


@workspace_view
def index(request):
    network = _current_network(request)
    context = {
        "rows": selectors.period_rows(user=request.user, network=network),
        "follows_network": follows_whole_network(request.user, network),
        "can_manage": selectors.may_review(request.user, network),
    }
    return render(request, "reports/index.html", context)


# --- Periods (lead staff) ---------------------------------------------------------------------


def _period_form(request, *, period: ReportingPeriod | None):
    network = _current_network(request)
    if not selectors.may_review(request.user, network):
        raise PermissionDenied
    form = PeriodForm(request.POST or None, instance=period, network=network)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in PeriodForm.Meta.fields}
        try:
            if period is None:
                services.create_period(network=network, user=request.user, **data)
            else:
                services.update_period(period=period, user=request.user, **data)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The reporting period is saved."))
            return redirect("reports:index")
    return render(request, "reports/period_form.html", {"form": form, "period": period})


@workspace_view
def period_add(request):
    return _period_form(request, period=None)


@workspace_view
def period_edit(request, pk: int):
    return _period_form(request, period=_period(request, pk))


# --- The network's report for a period --------------------------------------------------------


@workspace_view
def period(request, period: int):
    """Which cities have submitted and been accepted (lead staff and the lead expert)."""
    if not follows_whole_network(request.user, _current_network(request)):
        raise PermissionDenied
    found = _period(request, period)
    context = {
        "period": found,
        "cities": selectors.network_period(period=found),
        "accepted": len(selectors.accepted_reports(period=found)),
        "can_manage": selectors.may_review(request.user, found.network_id),
    }
    return render(request, "reports/period.html", context)


def _download(request, period: int, *, build, extension: str, content_type: str):
    if not follows_whole_network(request.user, _current_network(request)):
        raise PermissionDenied
    found = _period(request, period)
    name = f"{found.network.slug}-period-{found.number}-{timezone.localdate().isoformat()}"
    return download(build(period=found), filename=f"{name}.{extension}", content_type=content_type)


@workspace_view
def network_pdf(request, period: int):
    return _download(
        request, period, build=documents.network_pdf, extension="pdf", content_type=PDF
    )


@workspace_view
def network_xlsx(request, period: int):
    return _download(
        request, period, build=documents.network_xlsx, extension="xlsx", content_type=XLSX
    )


# --- A city's report --------------------------------------------------------------------------


def _scope(request, period: int, city: str):
    found = _period(request, period)
    try:
        place = (
            cities_visible_to(request.user, found.network).select_related("network").get(slug=city)
        )
    except City.DoesNotExist as missing:  # a city this person does not see: as if missing
        raise Http404 from missing
    report = (
        selectors.reports_visible_to(request.user, found.network)
        .filter(period=found, city=place)
        .first()
    )
    return found, place, report


def _render(
    request, found, place, report, *, form=None, review_form=None, conflict=None, status=200
):
    user = request.user
    can_write = selectors.is_author(user, place)
    is_open = may_write(user, place)
    if report is None:
        sections = [
            {"section": SECTIONS_BY_KEY[item["key"]], "data": item["data"]}
            for item in build_prefill(city=place, period=found)
        ]
        narrative = None
    else:
        sections, narrative = selectors.sections_of(report), selectors.narrative_of(report)
    editing = bool(report and report.is_editable and can_write and is_open)
    reviewing = bool(
        report
        and report.status == CityReport.Status.SUBMITTED
        and selectors.may_review(user, found.network_id)
    )
    context = {
        "period": found,
        "city": place,
        "report": report,
        "sections": sections,
        "narrative": narrative,
        "transitions": selectors.transitions_of(report) if report else [],
        "can_start": report is None and can_write and is_open,
        "closed": can_write and not is_open,
        "form": form or (ReportForm(instance=report) if editing else None),
        "review_form": review_form
        or (ReviewForm(initial={"version": report.version}) if reviewing else None),
        "conflict": conflict,
        "follows_network": follows_whole_network(user, found.network_id),
        "reopening": selectors.reopening_comments(reports=[report]).get(report.pk)
        if report
        else None,
    }
    return render(request, "reports/city_report.html", context, status=status)


def _refused(request, found, place, message):
    """A change the report's state does not allow: 409, with the report as it now stands."""
    report = (
        selectors.reports_visible_to(request.user, found.network)
        .filter(period=found, city=place)
        .first()
    )
    messages.error(request, message)
    return _render(request, found, place, report, status=CONFLICT_STATUS)


@workspace_view
def city_report(request, period: int, city: str):
    found, place, report = _scope(request, period, city)
    if request.method != "POST":
        return _render(request, found, place, report)
    if not selectors.is_author(request.user, place):
        raise PermissionDenied
    action = request.POST.get("action")
    try:
        if action == "start":
            services.open_report(period=found, city=place, user=request.user)
            return redirect("reports:city_report", period=found.pk, city=place.slug)
        if report is None or action not in ("save", "submit"):
            raise Http404
        return _save(request, found, place, report, submit=action == "submit")
    except services.ReportStateError as refused:
        return _refused(request, found, place, refused.message)


def _not_submitted(request, found, place, report, form, error: ValidationError):
    add_model_errors(form, error)
    form.add_error(None, _("The report is not submitted: write the sections marked below."))
    return _render(request, found, place, report, form=form)


def _save(request, found, place, report, *, submit: bool):
    """Saves the draft; "Submit" first checks that the required sections are written, saves,
    and leads to the confirmation step (nothing is sent before the person confirms)."""
    form = ReportForm(request.POST, instance=report)
    if not form.is_valid():
        return _render(request, found, place, report, form=form)
    data = form.cleaned_data
    if submit and (missing := services.missing_sections(data)):
        return _not_submitted(request, found, place, report, form, ValidationError(missing))
    try:
        services.save_report(
            report=report,
            user=request.user,
            expected_version=data["version"],
            achievements=data["achievements"],
            difficulties=data["difficulties"],
            next_steps=data["next_steps"],
        )
    except StaleError as stale:
        return _conflict(request, found, place, stale)
    except ValidationError as error:
        return _not_submitted(request, found, place, report, form, error)
    if submit:
        return redirect("reports:submit", period=found.pk, city=place.slug)
    messages.success(request, _("The draft is saved."))
    return redirect("reports:city_report", period=found.pk, city=place.slug)


@workspace_view
def submit(request, period: int, city: str):
    """The confirmation step of submitting: what will be sent and what follows, then the
    person confirms (POST) or goes back to the draft."""
    found, place, report = _scope(request, period, city)
    if report is None:
        raise Http404
    if not selectors.is_author(request.user, place):
        raise PermissionDenied
    back = redirect("reports:city_report", period=found.pk, city=place.slug)
    if not (report.is_editable and may_write(request.user, place)):
        return back
    form = SubmitForm(request.POST or None, initial={"version": report.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_report(
                report=report,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                achievements=report.achievements,
                difficulties=report.difficulties,
                next_steps=report.next_steps,
                submit=True,
            )
        except StaleError:
            messages.error(
                request,
                _("The report changed after you asked to submit it: read it again, then submit."),
            )
            return back
        except services.ReportStateError as refused:
            messages.error(request, refused.message)
            return back
        except ValidationError:
            messages.error(request, _("The report is not submitted: write the required sections."))
            return back
        messages.success(request, _("The report is submitted to lead staff."))
        return back
    context = {
        "period": found,
        "city": place,
        "report": report,
        "narrative": selectors.narrative_of(report),
        "form": form,
    }
    return render(request, "reports/submit.html", context)


def _conflict(request, found, place, stale):
    """Refuses the save and shows what the other person changed; the form keeps this person's
    text and moves to the current version, so saving again is a choice."""
    conflict, form = refused_edit(
        ReportForm,
        request.POST,
        stale,
        fields=selectors.CONFLICT_FIELDS,
        message=_(
            "Your changes were not saved: %(people)s saved this report after you opened it. "
            "Their changes are listed above; the form still holds your text, so save again if "
            "you want yours to replace theirs."
        ),
    )
    return _render(
        request, found, place, stale.obj, form=form, conflict=conflict, status=CONFLICT_STATUS
    )


@require_POST
@workspace_view
def review(request, period: int, city: str):
    found, place, report = _scope(request, period, city)
    if report is None:
        raise Http404
    if not selectors.may_review(request.user, found.network_id):
        raise PermissionDenied
    action = request.POST.get("action")
    if action not in ("accept", "reopen"):
        raise Http404
    form = ReviewForm(request.POST, reopening=action == "reopen")
    if not form.is_valid():
        return _render(request, found, place, report, review_form=form)
    review_service = services.accept_report if action == "accept" else services.reopen_report
    try:
        review_service(
            report=report,
            user=request.user,
            expected_version=form.cleaned_data["version"],
            comment=form.cleaned_data["comment"],
        )
    except (services.ReportStateError, StaleError) as refused:
        message = getattr(refused, "message", None) or _(
            "The report changed while you were reading it: read it again before deciding."
        )
        return _refused(request, found, place, message)
    except ValidationError as error:
        add_model_errors(form, error)
        return _render(request, found, place, report, review_form=form)
    messages.success(
        request,
        _("The report is accepted.") if action == "accept" else _("The report is reopened."),
    )
    return redirect("reports:city_report", period=found.pk, city=place.slug)
