"""The coordinators' workspace: thin views over practices' selectors and services.

Every object is looked up inside the person's scope (``*_visible_to`` / ``*_editable_by``), so
another city's step, deliverable or file answers 404 whichever way it is asked for.
"""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caching.versioning import cached_by_content
from cities import services as network_services
from cities.models import City
from cities.selectors import follows_whole_network, is_lead_staff, visible_city_ids
from citisense.uploads import serve_private_file
from indicators.open_data import records as indicator_records
from indicators.selectors import workspace_rows
from portal.context_processors import network_for
from portal.paging import page_of
from practices import selectors, services
from practices.models import Deliverable, TransferStep

from . import exports
from .filters import DeliverableFilter, StepFilter
from .forms import (
    ClosingDateForm,
    CommentForm,
    DeliverableEditForm,
    DeliverableUploadForm,
    EvidenceForm,
    StepCreateForm,
    StepEditForm,
    add_model_errors,
)

#: Page sizes: no workspace page grows with the network (lead staff follow every city). Kept
#: small because each row is rendered on every visit (signed-in pages are never page-cached):
#: at 20 times the network's size, larger pages cost more CPU per request than the 250 ms p95
#: target leaves on a 2-core server. The pagination, filters and exports reach every row.
TRANSFERS_PER_PAGE = 2
STEPS_PER_PAGE = 50
DELIVERABLES_SHOWN = 20
MATRIX_CITIES_PER_PAGE = 6
OVERDUE_SHOWN = 10
CHANGES_PER_PAGE = 25
MAX_CHANGES_PAGE = 100_000


def _get(queryset: QuerySet, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404 from missing


def _require_editable(queryset: QuerySet, obj) -> None:
    """The person sees the object (lead expert) but may not change it."""
    if not queryset.filter(pk=obj.pk).exists():
        raise PermissionDenied


def _filters(request):
    user = request.user
    data = request.GET or None
    steps = StepFilter(
        data,
        queryset=selectors.with_step_relations(selectors.steps_visible_to(user)).order_by(
            "transfer__city__order", "transfer__practice__order", "phase_rank", "order", "pk"
        ),
        user=user,
    )
    deliverables = DeliverableFilter(
        data,
        queryset=selectors.with_deliverable_relations(
            selectors.deliverables_visible_to(user)
        ).order_by("due_date", "city__order", "kind", "pk"),
        user=user,
    )
    return steps, deliverables


# --- Overview ---------------------------------------------------------------------------------


def _shared_fragment(key: str, build, request=None) -> str:
    """Part of a workspace page that depends only on ``key`` (never on who is asking beyond
    what ``key`` names), rendered once per content version: every save of a step, deliverable,
    city or person replaces it, and so does midnight, when steps fall overdue."""

    def render_fragment() -> str:
        template, context = build()
        return str(render_to_string(template, context, request=request))

    if not settings.FRAGMENT_CACHE_ENABLED:
        return mark_safe(render_fragment())
    digest = hashlib.sha256(f"{key}|{get_language()}".encode()).hexdigest()
    return mark_safe(cached_by_content(f"workspace:{digest}", render_fragment))


# The overview pages only read: they run outside ATOMIC_REQUESTS's transaction, which would cost
# two more round trips to the database on each of the workspace's busiest pages.
@transaction.non_atomic_requests
@login_required
def home(request):
    step_filter, deliverable_filter = _filters(request)
    follows_network = follows_whole_network(request.user)
    can_add_step = selectors.transfers_editable_by(request.user).exists()

    # Everyone who sees the same cities with the same rights and asks with the same filters
    # and page sees the same rows: the lists are shared between them, never beyond.
    scope = "network" if follows_network else ",".join(map(str, visible_city_ids(request.user)))
    key = f"home|{scope}|{can_add_step}|{request.GET.urlencode()}"

    def lists():
        rows = step_filter.rows
        sorted_flat = bool(step_filter.is_bound and step_filter.form.cleaned_data.get("sort"))
        if sorted_flat:
            page = page_of(request, selectors.for_step_list(rows), per_page=STEPS_PER_PAGE)
            steps = selectors.step_rows(page)
        else:
            # Whole transfers per page, so that a transfer's phases are never split across pages.
            page = page_of(request, selectors.transfers_of(rows), per_page=TRANSFERS_PER_PAGE)
            steps = selectors.step_rows(
                selectors.for_step_list(rows.filter(transfer_id__in=list(page)))
            )
        deliverables = selectors.for_deliverable_list(deliverable_filter.rows)
        return "workspace/_home_lists.html", {
            "steps": steps,
            "groups": [] if sorted_flat else selectors.group_steps(steps),
            "sorted_flat": sorted_flat,
            "page_obj": page,
            "deliverables": list(deliverables[:DELIVERABLES_SHOWN]),
            "deliverable_count": deliverables.count(),
            "can_add_step": can_add_step,
        }

    context = {
        "step_filter": step_filter,
        "deliverable_filter": deliverable_filter,
        "lists_html": _shared_fragment(key, lists, request=request),
        "follows_network": follows_network,
        "query": request.GET.urlencode(),
    }
    return render(request, "workspace/home.html", context)


@transaction.non_atomic_requests
@login_required
def network(request):
    """Lead staff's and the lead expert's view of every city."""
    if not follows_whole_network(request.user):
        raise PermissionDenied
    current = network_for(request)  # read once per request, shared with the page's header
    page = page_of(
        request,
        selectors.matrix_cities(network=current) if current else City.objects.none(),
        per_page=MATRIX_CITIES_PER_PAGE,
    )

    def matrix():
        practices, rows = (
            selectors.network_matrix(network=current, cities=list(page)) if current else ([], [])
        )
        return "workspace/_network_matrix.html", {"practices": practices, "rows": rows}

    def lists():
        # By due date alone, so the index of open steps by due date yields the first rows at
        # once.
        # Once the network has ended, the open items are those left unfinished at its end.
        ended = bool(current and current.is_concluded_on())
        which = "unfinished_at_end" if ended else "overdue"
        overdue_steps = getattr(TransferStep.objects, which)().order_by("due_date", "pk")
        overdue_deliverables = selectors.for_deliverable_list(
            getattr(Deliverable.objects, which)()
        ).order_by("due_date", "pk")
        return "workspace/_network_lists.html", {
            "ended": ended,
            # The longest overdue first; the full lists are a filter away on the workspace home.
            "overdue_steps": selectors.step_rows(
                selectors.for_step_list(overdue_steps)[:OVERDUE_SHOWN]
            ),
            "overdue_step_count": overdue_steps.count(),
            "overdue_deliverables": overdue_deliverables[:OVERDUE_SHOWN],
            "overdue_deliverable_count": overdue_deliverables.count(),
        }

    # Everyone who follows the whole network sees the same matrix and lists.
    network_key = current.pk if current else None
    context = {
        "matrix_html": _shared_fragment(f"network-matrix|{network_key}|{page.number}", matrix),
        "lists_html": _shared_fragment(f"network-lists|{network_key}", lists),
        "page_obj": page,
        "follows_network": True,
    }
    return render(request, "workspace/network.html", context)


@require_POST
@login_required
def closing_date(request):
    """Lead staff set when final reporting closes (empty: the default after the end)."""
    current = network_for(request)
    if current is None or not is_lead_staff(request.user):
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
@login_required
def changes(request):
    """Every change to steps and deliverables across the network, newest first, a page at a
    time (lead staff and the lead expert)."""
    if not follows_whole_network(request.user):
        raise PermissionDenied
    try:
        # Capped: a page far beyond the history says so rather than asking the database for
        # an offset it cannot hold.
        number = min(max(1, int(request.GET.get("page", 1))), MAX_CHANGES_PAGE)
    except (TypeError, ValueError):
        number = 1

    def timeline():
        items, has_older = selectors.network_changes(
            offset=(number - 1) * CHANGES_PER_PAGE, limit=CHANGES_PER_PAGE
        )
        return "workspace/_changes.html", {
            "changes": items,
            "number": number,
            "has_older": has_older,
        }

    context = {
        "changes_html": _shared_fragment(f"network-changes|{number}", timeline),
        "follows_network": True,
    }
    return render(request, "workspace/changes.html", context)


@login_required
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
        content_type = exports.XLSX_CONTENT_TYPE
    else:
        body, content_type = exports.as_csv(steps, deliverables), exports.CSV_CONTENT_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="citisense-progress-{stamp}.{fmt}"'
    return response


# --- Steps ------------------------------------------------------------------------------------


def _render_step(request, step, *, evidence_form=None, comment_form=None, status=200):
    user = request.user
    can_edit = selectors.steps_editable_by(user).filter(pk=step.pk).exists()
    can_comment = follows_whole_network(user)
    context = {
        "step": step,
        "can_edit": can_edit,
        "can_comment": can_comment,
        "evidence": selectors.step_evidence(step),
        "evidence_remove_view": "workspace:evidence_delete" if can_edit else "",
        "comments": selectors.step_comments(step),
        "history": selectors.history_entries(step),
        "evidence_form": evidence_form or (EvidenceForm() if can_edit else None),
        "comment_form": comment_form or (CommentForm() if can_comment else None),
        "follows_network": can_comment,
    }
    return render(request, "workspace/step_detail.html", context, status=status)


@login_required
def step_detail(request, pk: int):
    step = _get(selectors.with_step_relations(selectors.steps_visible_to(request.user)), pk)
    return _render_step(request, step)


def _versioned_edit(request, obj, form_class, save, *, detail: str, saved: str, render_page):
    """The edit flow shared by steps and deliverables: validate, save from the version the
    person started from, and on a conflict re-show the form with what the other person did."""
    conflict = None
    if request.method == "POST":
        form = form_class(request.POST, instance=obj)
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except services.StaleEditError as stale:
                conflict, form = _conflict(request, form_class, stale, obj)
            except ValidationError as error:
                add_model_errors(form, error)
            else:
                messages.success(request, saved)
                return redirect(detail, pk=obj.pk)
    else:
        form = form_class(instance=obj)
    return render_page(form, conflict)


@login_required
def step_edit(request, pk: int):
    user = request.user
    step = _get(selectors.with_step_relations(selectors.steps_visible_to(user)), pk)
    _require_editable(selectors.steps_editable_by(user), step)

    def save(data):
        services.update_step(
            step=step,
            user=user,
            expected_version=data["version"],
            status=data["status"],
            progress=data["progress"],
            due_date=data["due_date"],
            notes=data["notes"],
        )

    def render_page(form, conflict):
        current = TransferStep.objects.select_related("transfer__city", "transfer__practice").get(
            pk=step.pk
        )
        context = {"form": form, "step": current, "conflict": conflict, "editing": True}
        return render(request, "workspace/step_form.html", context)

    return _versioned_edit(
        request,
        step,
        StepEditForm,
        save,
        detail="workspace:step_detail",
        saved=_("The step is saved."),
        render_page=render_page,
    )


def _conflict(request, form_class, stale, obj):
    """Refuses the save and shows what the other person changed; the form keeps the
    person's own values and moves to the current version, so saving again is a choice."""
    fresh = type(obj).objects.get(pk=obj.pk)
    conflict = selectors.changes_since(fresh, stale.expected_version)
    data = request.POST.copy()
    data["version"] = str(fresh.version)
    form = form_class(data, instance=fresh)
    form.is_valid()
    form.add_error(
        None,
        _(
            "Your changes were not saved: %(people)s saved this item after you opened it. "
            "Their changes are listed above; the form still holds your values, so save again "
            "if you want yours to replace theirs."
        )
        % {"people": conflict.people_display},
    )
    return conflict, form


@login_required
def step_add(request):
    user = request.user
    transfers = selectors.transfers_editable_by(user)
    if not transfers.exists():
        raise PermissionDenied
    chosen = request.POST.get("transfer") if request.method == "POST" else None
    chosen = chosen or request.GET.get("transfer")
    initial = {}
    if chosen:
        # A transfer outside the person's cities is answered like a missing one.
        transfer = _get(selectors.transfers_visible_to(user), chosen)
        _require_editable(transfers, transfer)
        initial["transfer"] = transfer
    if request.method == "POST":
        form = StepCreateForm(request.POST, transfers=transfers)
        if form.is_valid():
            data = form.cleaned_data
            try:
                step = services.create_step(
                    transfer=data["transfer"],
                    user=user,
                    phase=data["phase"],
                    title=data["title"],
                    due_date=data["due_date"],
                    status=data["status"],
                    progress=data["progress"],
                    notes=data["notes"],
                )
            except ValidationError as error:
                add_model_errors(form, error)
            else:
                messages.success(request, _("The step is added."))
                return redirect("workspace:step_detail", pk=step.pk)
    else:
        form = StepCreateForm(initial=initial, transfers=transfers)
    return render(request, "workspace/step_form.html", {"form": form, "editing": False})


@login_required
def evidence_upload(request, pk: int):
    user = request.user
    step = _get(selectors.with_step_relations(selectors.steps_visible_to(user)), pk)
    _require_editable(selectors.steps_editable_by(user), step)
    if request.method != "POST":
        return redirect("workspace:step_detail", pk=step.pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_evidence(
                step=step,
                user=user,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The file is attached to the step."))
            return redirect("workspace:step_detail", pk=step.pk)
    messages.error(request, _("The file was not uploaded: the reason is shown by the form."))
    return _render_step(request, step, evidence_form=form)


@login_required
def evidence_download(request, pk: int):
    evidence = _get(selectors.evidence_visible_to(request.user), pk)
    return _file_response(evidence)


@require_POST
@login_required
def evidence_delete(request, pk: int):
    user = request.user
    evidence = _get(selectors.evidence_visible_to(user).select_related("step"), pk)
    _require_editable(selectors.evidence_editable_by(user), evidence)
    step_pk = evidence.step_id
    services.delete_evidence(evidence=evidence, user=user)
    messages.success(request, _("The file is removed."))
    return redirect("workspace:step_detail", pk=step_pk)


@require_POST
@login_required
def comment_add(request, pk: int):
    user = request.user
    step = _get(selectors.with_step_relations(selectors.steps_visible_to(user)), pk)
    if not follows_whole_network(user):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(step=step, author=user, body=form.cleaned_data["body"])
        messages.success(request, _("Your comment is posted."))
        return redirect("workspace:step_detail", pk=step.pk)
    return _render_step(request, step, comment_form=form)


def _file_response(stored):
    return serve_private_file(stored.file, download_name=stored.original_name)


# --- Deliverables -----------------------------------------------------------------------------


def _render_deliverable(request, deliverable, *, upload_form=None):
    can_edit = selectors.deliverables_editable_by(request.user).filter(pk=deliverable.pk).exists()
    context = {
        "deliverable": deliverable,
        "can_edit": can_edit,
        "uploads": selectors.deliverable_uploads(deliverable),
        "history": selectors.history_entries(deliverable),
        "upload_form": upload_form or (DeliverableUploadForm() if can_edit else None),
        "follows_network": follows_whole_network(request.user),
    }
    return render(request, "workspace/deliverable_detail.html", context)


def _visible_deliverables(user):
    return selectors.with_deliverable_relations(selectors.deliverables_visible_to(user))


@login_required
def deliverable_detail(request, pk: int):
    return _render_deliverable(request, _get(_visible_deliverables(request.user), pk))


@login_required
def deliverable_edit(request, pk: int):
    user = request.user
    deliverable = _get(_visible_deliverables(user), pk)
    _require_editable(selectors.deliverables_editable_by(user), deliverable)

    def save(data):
        services.update_deliverable(
            deliverable=deliverable,
            user=user,
            expected_version=data["version"],
            status=data["status"],
            due_date=data["due_date"],
        )

    def render_page(form, conflict):
        current = Deliverable.objects.select_related("city").get(pk=deliverable.pk)
        context = {"form": form, "deliverable": current, "conflict": conflict}
        return render(request, "workspace/deliverable_form.html", context)

    return _versioned_edit(
        request,
        deliverable,
        DeliverableEditForm,
        save,
        detail="workspace:deliverable_detail",
        saved=_("The deliverable is saved."),
        render_page=render_page,
    )


@login_required
def deliverable_upload(request, pk: int):
    user = request.user
    deliverable = _get(_visible_deliverables(user), pk)
    _require_editable(selectors.deliverables_editable_by(user), deliverable)
    if request.method != "POST":
        return redirect("workspace:deliverable_detail", pk=deliverable.pk)
    form = DeliverableUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.upload_deliverable_file(
                deliverable=deliverable, user=user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The file is uploaded."))
            return redirect("workspace:deliverable_detail", pk=deliverable.pk)
    messages.error(request, _("The file was not uploaded: the reason is shown by the form."))
    return _render_deliverable(request, deliverable, upload_form=form)


@login_required
def deliverable_download(request, pk: int):
    upload = _get(selectors.uploads_visible_to(request.user), pk)
    return _file_response(upload)
