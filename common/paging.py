"""One page of a long public list, so that no page's cost grows with the network's size."""

from collections.abc import Callable, Sized

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext

from .static_build import archiving

#: Page sizes of the public lists; the CITISENSE network itself fits on one page of each.
CITIES_PER_PAGE = 24
PRACTICES_PER_PAGE = 12
PROGRESS_CITIES_PER_PAGE = 10
MEETINGS_PER_PAGE = 20
HOME_CITIES = 12
#: A static archive cannot answer ``?page=``: each list is one page there.
ARCHIVE_PER_PAGE = 1_000_000
#: Beyond this page number the count is asked first, as Django does: such a number is a typo or
#: a crawler's, and reading its rows first would hand PostgreSQL an offset out of range.
READ_FIRST_PAGES = 10_000


def page_of(
    request: HttpRequest, items, *, per_page: int, first: Callable[[], list] | None = None
) -> Page:
    """The page asked for in ``?page=``; a missing, mistyped or too high number shows a page
    that exists (the first or the last) rather than an error.

    The page's rows are read first: fewer than a page are the list's last, and their number
    gives the count, so the list's COUNT query is asked only for a full page (or a number past
    the end). The page's ``object_list`` is then the list of its rows. (Reading one row more
    would settle a full page too, but a different LIMIT may let PostgreSQL order rows that tie
    on the sort key differently.)

    ``first``: what reads the first page's rows, the first ``per_page`` of ``items`` (by a
    query built once per process), used when the first page is asked for."""
    if archiving() is not None:
        per_page = ARCHIVE_PER_PAGE
    paginator = Paginator(items, per_page)
    number = request.GET.get("page")
    try:
        number = int(number) if number is not None else 1
    except (TypeError, ValueError):
        number = 1
    if not 1 <= number <= READ_FIRST_PAGES:
        return paginator.get_page(number)
    bottom = (number - 1) * per_page
    if number == 1 and first is not None and per_page != ARCHIVE_PER_PAGE:
        rows = first()
    else:
        rows = list(items[bottom : bottom + per_page])
    if not rows and number > 1:
        return paginator.get_page(number)  # past the end: the last page, as Django shows it
    if len(rows) < per_page:
        # The count Django's paginator would ask for, known without asking.
        paginator.__dict__["count"] = bottom + len(rows)
    return Page(rows, number, paginator)


def count_of(items, *, first: Sized, limit: int) -> int:
    """How many rows ``items`` (a queryset) holds, given ``first``, its first rows read up to
    ``limit``: fewer than that are all of them, and the COUNT query is not asked."""
    return len(first) if len(first) < limit else items.count()


def page_links(page: Page, query: QueryDict) -> dict[str, str] | None:
    """What the links to a list's other pages show (portal/_pagination.html): the addresses of
    the previous and next pages (empty at either end) with the request's other parameters, as
    ``{% querystring page=… %}`` writes them, and which page this is of how many; None when
    the list fits one page."""
    if not page.has_other_pages():
        return None

    def address(number: int) -> str:
        params = query.copy()
        params["page"] = number
        return f"?{params.urlencode()}"

    total = page.paginator.num_pages
    return {
        "previous": address(page.number - 1) if page.number > 1 else "",
        "next": address(page.number + 1) if page.number < total else "",
        "position": gettext("Page %(number)s of %(total)s")
        % {"number": page.number, "total": total},
    }
