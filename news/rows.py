"""The news list's articles as plain rows: what each shows, prepared once per list.

Templates render rows with auto-escaping; what every row repeats (the link pattern, the date
format, the page's language) is looked up once per list."""

from collections.abc import Iterable
from typing import TypedDict

from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from modeltranslation.utils import get_language

from common.languages import supplying_language

from .models import Article


class ArticleRow(TypedDict):
    url: str
    title: str
    #: The language of the title and summary when it is not the page's (a fallback), else "".
    title_lang: str
    summary: str
    summary_lang: str
    published_iso: str
    published: str
    cities: str  # the article's cities' names, joined


def _fallback(article: Article, field: str, language: str) -> str:
    supplied = supplying_language(article, field)
    return supplied if supplied != language else ""


def article_rows(articles: Iterable[Article], *, with_cities: bool = True) -> list[ArticleRow]:
    """One row per article of a list (their ``city_names`` set by ``attach_city_names``, unless
    the list names no cities)."""
    language = get_language()
    date_format = get_format("DATE_FORMAT")
    link = reverse("news:detail", kwargs={"slug": "0"})[: -len("0/")]
    rows = []
    for article in articles:
        published = timezone.localtime(article.published_at)
        rows.append(
            ArticleRow(
                url=f"{link}{article.slug}/",
                title=article.title,
                title_lang=_fallback(article, "title", language),
                summary=article.summary,
                summary_lang=_fallback(article, "summary", language) if article.summary else "",
                published_iso=dateformat.format(published, r"Y-m-d\TH:i:sO"),
                published=dateformat.format(published, date_format),
                cities=", ".join(article.city_names) if with_cities else "",
            )
        )
    return rows
