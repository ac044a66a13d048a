"""Lead staff choose which deliverable files the public may download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.selectors import is_lead_staff
from common.languages import translated_values, translations
from common.requests import network_for

from . import selectors, services
from .forms import PublishForm


def _require_lead_staff(request) -> None:
    # Lead staff of this host's network: another network's lead staff are nobody here.
    if not is_lead_staff(request.user, network_for(request)):
        raise PermissionDenied


def _upload(request, pk: int):
    for upload in selectors.publishable_uploads(network=network_for(request)):
        if upload.pk == pk:
            return upload
    raise Http404


@login_required
def publishing(request):
    _require_lead_staff(request)
    uploads = selectors.publishable_uploads(network=network_for(request))
    return render(request, "outputs/workspace/list.html", {"uploads": uploads})


@login_required
def publish(request, pk: int):
    _require_lead_staff(request)
    upload = _upload(request, pk)
    existing = getattr(upload, "publication", None)
    if request.method == "POST":
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                services.publish(
                    user=request.user,
                    upload=upload,
                    title=form.title(),
                    document_language=form.cleaned_data["document_language"],
                    published_on=form.cleaned_data["published_on"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The output is published."))
                return redirect("workspace_outputs:list")
    else:
        initial = {}
        if existing:
            initial = {
                **translations("title", translated_values(existing, "title")),
                "document_language": existing.document_language,
                "published_on": existing.published_on,
            }
        form = PublishForm(initial=initial or None)
    return render(request, "outputs/workspace/publish.html", {"upload": upload, "form": form})


@require_POST
@login_required
def unpublish(request, pk: int):
    _require_lead_staff(request)
    upload = _upload(request, pk)
    output = getattr(upload, "publication", None)
    if output is None:
        raise Http404
    services.unpublish(user=request.user, output=output)
    messages.success(request, _("The output is private again."))
    return redirect("workspace_outputs:list")
