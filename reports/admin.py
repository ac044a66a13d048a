from django.contrib import admin

from cities.admin_scope import NetworkScopedAdmin
from common.languages import localized_fields

from .models import CityReport, ReportingPeriod, ReportTransition


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    network_path = "network"
    """Lead staff keep the periods here or in the workspace; the model's checks refuse a period
    that ends before it starts or overlaps another."""

    list_display = ["__str__", "network", "start_date", "end_date", "due_date", "is_demo"]
    list_filter = ["network", "is_demo"]
    ordering = ["network", "number"]


class ReportTransitionInline(NetworkScopedAdmin, admin.TabularInline):
    network_path = "report__city__network"
    model = ReportTransition
    extra = 0
    fields = ["created_at", "actor", "from_status", "to_status", "comment"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CityReport)
class CityReportAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    network_path = "city__network"
    """Read-only: reports change state only through the workspace, where every change is
    recorded and emailed."""

    list_display = ["city", "period", "status", "submitted_at", "accepted_at"]
    list_filter = ["status", "period__network", "period"]
    list_select_related = ["city", "period"]
    inlines = [ReportTransitionInline]
    readonly_fields = [
        "period",
        "city",
        "status",
        "achievements",
        "difficulties",
        "next_steps",
        "language",
        "submitted_at",
        "accepted_at",
        "updated_by",
        "version",
    ]
    fields = readonly_fields
    search_fields = localized_fields("city__name")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
