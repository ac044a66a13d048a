"""The open-data pages: the data dictionary (``/<lang>/open-data/``) and the DCAT-AP catalogue
(``/catalogue.jsonld``, one address whatever the language)."""

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from common.requests import network_for

from . import opendata


@require_GET
def dictionary(request: HttpRequest) -> HttpResponse:
    network = network_for(request)
    context = {
        "datasets": opendata.datasets(network),
        "schema_datasets": opendata.schema_datasets(network),
    }
    return render(request, "archive/open_data.html", context)


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    network = network_for(request)
    if network is None:
        raise Http404
    document = opendata.catalogue(network)
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )
