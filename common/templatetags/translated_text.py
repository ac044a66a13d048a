"""Marking translated text that is shown in another language than the page's."""

from django import template
from django.utils.html import format_html
from modeltranslation.utils import get_language

from common.languages import supplying_language

register = template.Library()


@register.simple_tag
def lang_attr(obj, field: str) -> str:
    """` lang="el"` when the value shown is a fallback from another language, else nothing."""
    lang = supplying_language(obj, field)
    return format_html(' lang="{}"', lang) if lang != get_language() else ""


@register.inclusion_tag("common/portal_translation_note.html")
def portal_translation_note(obj) -> dict:
    """A small note where the texts shown are the portal team's translation in the page's
    language (``PortalTranslated.portal_translations``), not the network's own words."""
    is_ours = getattr(obj, "is_portal_translation", None)
    return {"shown": bool(is_ours and is_ours(get_language()))}
