from django.contrib import admin

from cities.admin_scope import NetworkScopedAdmin
from common.languages import localized_fields, slug_source
from common.translation_admin import LanguageTabsAdmin

from .models import Indicator, Measurement, Series


@admin.register(Indicator)
class IndicatorAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = "network"
    list_display = ["name", "unit", "direction", "level", "order", "network"]
    list_filter = ["network", "level", "direction"]
    search_fields = [*localized_fields("name"), "slug"]
    prepopulated_fields = {"slug": [slug_source("name")]}


class MeasurementInline(NetworkScopedAdmin, admin.TabularInline):
    network_path = "series__city__network"
    model = Measurement
    extra = 0
    fields = ["measured_on", "value", "note", "is_demo", "evidence_name", "recorded_by"]
    readonly_fields = ["evidence_name", "recorded_by"]


@admin.register(Series)
class SeriesAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = "city__network"
    list_display = ["indicator", "city", "baseline_value", "target_value", "is_demo"]
    list_filter = ["is_demo", "indicator", "city"]
    list_select_related = ["indicator", "city"]
    inlines = [MeasurementInline]


@admin.register(Measurement)
class MeasurementAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = "series__city__network"
    list_display = ["series", "measured_on", "value", "is_demo", "recorded_by"]
    list_filter = ["is_demo", "series__indicator", "series__city"]
    list_select_related = ["series__indicator", "series__city", "recorded_by"]
    readonly_fields = ["evidence_name", "evidence_type", "evidence_size", "recorded_by"]
    exclude = ["evidence"]  # uploaded through the workspace, where its content is checked
