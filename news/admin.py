from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cities.admin_scope import NetworkScopedAdmin
from common.languages import localized_fields, slug_source
from common.requests import network_for
from common.translation_admin import LanguageTabsAdmin
from operations.admin_files import upload_formfield_overrides

from .models import Article


class ArticleForm(forms.ModelForm):
    """The admin's article form (the admin adds the model and its fields): an article's cities
    are of its own network."""

    def clean(self):
        cleaned = super().clean()
        network, cities = cleaned.get("network"), cleaned.get("cities")
        if network is not None and cities and any(c.network_id != network.pk for c in cities):
            self.add_error("cities", _("The city belongs to another network."))
        return cleaned


@admin.register(Article)
class ArticleAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = "network"
    form = ArticleForm
    formfield_overrides = upload_formfield_overrides()  # size and content checked
    list_display = ["title", "status", "published_at", "author", "is_demo"]
    list_filter = ["network", "is_demo", "status", "cities"]
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

    def get_changeform_initial_data(self, request):
        # A new article is of the network whose admin it is written in.
        initial = super().get_changeform_initial_data(request)
        network = network_for(request)
        if network is not None:
            initial.setdefault("network", network.pk)
        return initial

    def save_model(self, request, obj, form, change):
        if not obj.author_id:
            obj.author = request.user
        super().save_model(request, obj, form, change)
