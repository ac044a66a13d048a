from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import NotificationPreferences, OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    """The audit trail of every email the portal sent or tried to send."""

    list_display = [
        "subject",
        "network",
        "kind",
        "to_email",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "kind", "language", "network"]
    search_fields = ["to_email", "subject", "object_key", "occasion"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient", "network"]
    actions = ["send_again"]
    readonly_fields = [field.name for field in OutboundEmail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again (failed or interrupted emails only)"))
    def send_again(self, request, queryset):
        count = sum(services.requeue(email=email) for email in queryset)
        self.message_user(
            request,
            ngettext("%(count)d email queued again.", "%(count)d emails queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(NotificationPreferences)
class NotificationPreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "meeting_reminders", "daily_digest", "weekly_digest", "updated_at"]
    list_filter = ["meeting_reminders", "daily_digest", "weekly_digest"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]
    exclude = ["calendar_token"]
    readonly_fields = ["calendar_token_created_at", "updated_at"]
