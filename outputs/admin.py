from django.contrib import admin

from common.translation_admin import LanguageTabsAdmin

from .models import PublishedOutput


@admin.register(PublishedOutput)
class PublishedOutputAdmin(LanguageTabsAdmin):
    list_display = ["title", "document_language", "published_on", "is_published", "is_demo"]
    list_filter = ["is_published", "is_demo", "document_language"]
    search_fields = ["title_el", "title_en"]
    raw_id_fields = ["upload"]
    readonly_fields = ["published_by", "updated_at"]
