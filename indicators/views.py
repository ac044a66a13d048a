"""The indicators' open data: every city's baseline, target and measurements."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from common.exports import CSV, JSON, download
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
    return download(
        open_data.as_csv(_rows(network)), filename=_filename(network, "csv"), content_type=CSV
    )


@require_GET
def indicators_json(request: HttpRequest) -> HttpResponse:
    network = network_for(request)
    body = open_data.as_json(
        _rows(network), network=network, source=absolute(reverse("outputs:results"))
    )
    return download(body, filename=_filename(network, "json"), content_type=JSON, attachment=False)
