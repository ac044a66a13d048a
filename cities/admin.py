from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.languages import localized_fields, slug_source
from common.translation_admin import LanguageTabsAdmin

from .admin_scope import NetworkScopedAdmin
from .models import (
    City,
    DocumentKeeping,
    FactSource,
    Membership,
    Network,
    NetworkClosure,
    NetworkHost,
)


class NetworkHostForm(forms.ModelForm):
    class Meta:
        model = NetworkHost
        fields = ["network", "host", "is_primary"]

    def clean_host(self) -> str:
        # As typed in an address bar: "Demo.Example " is the host name "demo.example", which
        # the uniqueness check then finds if another network already answers on it.
        return (self.cleaned_data.get("host") or "").strip().lower()


class NetworkHostInline(NetworkScopedAdmin, admin.TabularInline):
    """The host names the network answers on; one of them is its main address. A host name
    another network answers on is refused at its row ("Another network already answers on
    this host name."): the uniqueness check reads every network's host names."""

    network_path = "network"
    form = NetworkHostForm

    model = NetworkHost
    extra = 0
    fields = ["host", "is_primary"]


class FactSourceInline(NetworkScopedAdmin, admin.TabularInline):
    network_path = "network"
    model = FactSource
    extra = 0
    fields = ["fact", "city", "title", "url", "published_on", "read_on"]


@admin.register(Network)
class NetworkAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = ""  # the network itself
    list_display = [
        "name",
        "programme",
        "network_type",
        "start_date",
        "end_date",
        "closing_date",
        "state",
        "total_budget",
    ]
    list_filter = ["network_type", "programme"]
    search_fields = ["name", "programme", "lead_expert"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["duration", "state", "reporting_closes"]
    inlines = [NetworkHostInline, FactSourceInline]

    def has_add_permission(self, request) -> bool:
        """A network nobody holds a role in would be nobody's: superusers add one here, lead
        staff create the next network by copying theirs (``networks.copying``)."""
        return request.user.is_superuser

    @admin.display(description=_("duration (months)"))
    def duration(self, obj: Network) -> int | str:
        return obj.duration_months if obj.pk else "—"

    @admin.display(description=_("state today"))
    def state(self, obj: Network) -> str:
        return obj.state_on().label if obj.pk else "—"

    @admin.display(description=_("final reporting closes"))
    def reporting_closes(self, obj: Network):
        return obj.final_reporting_closes if obj.pk else "—"


@admin.register(NetworkHost)
class NetworkHostAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    network_path = "network"
    form = NetworkHostForm
    fields = ["network", "host", "is_primary"]
    list_display = ["host", "network", "is_primary"]
    list_filter = ["network"]
    search_fields = ["host"]
    list_select_related = ["network"]


@admin.register(FactSource)
class FactSourceAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    network_path = "network"
    list_display = ["fact", "city", "title", "url", "read_on", "network"]
    list_filter = ["network", "fact", "city"]
    search_fields = ["title", "url"]
    list_select_related = ["city", "network"]


class MembershipInline(NetworkScopedAdmin, admin.TabularInline):
    network_path = "city__network"
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(City)
class CityAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = "network"
    list_display = [
        "name",
        "country",
        "role",
        "status",
        "population",
        "budget",
        "erdf_rate",
        "erdf",
    ]
    list_filter = ["network", "role", "status", "country"]
    search_fields = [*localized_fields("name"), "slug"]
    prepopulated_fields = {"slug": [slug_source("name")]}
    autocomplete_fields = ["network"]
    readonly_fields = ["erdf"]
    inlines = [MembershipInline]

    def suggested_languages(self, obj: City | None) -> list[str]:
        return [obj.language] if obj is not None else []

    @admin.display(description=_("ERDF amount (EUR)"))
    def erdf(self, obj: City):
        return obj.erdf_amount if obj.pk else "—"


@admin.register(Membership)
class MembershipAdmin(NetworkScopedAdmin, SimpleHistoryAdmin):
    network_path = "city__network"
    list_display = ["user", "city", "role", "created_at"]
    list_filter = ["role", "city"]
    search_fields = ["user__email", "user__full_name", *localized_fields("city__name")]
    autocomplete_fields = ["user", "city"]
    list_select_related = ["user", "city"]


class DocumentKeepingInline(NetworkScopedAdmin, admin.TabularInline):
    network_path = "closure__network"
    model = DocumentKeeping
    extra = 0
    can_delete = False
    readonly_fields = ("city", "place", "kept_until", "contact_role")

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyRecordAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentKeeping)
class DocumentKeepingAdmin(NetworkScopedAdmin, ReadOnlyRecordAdmin):
    network_path = "closure__network"
    list_display = ("city", "place", "kept_until", "contact_role", "closure")
    list_filter = ("city",)


@admin.register(NetworkClosure)
class NetworkClosureAdmin(NetworkScopedAdmin, ReadOnlyRecordAdmin):
    """The record of every closing and reopening: read here, written only from the workspace's
    closure page (through ``archive.services``)."""

    list_display = ("network", "closed_at", "closed_by", "reopened_at", "reopened_by")
    list_filter = ("network",)
    inlines = [DocumentKeepingInline]
    network_path = "network"
