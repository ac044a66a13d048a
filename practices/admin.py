from django import forms
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from simple_history.admin import SimpleHistoryAdmin

from cities.admin_scope import NetworkScopedAdmin
from common.languages import localized_fields, slug_source
from common.translation_admin import LanguageTabsAdmin
from operations.admin_files import upload_formfield_overrides

from . import services
from .models import (
    Deliverable,
    DeliverableUpload,
    Practice,
    StepComment,
    StepEvidence,
    Transfer,
    TransferStep,
)
from .progress import refresh_tallies
from .uploads import check_upload


@admin.register(Practice)
class PracticeAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = "network"
    list_display = ["title", "layer", "order", "network"]
    list_filter = ["layer", "network"]
    search_fields = [*localized_fields("title"), "slug"]
    prepopulated_fields = {"slug": [slug_source("title")]}
    autocomplete_fields = ["network"]
    list_editable = ["order"]


class VersionBumpMixin:
    """An admin save moves the version on, so a workspace form opened before it is refused."""

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class TransferStepInline(NetworkScopedAdmin, admin.TabularInline):
    network_path = "transfer__city__network"
    model = TransferStep
    extra = 0
    fields = ["phase", "order", "title", "due_date", "status", "progress"]
    # A step's title has a column per language: it is edited on the step's own page.
    readonly_fields = ["title"]
    show_change_link = True


@admin.register(Transfer)
class TransferAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = "city__network"
    list_display = ["city", "practice", "created_at", "is_demo"]
    list_filter = ["is_demo", "city", "practice"]
    search_fields = [*localized_fields("city__name"), *localized_fields("practice__title")]
    autocomplete_fields = ["city", "practice"]
    list_select_related = ["city", "practice"]
    # In the order of the form before the abstract model's fields came first.
    fields = ["city", "practice", "adaptation_notes", "is_demo"]
    inlines = [TransferStepInline]

    def save_formset(self, request, form, formset, change):
        for step_form in formset.forms:
            if step_form.instance.pk and step_form.has_changed():
                step_form.instance.version += 1
                step_form.instance.updated_by = request.user
        super().save_formset(request, form, formset, change)


def _download_link(viewname: str, obj) -> str:
    if not obj.pk:
        return "—"
    return format_html(
        '<a href="{}">{}</a>', reverse(viewname, kwargs={"pk": obj.pk}), obj.original_name
    )


class StepEvidenceInline(NetworkScopedAdmin, admin.TabularInline):
    network_path = "step__transfer__city__network"
    model = StepEvidence
    extra = 0
    fields = ["download", "description", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    # Removing goes through StepEvidenceAdmin, whose service also deletes the stored file.
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # Files are uploaded in the workspace, where their content is checked.

    @admin.display(description=_("file"))
    def download(self, obj):
        return _download_link("workspace:evidence_download", obj)


class StepCommentInline(NetworkScopedAdmin, admin.StackedInline):
    network_path = "step__transfer__city__network"
    model = StepComment
    extra = 0
    fields = ["author", "body", "created_at"]
    readonly_fields = ["author", "created_at"]


@admin.register(TransferStep)
class TransferStepAdmin(
    NetworkScopedAdmin, VersionBumpMixin, LanguageTabsAdmin, SimpleHistoryAdmin
):
    network_path = "transfer__city__network"
    list_display = [
        "title",
        "transfer",
        "phase",
        "status",
        "progress",
        "due_date",
        "updated_at",
        "is_demo",
    ]
    list_filter = ["is_demo", "phase", "status", "transfer__city", "transfer__practice"]
    search_fields = [
        *(build_localized_fieldname("title", code) for code, _name in settings.LANGUAGES),
        "notes",
    ]
    autocomplete_fields = ["transfer"]
    list_select_related = ["transfer__city", "transfer__practice"]
    fields = [
        *("transfer", "phase", "title", "due_date", "status", "progress", "notes", "order"),
        *("is_demo", "updated_by", "updated_at", "version"),
    ]
    readonly_fields = ["updated_by", "updated_at", "version"]
    date_hierarchy = "due_date"
    history_list_display = ["status", "progress", "due_date"]
    inlines = [StepEvidenceInline, StepCommentInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "transfer" in form.changed_data:
            # Saving counts the step in its new transfer; the one it left is recounted here.
            refresh_tallies([form.initial["transfer"]])

    def save_formset(self, request, form, formset, change):
        for comment_form in formset.forms:
            instance = comment_form.instance
            if isinstance(instance, StepComment) and not instance.pk:
                instance.author = request.user
        super().save_formset(request, form, formset, change)


class DeliverableUploadInline(NetworkScopedAdmin, admin.TabularInline):
    network_path = "deliverable__network"
    model = DeliverableUpload
    extra = 0
    fields = ["download", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("file"))
    def download(self, obj):
        return _download_link("workspace:deliverable_download", obj)


@admin.register(Deliverable)
class DeliverableAdmin(NetworkScopedAdmin, VersionBumpMixin, SimpleHistoryAdmin):
    network_path = "network"
    formfield_overrides = upload_formfield_overrides()  # size and content checked
    list_display = ["display_title", "kind", "city", "phase", "due_date", "status", "is_demo"]
    list_filter = ["is_demo", "kind", "phase", "status", "city"]
    search_fields = ["title", *localized_fields("city__name")]
    autocomplete_fields = ["network", "city"]
    list_select_related = ["city"]
    # Files live in private storage with no public URL: they are uploaded and served by the
    # workspace, so the admin lists them (with links to the checking view) but never edits them
    # (``file`` is not among the fields).
    fields = [
        *("network", "city", "kind", "title", "phase", "due_date", "status"),
        *("is_demo", "updated_by", "updated_at", "version"),
    ]
    readonly_fields = ["updated_by", "updated_at", "version"]
    date_hierarchy = "due_date"
    history_list_display = ["status", "due_date"]
    inlines = [DeliverableUploadInline]


class _PrivateFileAdminForm(forms.ModelForm):
    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload


class _PrivateFileAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    """Files added here go through the same service as the workspace: the content is checked,
    the name is random, and a deliverable's history records the new file."""

    parent_field: str
    download_view: str
    add_fields: list[str]
    readonly_on_change: list[str]
    list_display = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    search_fields = ["original_name"]
    date_hierarchy = "uploaded_at"

    def get_fields(self, request, obj=None):
        return self.add_fields if obj is None else self.readonly_on_change

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_on_change

    def has_change_permission(self, request, obj=None) -> bool:
        return False if obj is not None else super().has_change_permission(request, obj)

    @admin.display(description=_("file"))
    def download(self, obj):
        return _download_link(self.download_view, obj)

    def save_form(self, request, form, change):
        if change:
            return form.save(commit=False)
        return self.create(request, form.cleaned_data)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)


class StepEvidenceAdminForm(_PrivateFileAdminForm):
    class Meta:
        model = StepEvidence
        fields = ["step", "file", "description"]


@admin.register(StepEvidence)
class StepEvidenceAdmin(_PrivateFileAdmin):
    network_path = "step__transfer__city__network"
    form = StepEvidenceAdminForm
    download_view = "workspace:evidence_download"
    add_fields = ["step", "file", "description"]
    readonly_on_change = [
        "step",
        "download",
        "description",
        "content_type",
        "size",
        "uploaded_by",
        "uploaded_at",
    ]
    list_display = ["original_name", "step", *_PrivateFileAdmin.list_display]
    list_filter = ["step__transfer__city", "content_type"]
    list_select_related = ["step", "uploaded_by"]
    autocomplete_fields = ["step"]

    def create(self, request, data) -> StepEvidence:
        return services.add_evidence(
            step=data["step"],
            user=request.user,
            upload=data["file"],
            description=data["description"],
        )


class DeliverableUploadAdminForm(_PrivateFileAdminForm):
    class Meta:
        model = DeliverableUpload
        fields = ["deliverable", "file"]


@admin.register(DeliverableUpload)
class DeliverableUploadAdmin(_PrivateFileAdmin):
    network_path = "deliverable__network"
    form = DeliverableUploadAdminForm
    download_view = "workspace:deliverable_download"
    add_fields = ["deliverable", "file"]
    readonly_on_change = [
        "deliverable",
        "download",
        "content_type",
        "size",
        "uploaded_by",
        "uploaded_at",
    ]
    list_display = ["original_name", "deliverable", *_PrivateFileAdmin.list_display]
    list_filter = ["deliverable__city", "content_type"]
    list_select_related = ["deliverable__city", "uploaded_by"]
    autocomplete_fields = ["deliverable"]

    def create(self, request, data) -> DeliverableUpload:
        return services.upload_deliverable_file(
            deliverable=data["deliverable"], user=request.user, upload=data["file"]
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        # Every version of a deliverable is kept, like its history.
        return False


@admin.register(StepComment)
class StepCommentAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    network_path = "step__transfer__city__network"
    list_display = ["__str__", "step", "author", "created_at"]
    list_filter = ["step__transfer__city"]
    search_fields = ["body", "author__email", "author__full_name"]
    list_select_related = ["step", "author"]
    autocomplete_fields = ["step"]
    readonly_fields = ["author", "created_at"]
    fields = ["step", "body", "author", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)
