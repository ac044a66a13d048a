"""One page of a long public list, so that no page's cost grows with the network's size."""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from .static_build import archiving

#: Page sizes of the public lists; the CITISENSE network itself fits on one page of each.
CITIES_PER_PAGE = 24
PRACTICES_PER_PAGE = 12
PROGRESS_CITIES_PER_PAGE = 10
MEETINGS_PER_PAGE = 20
HOME_CITIES = 12
#: A static archive cannot answer ``?page=``: each list is one page there.
ARCHIVE_PER_PAGE = 1_000_000


def page_of(request: HttpRequest, items, *, per_page: int) -> Page:
    """The page asked for in ``?page=``; a missing, mistyped or too high number shows a page
    that exists (the first or the last) rather than an error."""
    if archiving() is not None:
        per_page = ARCHIVE_PER_PAGE
    return Paginator(items, per_page).get_page(request.GET.get("page"))
