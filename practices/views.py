from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal.context_processors import network_for

from .models import Phase
from .selectors import public_practice, public_practices


@require_GET
def practice_list(request: HttpRequest) -> HttpResponse:
    practices = public_practices(network=network_for(request))
    return render(request, "practices/practice_list.html", {"practices": practices})


@require_GET
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = public_practice(network=network_for(request), slug=slug)
    if practice is None:
        raise Http404
    return render(
        request,
        "practices/practice_detail.html",
        {"practice": practice, "phases": list(Phase)},
    )
