from django.contrib import admin

from cities.admin_scope import NetworkScopedAdmin
from common.languages import localized_fields, slug_source
from common.translation_admin import LanguageTabsAdmin
from operations.admin_files import upload_formfield_overrides

from .models import Article


@admin.register(Article)
class ArticleAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = "cities__network"
    formfield_overrides = upload_formfield_overrides()  # size and content checked
    list_display = ["title", "status", "published_at", "author", "is_demo"]
    list_filter = ["is_demo", "status", "cities"]
    search_fields = [*localized_fields("title"), "slug"]
    prepopulated_fields = {"slug": [slug_source("title")]}
    autocomplete_fields = ["author", "cities"]
    list_select_related = ["author"]
    date_hierarchy = "published_at"
    readonly_fields = ["created_at", "updated_at"]

    def suggested_languages(self, obj: Article | None) -> list[str]:
        if obj is None:
            return []
        return list(obj.cities.exclude(language="").values_list("language", flat=True))

    def save_model(self, request, obj, form, change):
        if not obj.author_id:
            obj.author = request.user
        super().save_model(request, obj, form, change)
