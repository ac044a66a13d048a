"""The workspace pages where coordinators record their cities' indicators (lead staff: all)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cities.access import workspace_view
from cities.permissions import may_write
from common.requests import network_for
from common.uploads import serve_private_file

from . import selectors, services
from .forms import BaselineForm, MeasurementForm


def _add_errors(form, error: ValidationError) -> None:
    """A service's validation error next to the fields it names, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@workspace_view
def indicator_list(request):
    rows = selectors.workspace_rows(user=request.user, network=network_for(request))
    return render(request, "indicators/workspace/list.html", {"rows": rows})


def _baseline_initial(view) -> dict:
    if view.series is None:
        return {}
    return {
        "baseline_value": view.series.baseline_value,
        "baseline_date": view.series.baseline_date,
        "baseline_source": view.series.baseline_source,
        "target_value": view.series.target_value,
    }


@workspace_view
def series_detail(request, indicator_pk: int, city_pk: int):
    user = request.user
    indicator = selectors.indicator_for(user, network=network_for(request), pk=indicator_pk)
    city = selectors.city_for(user, indicator=indicator, city_pk=city_pk)
    may_record = may_write(user, city, network=indicator.network_id)
    view = selectors.series_view(indicator=indicator, city=city)
    baseline_form = BaselineForm(initial=_baseline_initial(view))
    measurement_form = MeasurementForm()
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        if request.POST.get("action") == "baseline":
            baseline_form = BaselineForm(request.POST)
            form, save, done = baseline_form, services.set_baseline, _("The baseline is saved.")
        else:
            measurement_form = MeasurementForm(request.POST, request.FILES)
            form, save = measurement_form, services.record_measurement
            done = _("The measurement is recorded.")
        if form.is_valid():
            data = dict(form.cleaned_data)
            if save is services.record_measurement:
                data["evidence"] = data.get("evidence") or None
            try:
                save(user=user, indicator=indicator, city=city, **data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, done)
                return redirect(request.path)
    context = {
        "indicator": indicator,
        "city": city,
        "view": view,
        "may_record": may_record,
        "baseline_form": baseline_form,
        "measurement_form": measurement_form,
    }
    return render(request, "indicators/workspace/detail.html", context)


@workspace_view
def evidence_download(request, pk: int):
    measurement = selectors.measurement_visible_to(request.user, pk, network_for(request))
    return serve_private_file(measurement.evidence, download_name=measurement.evidence_name)
