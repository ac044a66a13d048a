"""Read-side queries for news. ``Article.objects.published()`` is the only public queryset, and
every public read is of one network's articles (``Article.objects.of(network)``)."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from cities.models import City, Network
from common.languages import shown_in
from common.prepared import prepared_instances, prepared_rows
from common.search import document_columns

from .models import Article


def _cities() -> Prefetch:
    # What a page reads of an article's cities: their names and addresses.
    return Prefetch("cities", queryset=City.objects.only("slug", "name"))


def published_articles(
    *, network: Network | int | None, now: datetime | None = None
) -> QuerySet[Article]:
    """The network's published articles (at ``now``, by default the present), newest first
    (none without a network)."""
    # The search documents (a few kilobytes a row in each language) are never shown.
    return (
        Article.objects.of(network)
        .published(now)
        .defer(*document_columns())
        .prefetch_related(_cities())
        .order_by("-published_at", "-id")
    )


def article_summaries(
    *, network: Network | int | None, now: datetime | None = None
) -> QuerySet[Article]:
    """The network's published articles as lists show them: title, date and summary, no body.
    Their cities' names come from attach_city_names()."""
    return (
        published_articles(network=network, now=now)
        .defer("body", "cover_alt")
        .prefetch_related(None)
    )


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
    language = get_language()
    languages = list(resolution_order(language))
    names = {
        build_localized_fieldname("name", code): F(build_localized_fieldname("city__name", code))
        for code in languages
    }
    order = [f"-city__{f[1:]}" if f.startswith("-") else f"city__{f}" for f in City._meta.ordering]

    def build(**articles: int) -> QuerySet:
        return (
            Article.cities.through.objects.filter(article_id__in=list(articles.values()))
            .order_by(*order)
            .values("article_id", **names)
        )

    # Its SQL built once per language and number of articles (a list's page holds a few dozen).
    values = {f"article_{i}": pk for i, pk in enumerate(by_id)}
    rows = prepared_rows(("news.city_names", language, len(values)), build, values)
    for row in rows:
        by_id[row["article_id"]].city_names.append(shown_in(row, "name", languages)[0])


def latest_articles(*, network: Network | None, limit: int) -> list[Article]:
    # With bodies: the feed shows an article's body when it has no summary.
    return list(published_articles(network=network)[:limit])


def latest_article_summaries(*, network: Network | None, limit: int) -> list[Article]:
    """The newest articles for a page that shows their titles, dates and summaries only (the
    home page's: its SQL is built once per process, ``common.prepared``)."""
    if network is None:
        return []

    def build(network: int, now: datetime) -> QuerySet[Article]:
        return article_summaries(network=network, now=now)[:limit]

    key = ("news.latest_article_summaries", get_language(), limit)
    network_id = network.pk if isinstance(network, Network) else network
    values = {"network": network_id, "now": timezone.now()}
    return prepared_instances(key, build, values)


#: What ``news.rows.article_rows`` reads of an article (a translated field: every language's,
#: for its fallback).
ROW_FIELDS = ("slug", "title", "summary", "published_at")


def articles_about(*, city: City, limit: int) -> list[Article]:
    """The articles of the city's network about the city, with what their rows show."""

    def build(network: int, city: int, now: datetime) -> QuerySet[Article]:
        return (
            Article.objects.of(network)
            .published(now)
            .filter(cities=city)
            .only(*ROW_FIELDS)
            .order_by("-published_at", "-id")[:limit]
        )

    # Its SQL built once per process, language and limit (``common.prepared``).
    key = ("news.articles_about", get_language(), limit)
    values = {"network": city.network_id, "city": city.pk, "now": timezone.now()}
    articles = prepared_instances(key, build, values)
    attach_city_names(articles)
    return articles


def published_article(*, network: Network | None, slug: str) -> Article | None:
    """The network's published article of this slug (slugs are unique within a network and not
    translated, so one lookup serves every language), else None."""
    return published_articles(network=network).filter(slug=slug).first()


def publication_years(*, network: Network | None) -> list[int]:
    moments = (
        Article.objects.of(network).published().datetimes("published_at", "year", order="DESC")
    )
    return [moment.year for moment in moments]
