from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext_lazy as _

from cities.models import Membership
from cities.selectors import is_lead_staff

from .models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log: lead staff read it; nobody adds, edits or deletes a line, not even a superuser."""

    def has_module_permission(self, request) -> bool:
        return is_lead_staff(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_lead_staff(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "done_by", "concerning", "description"]
    list_filter = ["action", "created_at"]
    search_fields = ["actor_label", "target_label", "summary"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "target_user"]
    fields = [
        "created_at",
        "action",
        "actor",
        "actor_label",
        "target_user",
        "target_label",
        "summary",
        "details",
    ]

    @admin.display(description=_("done by"), ordering="actor_label")
    def done_by(self, obj: AuditEvent) -> str:
        return obj.actor_label or _("system")

    @admin.display(description=_("person concerned"), ordering="target_label")
    def concerning(self, obj: AuditEvent) -> str:
        return obj.target_label or "—"

    @admin.display(description=_("what"))
    def description(self, obj: AuditEvent) -> str:
        details = obj.details or {}
        role = details.get("role")
        if role in Membership.Role.values:
            text = f"{details.get('city', '')} · {Membership.Role(role).label}"
            before = details.get("before") or {}
            if before.get("role") in Membership.Role.values:
                text = (
                    f"{before.get('city', '')} · {Membership.Role(before['role']).label} → {text}"
                )
            return text
        return obj.summary or "—"


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    """Django records every add, change and delete made in the admin; this shows that record."""

    list_display = ["action_time", "user", "action_flag", "content_type", "object_repr", "change"]
    list_filter = ["action_flag", "content_type"]
    search_fields = ["object_repr", "change_message", "user__email"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]
    fields = [
        "action_time",
        "user",
        "content_type",
        "object_id",
        "object_repr",
        "action_flag",
        "change",
    ]

    @admin.display(description=_("change"))
    def change(self, obj: LogEntry) -> str:
        return obj.get_change_message()
