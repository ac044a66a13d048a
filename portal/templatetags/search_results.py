"""The search page's hits, written in Python.

A search shows up to 80 hits; through the template language each cost a dozen nodes, two
``{% lang_attr %}`` tags and date filters, most of the page's time. Same markup as the template
it replaced.
"""

import zoneinfo
from html import escape
from types import SimpleNamespace

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django_countries import countries
from modeltranslation.utils import get_language

from cities.models import City

from .portal_tags import venue_time

register = template.Library()


def _lang(shown, active: str) -> str:
    """` lang="…"` when the text shown is a fallback from another language, as {% lang_attr %}."""
    return f' lang="{escape(shown.lang)}"' if shown.lang != active else ""


class _Dates(dict):
    """A day's DATE_FORMAT text, formatted once per page: many hits share a day."""

    def __missing__(self, day):
        text = self[day] = escape(formats.date_format(day, "DATE_FORMAT"))
        return text


def _hit(hit, active: str, roles: dict, dates: _Dates) -> str:
    """The inside of one hit's ``<li>``, escaped: plain f-strings, as format_html costs more."""
    title = hit.title
    html = (
        f'<h2 class="item-title"><a href="{escape(hit.url)}"{_lang(title, active)}>'
        f"{escape(title.text)}</a></h2>"
    )
    row = hit.row
    key = hit.kind.key
    if key == "article":
        published = timezone.localtime(row["published_at"])
        # isoformat() is what the date filter's "c" writes.
        html += (
            f'<p class="meta"><time datetime="{published.isoformat()}">'
            f"{dates[published.date()]}</time></p>"
        )
    if key == "city":
        role = roles.get(row["role"], row["role"])
        html += f'<p class="meta">{escape(countries.name(row["country"]))} · {escape(role)}</p>'
    elif key == "meeting":
        zone = zoneinfo.ZoneInfo(row["timezone"])
        times = SimpleNamespace(
            local_start=row["start"].astimezone(zone), local_end=row["end"].astimezone(zone)
        )
        html += f'<p class="meta">{venue_time(times)}</p>'
    summary = hit.shown.get("summary")
    if summary is not None and summary.text:
        html += f"<p{_lang(summary, active)}>{escape(summary.text)}</p>"
    return html


@register.simple_tag
def search_hits(hits) -> SafeString:
    """One ``<li>`` per hit: its kind, its linked title and what identifies it."""
    active = get_language()
    roles = {value: str(label) for value, label in City.Role.choices}
    dates = _Dates()
    labels = {}
    for hit in hits:
        labels.setdefault(hit.kind.key, str(hit.kind.label))
    return format_html_join(
        "",
        '<li class="list-item"><p class="eyebrow">{}</p>{}</li>',
        ((labels[hit.kind.key], mark_safe(_hit(hit, active, roles, dates))) for hit in hits),
    )
