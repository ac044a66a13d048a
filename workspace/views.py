"""The workspace's overview pages: a city at a glance, the whole network, its changes, exports.

Every list starts from a scoped queryset (``*_visible_to``), so a coordinator sees only their
own cities' rows. Rows are prepared in ``rows.py`` and ``selectors.py`` and written by the
templates.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities import services as network_services
from cities.access import workspace_view
from cities.selectors import follows_whole_network, is_lead_staff
from common.exports import CSV, XLSX, download
from common.paging import count_of, page_of
from common.requests import network_for
from indicators.open_data import records as indicator_records
from indicators.selectors import workspace_rows
from practices import selectors as practices
from practices.models import Deliverable, TransferStep

from . import exports
from .changes import network_changes
from .deliverable_rows import DELIVERABLE_ORDER, deliverable_rows, first_visible_deliverables
from .filters import DeliverableFilter, StepFilter
from .forms import ClosingDateForm
from .network_overview import late_items, matrix_cities, network_matrix
from .rows import (
    STEP_ORDER,
    ListWords,
    first_visible_transfers,
    for_step_list,
    group_steps,
    step_rows,
    steps_of_transfers,
    transfers_of,
)
from .selectors import may_add_steps, next_due, transfer_summaries

#: A coordinator's whole city fits on one page: their transfers (a city takes on a handful of
#: practices) with every step. Beyond this many transfers (lead staff, filtered or not) the
#: list is paged, so no page grows with the network.
TRANSFERS_PER_PAGE = 12
STEPS_PER_PAGE = 50
DELIVERABLES_SHOWN = 20
MATRIX_CITIES_PER_PAGE = 30
OVERDUE_SHOWN = 10
CHANGES_PER_PAGE = 25
MAX_CHANGES_PAGE = 100_000


def _filters(request):
    user, network = request.user, network_for(request)
    data = request.GET or None
    steps = StepFilter(
        data,
        queryset=practices.with_step_relations(practices.steps_visible_to(user, network)).order_by(
            *STEP_ORDER
        ),
        user=user,
        network=network,
    )
    deliverables = DeliverableFilter(
        data,
        queryset=practices.with_deliverable_relations(
            practices.deliverables_visible_to(user, network)
        ).order_by(*DELIVERABLE_ORDER),
        user=user,
        network=network,
    )
    return steps, deliverables


# The overview pages only read: they run outside ATOMIC_REQUESTS's transaction, which would cost
# two more round trips to the database on each of the workspace's busiest pages.
@transaction.non_atomic_requests
@workspace_view
def home(request):
    user, network = request.user, network_for(request)
    step_filter, deliverable_filter = _filters(request)
    can_add_step = may_add_steps(user, network)
    # What the person sees, as values for the queries built once per process (None: built here).
    scope = practices.scope_of(user, network)
    words = ListWords()
    rows = step_filter.rows
    sorted_flat = bool(step_filter.is_bound and step_filter.form.cleaned_data.get("sort"))
    if sorted_flat:
        page = page_of(request, for_step_list(rows), per_page=STEPS_PER_PAGE)
        steps = step_rows(page, words)
        summaries, groups = [], []
    else:
        # Whole transfers per page, so that a transfer's phases are never split across pages.
        first = None
        if scope is not None and not step_filter.is_bound:
            first = partial(first_visible_transfers, scope, TRANSFERS_PER_PAGE)
        page = page_of(request, transfers_of(rows), per_page=TRANSFERS_PER_PAGE, first=first)
        transfer_ids = [transfer["pk"] for transfer in page]
        if step_filter.is_bound:
            steps = step_rows(for_step_list(rows.filter(transfer_id__in=transfer_ids)), words)
        else:  # the transfers' steps are all of their steps (the person sees whole transfers)
            steps = step_rows(steps_of_transfers(transfer_ids), words)
        groups = group_steps(steps)
        # Unfiltered, the page holds every step of its transfers: their late steps are counted.
        overdue = (
            None if step_filter.is_bound else {g["transfer"]["pk"]: g["overdue"] for g in groups}
        )
        summaries = transfer_summaries(list(page), words, overdue=overdue)
    deliverables = deliverable_filter.rows
    if deliverable_filter.is_bound or scope is None:
        first_deliverables = deliverable_rows(deliverables[:DELIVERABLES_SHOWN], words)
    else:
        first = first_visible_deliverables(scope, DELIVERABLES_SHOWN)
        first_deliverables = deliverable_rows(first, words)
    context = {
        "step_filter": step_filter,
        "deliverable_filter": deliverable_filter,
        "follows_network": follows_whole_network(user, network),
        "query": request.GET.urlencode(),
        "summaries": summaries,
        "next_due": next_due(
            steps=practices.steps_visible_to(user, network),
            deliverables=practices.deliverables_visible_to(user, network),
            words=words,
            # Unfiltered and on one page, the page's steps are every step the person sees.
            read_steps=None if step_filter.is_bound or page.has_other_pages() else steps,
            scope=scope,
        ),
        "steps": steps,
        "groups": groups,
        "sorted_flat": sorted_flat,
        "page_obj": page,
        "deliverables": first_deliverables,
        "deliverable_count": count_of(
            deliverables, first=first_deliverables, limit=DELIVERABLES_SHOWN
        ),
        "can_add_step": can_add_step,
    }
    return render(request, "workspace/home.html", context)


@transaction.non_atomic_requests
@workspace_view
def network(request):
    """Lead staff's and the lead expert's view of every city."""
    current = network_for(request)  # read once per request, shared with the page's header
    if not follows_whole_network(request.user, current):
        raise PermissionDenied
    page = page_of(request, matrix_cities(network=current), per_page=MATRIX_CITIES_PER_PAGE)
    words = ListWords()
    practice_columns, matrix = network_matrix(network=current, cities=list(page), words=words)
    # Once the network has ended, the open items are those left unfinished at its end.
    ended = current.is_concluded_on(words.today)
    # The longest overdue first; the full lists are a filter away on the workspace home.
    late = {"network": current, "ended": ended, "today": words.today, "limit": OVERDUE_SHOWN}
    steps, step_count = late_items(TransferStep, **late)
    deliverables, deliverable_count = late_items(Deliverable, **late)
    context = {
        "ended": ended,
        "practices": practice_columns,
        "rows": matrix,
        "page_obj": page,
        "overdue_steps": step_rows(steps, words),
        "overdue_step_count": step_count,
        "overdue_deliverables": deliverable_rows(deliverables, words),
        "overdue_deliverable_count": deliverable_count,
        "follows_network": True,
    }
    return render(request, "workspace/network.html", context)


@require_POST
@workspace_view
def closing_date(request):
    """Lead staff set when final reporting closes (empty: the default after the end)."""
    current = network_for(request)
    if not is_lead_staff(request.user, current):
        raise PermissionDenied
    form = ClosingDateForm(request.POST)
    if form.is_valid():
        try:
            network_services.set_closing_date(
                network=current, user=request.user, closing_date=form.cleaned_data["closing_date"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The closing date of final reporting is saved."))
    else:
        messages.error(request, _("Enter a valid date."))
    return redirect("workspace:network")


@transaction.non_atomic_requests
@workspace_view
def changes(request):
    """Every change to steps and deliverables across the network, newest first, a page at a
    time (lead staff and the lead expert)."""
    current = network_for(request)
    if not follows_whole_network(request.user, current):
        raise PermissionDenied
    try:
        # Capped: a page far beyond the history says so rather than asking the database for
        # an offset it cannot hold.
        number = min(max(1, int(request.GET.get("page", 1))), MAX_CHANGES_PAGE)
    except (TypeError, ValueError):
        number = 1
    items, has_older = network_changes(
        network=current, offset=(number - 1) * CHANGES_PER_PAGE, limit=CHANGES_PER_PAGE
    )
    context = {"changes": items, "number": number, "has_older": has_older, "follows_network": True}
    return render(request, "workspace/changes.html", context)


@workspace_view
def export(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    step_filter, deliverable_filter = _filters(request)
    if step_filter.is_bound and not (step_filter.is_valid() and deliverable_filter.is_valid()):
        return HttpResponse(
            _("The filters are not valid: %(errors)s")
            % {"errors": "; ".join(str(e) for e in step_filter.errors.values())},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    steps, deliverables = step_filter.rows, deliverable_filter.rows
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        indicators = indicator_records(
            workspace_rows(user=request.user, network=network_for(request))
        )
        body = exports.as_xlsx(steps, deliverables, indicators)
    else:
        body = exports.as_csv(steps, deliverables)
    content_type = XLSX if fmt == "xlsx" else CSV
    return download(body, filename=f"citisense-progress-{stamp}.{fmt}", content_type=content_type)
