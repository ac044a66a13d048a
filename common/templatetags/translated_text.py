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
