from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from common.paging import PRACTICES_PER_PAGE, page_of
from common.requests import network_for

from .rows import transfer_table
from .selectors import finish_progress, public_practice, public_practices_with_progress


@require_GET
def practice_list(request: HttpRequest) -> HttpResponse:
    page = page_of(
        request,
        public_practices_with_progress(network=network_for(request)),
        per_page=PRACTICES_PER_PAGE,
    )
    practices = finish_progress(list(page))
    return render(
        request, "practices/practice_list.html", {"practices": practices, "page_obj": page}
    )


@require_GET
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = public_practice(network=network_for(request), slug=slug)
    if practice is None:
        raise Http404
    return render(
        request,
        "practices/practice_detail.html",
        {
            "practice": practice,
            "transfer_table": transfer_table(practice.transfers.all(), by="city"),
        },
    )
