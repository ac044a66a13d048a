from django.contrib import admin

from cities.admin_scope import NetworkScopedAdmin
from common.languages import localized_fields, slug_source
from common.translation_admin import LanguageTabsAdmin, LanguageTabsStackedInline
from operations.admin_files import upload_formfield_overrides

from . import services
from .models import AgendaItem, Meeting, Participation


class AgendaItemInline(NetworkScopedAdmin, LanguageTabsStackedInline):
    network_path = "meeting__network"
    model = AgendaItem
    extra = 0
    fields = ["order", "starts_at", "title", "description"]


class ParticipationInline(NetworkScopedAdmin, admin.TabularInline):
    network_path = "meeting__network"
    model = Participation
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["responded_at", "invited_at"]


@admin.register(Meeting)
class MeetingAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = "network"
    formfield_overrides = upload_formfield_overrides()  # size and content checked
    list_display = [
        "title",
        "kind",
        "start",
        "date_precision",
        "host_city",
        "is_public",
        "status",
        "is_demo",
    ]
    list_filter = ["is_demo", "date_precision", "kind", "is_public", "status", "host_city"]
    search_fields = [*localized_fields("title"), "slug", *localized_fields("venue")]
    prepopulated_fields = {"slug": [slug_source("title")]}
    autocomplete_fields = ["network", "host_city"]
    list_select_related = ["host_city"]
    date_hierarchy = "start"
    inlines = [AgendaItemInline, ParticipationInline]
    readonly_fields = ["created_by", "created_at", "updated_at"]

    def suggested_languages(self, obj: Meeting | None) -> list[str]:
        return [obj.host_city.language] if obj is not None and obj.host_city_id else []

    def save_model(self, request, obj, form, change):
        if not change:
            if not obj.created_by_id:
                obj.created_by = request.user
            super().save_model(request, obj, form, change)
            return
        # The same rules as the workspace: SEQUENCE rises and invitees hear of changes.
        stored = Meeting.objects.select_for_update().get(pk=obj.pk)
        services.record_revision(
            meeting=obj, before=services.snapshot(stored), sequence=stored.sequence
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Participation and formset.new_objects:
            services.send_invitations(meeting=form.instance, participations=formset.new_objects)


@admin.register(Participation)
class ParticipationAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    network_path = "meeting__network"
    list_display = ["meeting", "user", "rsvp", "responded_at"]
    list_filter = ["rsvp", "meeting"]
    search_fields = ["user__email", "user__full_name", *localized_fields("meeting__title")]
    autocomplete_fields = ["meeting", "user"]
    list_select_related = ["meeting", "user"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.send_invitations(meeting=obj.meeting, participations=[obj])


@admin.register(AgendaItem)
class AgendaItemAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = "meeting__network"
    list_display = ["title", "meeting", "order", "starts_at"]
    list_filter = ["meeting__kind"]
    search_fields = [*localized_fields("title"), *localized_fields("meeting__title")]
    autocomplete_fields = ["meeting"]
    list_select_related = ["meeting"]
