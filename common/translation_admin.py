"""The admin's language tabs: the required pair, plus only the languages that matter here.

With eight interface languages every translated field would show eight tabs, most of them
empty. A form shows Greek and English (both required where the field is), the languages that
already have text on this object, the language its city works in, and any language lead staff
ask for with "Add a translation in …" (``?languages=ca,es``, kept when the form is posted).
"""

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.http import HttpRequest
from django.utils.translation import get_language_info
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

#: The query parameter that asks for more language tabs.
LANGUAGES_PARAM = "languages"


def _codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def requested_languages(request: HttpRequest) -> list[str]:
    """The languages asked for in the address; anything that is not one of ours is ignored."""
    asked = request.GET.get(LANGUAGES_PARAM, "").split(",")
    return [code for code in _codes() if code in asked]


def languages_with_text(obj, model) -> list[str]:
    """The languages in which ``obj`` has any translated field filled in."""
    if obj is None:
        return []
    fields = translator.get_options_for_model(model).fields
    return [
        code
        for code in _codes()
        if any(getattr(obj, build_localized_fieldname(name, code), None) for name in fields)
    ]


def shown_languages(request: HttpRequest, obj, model, suggested=()) -> list[str]:
    wanted = {
        *settings.REQUIRED_CONTENT_LANGUAGES,
        *languages_with_text(obj, model),
        *(code for code in suggested if code),
        *requested_languages(request),
    }
    return [code for code in _codes() if code in wanted]


def hidden_columns(model, shown: list[str]) -> list[str]:
    fields = translator.get_options_for_model(model).fields
    return [
        build_localized_fieldname(name, code)
        for name in fields
        for code in _codes()
        if code not in shown
    ]


def _without(fields, hidden: set[str]) -> list:
    kept = []
    for field in fields:
        if isinstance(field, (list, tuple)):
            row = [name for name in field if name not in hidden]
            if row:
                kept.append(type(field)(row))
        elif field not in hidden:
            kept.append(field)
    return kept


class LanguageTabsMixin:
    """For a modeltranslation admin or inline: hides the tabs of the languages not shown."""

    def shown_languages(self, request: HttpRequest, obj) -> list[str]:
        return shown_languages(request, obj, self.model)

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        return exclude + hidden_columns(self.model, self.shown_languages(request, obj))

    def get_fieldsets(self, request, obj=None):
        # Declared ``fields`` name the translated field, which modeltranslation expands into
        # every language's column: drop the hidden ones again.
        hidden = set(hidden_columns(self.model, self.shown_languages(request, obj)))
        return [
            (name, {**options, "fields": _without(options["fields"], hidden)})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        original = getattr(db_field, "translated_field", None)
        if (
            field is not None
            and original is not None
            and db_field.language in settings.REQUIRED_CONTENT_LANGUAGES
            and not original.blank
        ):
            field.required = True
        return field


class LanguageTabsAdmin(LanguageTabsMixin, TabbedTranslationAdmin):
    """A tabbed translation admin with only the tabs that matter and links to add others."""

    change_form_template = "admin/translated_change_form.html"

    def suggested_languages(self, obj) -> list[str]:
        """Languages worth offering for ``obj`` before anyone wrote in them (e.g. its city's)."""
        return []

    def shown_languages(self, request: HttpRequest, obj) -> list[str]:
        # Asked for by the form, the fieldsets and the page: worked out once per request.
        memo = request.__dict__.setdefault("_shown_languages", {})
        key = (self.model, getattr(obj, "pk", None))
        if key not in memo:
            memo[key] = shown_languages(request, obj, self.model, self.suggested_languages(obj))
        return memo[key]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        shown = self.shown_languages(request, obj)
        query = request.GET.copy()
        addable = []
        for code in _codes():
            if code in shown:
                continue
            query[LANGUAGES_PARAM] = ",".join([*requested_languages(request), code])
            addable.append(
                {
                    "code": code,
                    "name": get_language_info(code)["name_translated"],
                    "query": query.urlencode(),
                }
            )
        extra_context = {**(extra_context or {}), "addable_languages": addable}
        return super().changeform_view(request, object_id, form_url, extra_context)


class LanguageTabsStackedInline(LanguageTabsMixin, TranslationStackedInline):
    """An inline with the tabs of the languages its parent (``obj``) is written in."""

    def shown_languages(self, request: HttpRequest, obj) -> list[str]:
        parent = type(obj) if obj is not None else None
        if parent is None or parent not in translator.get_registered_models():
            return shown_languages(request, None, self.model)
        return shown_languages(request, obj, parent)
