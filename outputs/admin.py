from django.contrib import admin

from common.languages import localized_fields
from common.translation_admin import LanguageTabsAdmin

from .models import PublishedOutput


@admin.register(PublishedOutput)
class PublishedOutputAdmin(LanguageTabsAdmin):
    list_display = ["title", "document_language", "published_on", "is_published", "is_demo"]
    list_filter = ["is_published", "is_demo", "document_language"]
    search_fields = localized_fields("title")
    raw_id_fields = ["upload"]
    readonly_fields = ["published_by", "updated_at"]
