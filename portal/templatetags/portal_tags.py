from django import template
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from common.languages import language_versions as _language_versions
from common.templatetags.translated_text import lang_attr, portal_translation_note
from meetings.formatting import imprecise_when

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """This page in every language: for the switcher, hreflang links and the canonical link."""
    request = context.get("request")
    return _language_versions(request) if request is not None else []


# Also loaded with portal_tags, which most public templates already load.
register.simple_tag(lang_attr)
register.inclusion_tag("common/portal_translation_note.html")(portal_translation_note)


@register.simple_tag(takes_context=True)
def nav_current(context, namespace: str, url_name: str = "") -> str:
    """aria-current for a main-menu link: "page" on that very page, "true" within its section."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != namespace:
        return ""
    if url_name:
        return mark_safe(' aria-current="page"') if match.url_name == url_name else ""
    return mark_safe(' aria-current="page"' if match.url_name == "list" else ' aria-current="true"')


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


def _utc_offset(moment) -> str:
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@register.inclusion_tag("portal/_venue_time.html")
def venue_time(meeting) -> dict:
    """When a meeting runs, in the venue's local time, with its offset from UTC (only as
    precisely as the meeting's date was published)."""
    start, end = meeting.local_start, meeting.local_end
    imprecise = imprecise_when(meeting)
    if imprecise is not None:
        return {"imprecise": imprecise, "day_iso": start.date().isoformat()}
    day, clock = get_format("DATE_FORMAT"), get_format("TIME_FORMAT")
    start_text = f"{dateformat.format(start, day)}, {dateformat.time_format(start, clock)}"
    if start.date() == end.date():
        end_text = dateformat.time_format(end, clock)
        separator = "–"
    else:
        end_text = f"{dateformat.format(end, day)}, {dateformat.time_format(end, clock)}"
        separator = " – "
    return {
        "start_iso": start.isoformat(timespec="seconds"),
        "start_text": start_text,
        "separator": separator,
        "end_iso": end.isoformat(timespec="seconds"),
        "end_text": end_text,
        "zone": _("venue time, %(offset)s") % {"offset": _utc_offset(start)},
    }
