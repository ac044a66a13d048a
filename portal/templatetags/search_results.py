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
from django.utils.safestring import SafeString, mark_safe
from django_countries import countries
from modeltranslation.utils import get_language

from cities.models import City

from .portal_tags import venue_time

register = template.Library()


def _lang(shown, active: str) -> str:
    """` lang="…"` when the text shown is a fallback from another language, as {% lang_attr %}."""
    return f' lang="{escape(shown.lang)}"' if shown.lang != active else ""


class _Texts(dict):
    """Text formatted once per page: many hits share a day, a country or a role."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        text = self[key] = escape(str(self.make(key)))
        return text


class _Page:
    def __init__(self):
        self.active = get_language()
        self.days = _Texts(lambda day: formats.date_format(day, "DATE_FORMAT"))
        self.countries = _Texts(countries.name)
        roles = dict(City.Role.choices)
        self.roles = _Texts(lambda role: roles.get(role, role))
        self.labels: dict[str, str] = {}

    def hit(self, hit) -> str:
        """The inside of one hit's ``<li>``, escaped: f-strings, as format_html costs more."""
        key = hit.kind.key
        label = self.labels.get(key)
        if label is None:
            label = self.labels[key] = escape(str(hit.kind.label))
        title = hit.title
        html = (
            f'<p class="eyebrow">{label}</p>'
            f'<h2 class="item-title"><a href="{escape(hit.url)}"{_lang(title, self.active)}>'
            f"{escape(title.text)}</a></h2>"
        )
        row = hit.row
        if key == "article":
            published = timezone.localtime(row["published_at"])
            # isoformat() is what the date filter's "c" writes.
            html += (
                f'<p class="meta"><time datetime="{published.isoformat()}">'
                f"{self.days[published.date()]}</time></p>"
            )
        elif key == "city":
            html += (
                f'<p class="meta">{self.countries[row["country"]]} · {self.roles[row["role"]]}</p>'
            )
        elif key == "meeting":
            zone = zoneinfo.ZoneInfo(row["timezone"])
            times = SimpleNamespace(
                local_start=row["start"].astimezone(zone),
                local_end=row["end"].astimezone(zone),
                date_precision=row["date_precision"],
            )
            html += f'<p class="meta">{venue_time(times)}</p>'
        summary = hit.shown.get("summary")
        if summary is not None and summary.text:
            html += f"<p{_lang(summary, self.active)}>{escape(summary.text)}</p>"
        return html


@register.simple_tag
def search_hits(hits) -> SafeString:
    """One ``<li>`` per hit: its kind, its linked title and what identifies it."""
    page = _Page()
    # Safe: every value in it is escaped.
    return mark_safe("".join(f'<li class="list-item">{page.hit(hit)}</li>' for hit in hits))
