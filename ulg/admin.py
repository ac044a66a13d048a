from django.contrib import admin

from cities.admin_scope import NetworkScopedAdmin

from .models import Attendance, Organisation, Outcome, SectorAttendance


@admin.register(Organisation)
class OrganisationAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    network_path = "city__network"
    list_display = ["name", "city", "sector", "joined_on", "left_on", "listed_publicly", "is_demo"]
    list_filter = ["city", "sector", "listed_publicly", "is_demo"]
    search_fields = ["name", "contact_name", "contact_email"]
    list_select_related = ["city"]
    autocomplete_fields = ["city"]
    readonly_fields = ["created_at", "updated_at"]


class SectorAttendanceInline(NetworkScopedAdmin, admin.TabularInline):
    network_path = "attendance__meeting__network"
    model = SectorAttendance
    extra = 0


@admin.register(Attendance)
class AttendanceAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    network_path = "meeting__network"
    list_display = ["meeting", "people", "updated_at"]
    list_select_related = ["meeting"]
    autocomplete_fields = ["meeting"]
    filter_horizontal = ["organisations"]
    readonly_fields = ["recorded_by", "updated_at"]
    inlines = [SectorAttendanceInline]


@admin.register(Outcome)
class OutcomeAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    network_path = "meeting__network"
    list_display = ["__str__", "meeting", "kind", "status", "due_date"]
    list_filter = ["kind", "status", "meeting__host_city"]
    search_fields = ["text", "owner_person"]
    list_select_related = ["meeting"]
    autocomplete_fields = ["meeting", "owner_organisation"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
