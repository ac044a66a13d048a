from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse

FLOOR_PAGE = (
    b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Floor</title></head>'
    b"<body><p>A constant page: what the framework costs before any page does any work.</p>"
    b"</body></html>\n"
)


@transaction.non_atomic_requests
def floor(request: HttpRequest) -> HttpResponse:
    """The framework's floor for `make bench`: every middleware, no query, no template."""
    if not settings.BENCH_FLOOR_VIEW:
        raise Http404
    return HttpResponse(FLOOR_PAGE)
