from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from cities.admin_scope import SCOPED, NetworkScopedAdmin, rescope
from cities.models import Membership
from cities.selectors import is_lead_staff

from .models import AuditEvent

# The admins registered by apps that do not import cities (the outbox stays below the domain)
# or by third parties get the same network scope here, so that every admin has one.
_PEOPLES_NETWORKS = "user__memberships__city__network"
_ELSEWHERE = {
    "notifications.OutboundEmail": "network",
    "notifications.NotificationPreferences": _PEOPLES_NETWORKS,
    "account.EmailAddress": _PEOPLES_NETWORKS,
    "mfa.Authenticator": _PEOPLES_NETWORKS,
}
# Groups and the site are the deployment's, not a network's: lead staff have no permission on
# them, and a group only grants model permissions, which reach no further than the scope.
for _label, _path in _ELSEWHERE.items():
    rescope(admin.site, apps.get_model(_label), _path)


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
class AuditEventAdmin(NetworkScopedAdmin, ReadOnlyAdmin):
    """Lead staff read the role changes of their networks, and the changes of the accounts
    (staff status, groups, permissions) of people who hold a role in their networks."""

    network_path = "network"
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

    def restrict(self, queryset: QuerySet, network_ids: set[int]) -> QuerySet:
        people = Membership.objects.filter(city__network__in=sorted(network_ids)).values("user")
        return queryset.filter(
            Q(network__in=sorted(network_ids)) | Q(network=None, target_user__in=people)
        )

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
class LogEntryAdmin(NetworkScopedAdmin, ReadOnlyAdmin):
    """Django records every add, change and delete made in the admin; this shows that record.
    Lead staff read the lines about the objects of their networks (a deleted object's lines
    are the superusers')."""

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

    def restrict(self, queryset: QuerySet, network_ids: set[int]) -> QuerySet:
        return queryset.filter(log_entries_in(network_ids))

    @admin.display(description=_("change"))
    def change(self, obj: LogEntry) -> str:
        return obj.get_change_message()


def log_entries_in(network_ids: set[int]) -> Q:
    """The admin log's lines about objects of ``network_ids``: for each model whose admin is
    scoped, its content type and the ids of its rows in those networks."""
    q = Q(pk__in=[])
    for model, scope in SCOPED.items():
        if model is LogEntry:
            continue
        rows = scope.restrict(model._base_manager.all(), network_ids)
        ids = rows.order_by().annotate(text_pk=Cast("pk", CharField())).values("text_pk")
        q |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return q
