"""Files in the admin: every upload checked, private files linked through a permission check.

Private storage has no URL, so the admin's file widget links to ``private_file`` instead: the
admin's own login and MFA apply, then the model's view permission, then the file goes out as a
download (``serve_private_file``).
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from common.uploads import (
    DOCUMENT_KINDS,
    IMAGE_KINDS,
    FileValidator,
    PrivateMediaStorage,
    serve_private_file,
)


def _is_private(field_file) -> bool:
    return isinstance(getattr(field_file, "storage", None), PrivateMediaStorage)


class _LinkedFile:
    """What the widget template shows for a private file: its name, and a permission-checked
    link in place of the storage URL it does not have."""

    def __init__(self, field_file):
        self.field_file = field_file

    def __str__(self) -> str:
        return self.field_file.name.rsplit("/", 1)[-1]

    @property
    def url(self) -> str:
        instance = self.field_file.instance
        return reverse(
            "admin_private_file",
            args=[
                instance._meta.app_label,
                instance._meta.model_name,
                instance.pk,
                self.field_file.field.name,
            ],
        )


class FileWidget(AdminFileWidget):
    def is_initial(self, value) -> bool:
        if _is_private(value):
            return bool(value.name and value.instance.pk)
        return super().is_initial(value)

    def format_value(self, value):
        if _is_private(value) and self.is_initial(value):
            return _LinkedFile(value)
        return super().format_value(value)


def upload_formfield_overrides() -> dict:
    """``ModelAdmin.formfield_overrides``: every file and image uploaded in the admin is checked
    (size, content, extension), and private files get a working download link."""
    return {
        models.ImageField: {"validators": [FileValidator(kinds=IMAGE_KINDS)]},
        models.FileField: {
            "widget": FileWidget,
            "validators": [FileValidator(kinds=DOCUMENT_KINDS)],
        },
    }


def private_file(request, app_label: str, model_name: str, pk: str, field_name: str):
    """Admin download of a private file (wrapped in ``admin_view`` in the URLconf)."""
    try:
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field(field_name)
    except (LookupError, FieldDoesNotExist) as error:
        raise Http404 from error
    if not isinstance(field, models.FileField) or not isinstance(
        field.storage, PrivateMediaStorage
    ):
        raise Http404
    if not request.user.has_perm(f"{app_label}.view_{model._meta.model_name}"):
        raise PermissionDenied
    # Through the model's admin: another network's file is not found.
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        raise Http404
    instance = get_object_or_404(model_admin.get_queryset(request), pk=pk)
    field_file = getattr(instance, field_name)
    return serve_private_file(field_file, download_name=f"{instance}")
