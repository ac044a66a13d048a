from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from operations.admin_files import upload_formfield_overrides

from .models import Deliverable, Practice, Transfer, TransferStep


@admin.register(Practice)
class PracticeAdmin(TabbedTranslationAdmin):
    list_display = ["title", "layer", "order", "network"]
    list_filter = ["layer", "network"]
    search_fields = ["title_el", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["network"]
    list_editable = ["order"]


class TransferStepInline(admin.TabularInline):
    model = TransferStep
    extra = 0
    fields = ["phase", "order", "title", "due_date", "status", "progress"]
    show_change_link = True


@admin.register(Transfer)
class TransferAdmin(TabbedTranslationAdmin):
    list_display = ["city", "practice", "created_at"]
    list_filter = ["city", "practice"]
    search_fields = ["city__name_el", "city__name_en", "practice__title_el", "practice__title_en"]
    autocomplete_fields = ["city", "practice"]
    list_select_related = ["city", "practice"]
    inlines = [TransferStepInline]


@admin.register(TransferStep)
class TransferStepAdmin(SimpleHistoryAdmin):
    list_display = ["title", "transfer", "phase", "status", "progress", "due_date", "updated_at"]
    list_filter = ["phase", "status", "transfer__city", "transfer__practice"]
    search_fields = ["title", "notes"]
    autocomplete_fields = ["transfer"]
    list_select_related = ["transfer__city", "transfer__practice"]
    readonly_fields = ["updated_by", "updated_at", "version"]
    date_hierarchy = "due_date"


@admin.register(Deliverable)
class DeliverableAdmin(SimpleHistoryAdmin):
    formfield_overrides = upload_formfield_overrides()  # size and content checked
    list_display = ["display_title", "kind", "city", "phase", "due_date", "status"]
    list_filter = ["kind", "phase", "status", "city"]
    search_fields = ["title", "city__name_el", "city__name_en"]
    autocomplete_fields = ["network", "city"]
    list_select_related = ["city"]
    readonly_fields = ["updated_by", "updated_at", "version"]
    date_hierarchy = "due_date"
