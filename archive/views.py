"""The closure page of the workspace (lead staff): close, reopen, download the latest archive."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.selectors import is_lead_staff
from common.forms import add_model_errors
from common.requests import network_for
from common.uploads import private_storage, serve_private_file

from . import selectors, services
from .forms import ClosureForm, ReopenForm


def _network_for_lead_staff(request):
    network = network_for(request)
    if network is None or not is_lead_staff(request.user, network):
        raise PermissionDenied
    return network


def _render(request, network, *, form=None, reopen_form=None, status=200):
    cities = selectors.keeping_cities(network=network)
    context = {
        "missing": selectors.missing_for_closure(network=network),
        "history": selectors.closure_history(network=network),
        "closure": network.closure,
        "form": form or ClosureForm(cities=cities),
        "reopen_form": reopen_form or ReopenForm(),
        "latest_archive": selectors.latest_archive(network=network),
    }
    return render(request, "archive/closure.html", context, status=status)


@login_required
def closure(request):
    network = _network_for_lead_staff(request)
    return _render(request, network)


@require_POST
@login_required
def close(request):
    network = _network_for_lead_staff(request)
    form = ClosureForm(request.POST, cities=selectors.keeping_cities(network=network))
    if not form.is_valid():
        return _render(request, network, form=form, status=400)
    try:
        services.close_network(
            network=network,
            user=request.user,
            final_story=form.texts("final_story"),
            prizes=form.texts("prizes"),
            follow_up=form.cleaned_data["follow_up"],
            final_payment_date=form.cleaned_data["final_payment_date"],
            keeping=form.keeping(),
        )
    except services.ClosureRefused as refusal:
        for line in refusal.missing:
            form.add_error(None, line)
        return _render(request, network, form=form, status=400)
    except ValidationError as error:
        add_model_errors(form, error)
        return _render(request, network, form=form, status=400)
    messages.success(request, _("The network is closed: from now on it can only be read."))
    return redirect("archive:closure")


@require_POST
@login_required
def reopen(request):
    network = _network_for_lead_staff(request)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.reopen_network(
                network=network, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The network is reopened."))
            return redirect("archive:closure")
    return _render(request, network, reopen_form=form, status=400)


@login_required
def download(request):
    network = _network_for_lead_staff(request)
    name = selectors.latest_archive(network=network)
    if name is None:
        raise Http404("No archive yet.")
    return serve_private_file(name, storage=private_storage())
