from django.contrib import admin
from modeltranslation.admin import TranslationTabularInline

from cities.admin_scope import NetworkScopedAdmin
from common.languages import localized_fields

from .models import Question, Registration, RegistrationSettings


class QuestionInline(NetworkScopedAdmin, TranslationTabularInline):
    network_path = "registration_settings__meeting__network"
    model = Question
    extra = 0
    fields = ["order", "kind", "label", "choices", "required", "portal_translations"]


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    network_path = "meeting__network"
    list_display = ["meeting", "is_open", "opens_at", "closes_at", "places", "purged_at"]
    list_filter = ["is_open"]
    search_fields = localized_fields("meeting__title")
    autocomplete_fields = ["meeting"]
    readonly_fields = ["purged_at", "kept_registered", "kept_waiting", "kept_checked_in"]
    inlines = [QuestionInline]


@admin.register(Registration)
class RegistrationAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    network_path = "meeting__network"
    """Read-only: places and the waiting list change only through the services' row locks."""

    list_display = ["name", "email", "meeting", "status", "confirmed_at", "checked_in_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "organisation", "check_in_code"]
    list_select_related = ["meeting"]
    readonly_fields = [field.name for field in Registration._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
