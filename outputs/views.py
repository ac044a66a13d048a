"""The public outputs library and results page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from common.requests import network_for
from common.uploads import serve_private_file

from . import results, selectors


@require_GET
def output_list(request: HttpRequest) -> HttpResponse:
    groups = selectors.outputs_by_city(network=network_for(request))
    return render(request, "outputs/output_list.html", {"groups": groups})


@require_GET
def output_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Only a published output is served; anything else answers 404, whoever asks."""
    output = selectors.published_output(network=network_for(request), pk=pk)
    response = serve_private_file(output.upload.file, download_name=output.upload.original_name)
    # Unpublishing must take effect at once: no shared cache may keep a copy.
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def results_page(request: HttpRequest) -> HttpResponse:
    network = network_for(request)
    return render(request, "outputs/results.html", {"results": results.network_results(network)})
