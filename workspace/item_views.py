"""The workspace's pages of one step or deliverable: view, edit, files, comments.

Every object is looked up inside the person's scope (``*_visible_to`` / ``*_editable_by``), so
another city's step, deliverable or file answers 404 whichever way it is asked for.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.access import workspace_view
from cities.selectors import follows_whole_network
from common.forms import add_model_errors
from common.locking import CONFLICT_STATUS, StaleError, refused_edit
from common.requests import network_for
from common.uploads import serve_private_file
from practices import selectors, services
from practices.history import display, history_entries, tracked_fields
from practices.models import Deliverable, TransferStep

from .forms import (
    CommentForm,
    DeliverableEditForm,
    DeliverableUploadForm,
    EvidenceForm,
    StepCreateForm,
    StepEditForm,
)


def _get(queryset: QuerySet, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404 from missing


def _require_editable(queryset: QuerySet, obj) -> None:
    """The person sees the object (lead expert) but may not change it."""
    if not queryset.filter(pk=obj.pk).exists():
        raise PermissionDenied


# --- Steps ------------------------------------------------------------------------------------


def _render_step(request, step, *, evidence_form=None, comment_form=None, status=200):
    network = network_for(request)
    user = request.user
    can_edit = selectors.steps_editable_by(user, network).filter(pk=step.pk).exists()
    can_comment = follows_whole_network(user, network)
    context = {
        "step": step,
        "can_edit": can_edit,
        "can_comment": can_comment,
        "evidence": selectors.step_evidence(step),
        "evidence_remove_view": "workspace:evidence_delete" if can_edit else "",
        "comments": selectors.step_comments(step),
        "history": history_entries(step),
        "evidence_form": evidence_form or (EvidenceForm() if can_edit else None),
        "comment_form": comment_form or (CommentForm() if can_comment else None),
        "follows_network": can_comment,
    }
    return render(request, "workspace/step_detail.html", context, status=status)


@workspace_view
def step_detail(request, pk: int):
    network = network_for(request)
    step = _get(
        selectors.with_step_relations(selectors.steps_visible_to(request.user, network)), pk
    )
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
            except StaleError as stale:
                conflict, form = refused_edit(
                    form_class,
                    request.POST,
                    stale,
                    fields=tracked_fields(obj),
                    display=display,
                    message=_(
                        "Your changes were not saved: %(people)s saved this item after you "
                        "opened it. Their changes are listed above; the form still holds your "
                        "values, so save again if you want yours to replace theirs."
                    ),
                )
            except ValidationError as error:
                add_model_errors(form, error)
            else:
                messages.success(request, saved)
                return redirect(detail, pk=obj.pk)
    else:
        form = form_class(instance=obj)
    return render_page(form, conflict)


@workspace_view
def step_edit(request, pk: int):
    network = network_for(request)
    user = request.user
    step = _get(selectors.with_step_relations(selectors.steps_visible_to(user, network)), pk)
    _require_editable(selectors.steps_editable_by(user, network), step)

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
        return render(
            request,
            "workspace/step_form.html",
            context,
            status=CONFLICT_STATUS if conflict else 200,
        )

    return _versioned_edit(
        request,
        step,
        StepEditForm,
        save,
        detail="workspace:step_detail",
        saved=_("The step is saved."),
        render_page=render_page,
    )


@workspace_view
def step_add(request):
    network = network_for(request)
    user = request.user
    transfers = selectors.transfers_editable_by(user, network)
    if not transfers.exists():
        raise PermissionDenied
    chosen = request.POST.get("transfer") if request.method == "POST" else None
    chosen = chosen or request.GET.get("transfer")
    initial = {}
    if chosen:
        # A transfer outside the person's cities is answered like a missing one.
        transfer = _get(selectors.transfers_visible_to(user, network), chosen)
        _require_editable(transfers, transfer)
        initial["transfer"] = transfer
    if request.method == "POST":
        form = StepCreateForm(request.POST, transfers=transfers, network=network)
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
        form = StepCreateForm(initial=initial, transfers=transfers, network=network)
    return render(request, "workspace/step_form.html", {"form": form, "editing": False})


@workspace_view
def evidence_upload(request, pk: int):
    network = network_for(request)
    user = request.user
    step = _get(selectors.with_step_relations(selectors.steps_visible_to(user, network)), pk)
    _require_editable(selectors.steps_editable_by(user, network), step)
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


@workspace_view
def evidence_download(request, pk: int):
    network = network_for(request)
    evidence = _get(selectors.evidence_visible_to(request.user, network), pk)
    return _file_response(evidence)


@require_POST
@workspace_view
def evidence_delete(request, pk: int):
    network = network_for(request)
    user = request.user
    evidence = _get(selectors.evidence_visible_to(user, network).select_related("step"), pk)
    _require_editable(selectors.evidence_editable_by(user, network), evidence)
    step_pk = evidence.step_id
    services.delete_evidence(evidence=evidence, user=user)
    messages.success(request, _("The file is removed."))
    return redirect("workspace:step_detail", pk=step_pk)


@require_POST
@workspace_view
def comment_add(request, pk: int):
    network = network_for(request)
    user = request.user
    step = _get(selectors.with_step_relations(selectors.steps_visible_to(user, network)), pk)
    if not follows_whole_network(user, network):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(step=step, user=user, body=form.cleaned_data["body"])
        messages.success(request, _("Your comment is posted."))
        return redirect("workspace:step_detail", pk=step.pk)
    return _render_step(request, step, comment_form=form)


def _file_response(stored):
    return serve_private_file(stored.file, download_name=stored.original_name)


# --- Deliverables -----------------------------------------------------------------------------


def _render_deliverable(request, deliverable, *, upload_form=None):
    network = network_for(request)
    can_edit = (
        selectors.deliverables_editable_by(request.user, network).filter(pk=deliverable.pk).exists()
    )
    context = {
        "deliverable": deliverable,
        "can_edit": can_edit,
        "uploads": selectors.deliverable_uploads(deliverable),
        "history": history_entries(deliverable),
        "upload_form": upload_form or (DeliverableUploadForm() if can_edit else None),
        "follows_network": follows_whole_network(request.user, network),
    }
    return render(request, "workspace/deliverable_detail.html", context)


def _visible_deliverables(user, network):
    return selectors.with_deliverable_relations(selectors.deliverables_visible_to(user, network))


@workspace_view
def deliverable_detail(request, pk: int):
    network = network_for(request)
    return _render_deliverable(request, _get(_visible_deliverables(request.user, network), pk))


@workspace_view
def deliverable_edit(request, pk: int):
    network = network_for(request)
    user = request.user
    deliverable = _get(_visible_deliverables(user, network), pk)
    _require_editable(selectors.deliverables_editable_by(user, network), deliverable)

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
        return render(
            request,
            "workspace/deliverable_form.html",
            context,
            status=CONFLICT_STATUS if conflict else 200,
        )

    return _versioned_edit(
        request,
        deliverable,
        DeliverableEditForm,
        save,
        detail="workspace:deliverable_detail",
        saved=_("The deliverable is saved."),
        render_page=render_page,
    )


@workspace_view
def deliverable_upload(request, pk: int):
    network = network_for(request)
    user = request.user
    deliverable = _get(_visible_deliverables(user, network), pk)
    _require_editable(selectors.deliverables_editable_by(user, network), deliverable)
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


@workspace_view
def deliverable_download(request, pk: int):
    network = network_for(request)
    upload = _get(selectors.uploads_visible_to(request.user, network), pk)
    return _file_response(upload)
