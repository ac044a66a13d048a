"""An article as lists show it, written in Python.

The news list and a city's page show it once per article; as an included template it cost a
dozen nodes, a ``{% url %}``, two ``{% lang_attr %}`` and two date filters per article.
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from modeltranslation.utils import get_language

from portal.languages import supplying_language

register = template.Library()


def _lang(article, field: str, active: str) -> str:
    # As {% lang_attr %}: the language of a value shown from a fallback.
    lang = supplying_language(article, field)
    return f' lang="{escape(lang)}"' if lang != active else ""


def _city_names(article) -> list[str]:
    names = getattr(article, "city_names", None)  # news.selectors.attach_city_names
    return [city.name for city in article.cities.all()] if names is None else names


@register.simple_tag
def article_summary(article, heading: str = "h2") -> SafeString:
    """Linked title, publication date, cities and summary (news/_article_summary.html)."""
    heading = escape(heading or "h2")
    active = get_language()
    url = reverse("news:detail", args=[article.slug])
    published = timezone.localtime(article.published_at)
    cities = ", ".join(map(escape, _city_names(article)))
    summary = article.summary
    # "c" in the date filter is isoformat(); the template's line breaks are kept.
    return mark_safe(
        f'<{heading} class="item-title"><a href="{escape(url)}"{_lang(article, "title", active)}>'
        f"{escape(article.title)}</a></{heading}>\n"
        f'<p class="meta"><time datetime="{published.isoformat()}">'
        f"{escape(formats.date_format(published, 'DATE_FORMAT'))}</time>"
        f"{' · ' + cities if cities else ''}</p>\n"
        + (f"<p{_lang(article, 'summary', active)}>{escape(summary)}</p>" if summary else "")
    )
