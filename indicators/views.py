"""The indicators' open data: every city's baseline, target and measurements."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from common.languages import absolute
from common.requests import network_for

from . import open_data
from .selectors import public_series_by_city


def _rows(network) -> list[dict]:
    views = [view for views in public_series_by_city(network=network).values() for view in views]
    return open_data.records(views)


def _filename(network, extension: str) -> str:
    slug = network.slug if network else "network"
    return f"{slug}-indicators-{translation.get_language()}.{extension}"


@require_GET
def indicators_csv(request: HttpRequest) -> HttpResponse:
    network = network_for(request)
    response = HttpResponse(
        open_data.as_csv(_rows(network)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(network, "csv")}"'
    return response


@require_GET
def indicators_json(request: HttpRequest) -> HttpResponse:
    network = network_for(request)
    body = open_data.as_json(
        _rows(network), network=network, source=absolute(reverse("outputs:results"))
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{_filename(network, "json")}"'
    return response
