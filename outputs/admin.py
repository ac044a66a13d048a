from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import PublishedOutput


@admin.register(PublishedOutput)
class PublishedOutputAdmin(TabbedTranslationAdmin):
    list_display = ["title", "document_language", "published_on", "is_published", "is_demo"]
    list_filter = ["is_published", "is_demo", "document_language"]
    search_fields = ["title_el", "title_en"]
    raw_id_fields = ["upload"]
    readonly_fields = ["published_by", "updated_at"]
