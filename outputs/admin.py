from django.contrib import admin

from cities.admin_scope import NetworkScopedAdmin
from common.languages import localized_fields
from common.translation_admin import LanguageTabsAdmin

from .models import PublishedOutput


@admin.register(PublishedOutput)
class PublishedOutputAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = "upload__deliverable__network"
    list_display = ["title", "document_language", "published_on", "is_published", "is_demo"]
    list_filter = ["is_published", "is_demo", "document_language"]
    search_fields = localized_fields("title")
    raw_id_fields = ["upload"]
    readonly_fields = ["published_by", "updated_at"]
