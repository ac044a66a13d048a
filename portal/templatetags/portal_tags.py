from django import template
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

from common.jinja import render_to_string
from common.templatetags.translated_text import lang_attr, portal_translation_note
from meetings.formatting import venue_time_parts
from portal.shell import shell

register = template.Library()


@register.simple_tag(takes_context=True)
def site_shell(context) -> dict:
    """The frame of the page (templates/base.html): its links, menu, footer and language
    versions, see portal.shell."""
    return shell(context.get("request"))


# Also loaded with portal_tags, which most public templates already load.
register.simple_tag(lang_attr)
register.inclusion_tag("common/portal_translation_note.html")(portal_translation_note)


@register.filter
def rich(value: str) -> SafeString:
    """Staff-written rich text (sanitised when saved): HTML as is, plain text as paragraphs."""
    text = (value or "").strip()
    if not text:
        return mark_safe("")
    # Trusted: these fields are sanitised with nh3 when saved.
    if text.startswith("<"):
        return mark_safe(text)
    return mark_safe(linebreaks(text))


@register.simple_tag
def venue_time(meeting) -> SafeString:
    """When a meeting runs, in the venue's local time (see meetings.formatting): the Jinja2
    template that lists of meetings write it with (one template for both engines)."""
    # Jinja2 escaped every value it wrote.
    return mark_safe(
        render_to_string("meetings/_venue_time.html", {"when": venue_time_parts(meeting)})
    )
