"""Read-side queries for news. ``Article.objects.published()`` is the only public queryset."""

from collections.abc import Iterable

from django.db.models import F, Prefetch, QuerySet
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from cities.models import City
from common.languages import shown_in
from common.search import document_columns

from .models import Article


def _cities() -> Prefetch:
    # What a page reads of an article's cities: their names and addresses.
    return Prefetch("cities", queryset=City.objects.only("slug", "name"))


def published_articles() -> QuerySet[Article]:
    # The search documents (a few kilobytes a row in each language) are never shown.
    return (
        Article.objects.published()
        .defer(*document_columns())
        .prefetch_related(_cities())
        .order_by("-published_at", "-id")
    )


def article_summaries() -> QuerySet[Article]:
    """Published articles as lists show them: title, date and summary, no body. Their cities'
    names come from attach_city_names()."""
    return published_articles().defer("body", "cover_alt").prefetch_related(None)


def attach_city_names(articles: Iterable[Article]) -> None:
    """Sets each article's ``city_names``: its cities' names as shown, in the cities' order.

    One query of values for a whole list; prefetching the cities as model instances cost more
    than the rest of the list.
    """
    by_id = {article.pk: article for article in articles}
    for article in by_id.values():
        article.city_names = []
    if not by_id:
        return
    languages = list(resolution_order(get_language()))
    names = {
        build_localized_fieldname("name", code): F(build_localized_fieldname("city__name", code))
        for code in languages
    }
    order = [f"-city__{f[1:]}" if f.startswith("-") else f"city__{f}" for f in City._meta.ordering]
    rows = (
        Article.cities.through.objects.filter(article_id__in=by_id)
        .order_by(*order)
        .values("article_id", **names)
    )
    for row in rows:
        by_id[row["article_id"]].city_names.append(shown_in(row, "name", languages)[0])


def latest_articles(*, limit: int) -> list[Article]:
    # With bodies: the feed shows an article's body when it has no summary.
    return list(published_articles()[:limit])


def latest_article_summaries(*, limit: int) -> list[Article]:
    """The newest articles for a page that shows their titles, dates and summaries only."""
    return list(article_summaries()[:limit])


def articles_about(*, city: City, limit: int) -> list[Article]:
    articles = list(article_summaries().filter(cities=city)[:limit])
    attach_city_names(articles)
    return articles


def published_article(*, slug: str) -> Article | None:
    # Slugs are not translated, so one lookup serves both languages.
    return published_articles().filter(slug=slug).first()


def publication_years() -> list[int]:
    moments = Article.objects.published().datetimes("published_at", "year", order="DESC")
    return [moment.year for moment in moments]
