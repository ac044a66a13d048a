"""Read-side queries for news. ``Article.objects.published()`` is the only public queryset."""

from django.db.models import Prefetch, QuerySet

from cities.models import City

from .models import Article


def _cities() -> Prefetch:
    # What a page reads of an article's cities: their names and addresses.
    return Prefetch("cities", queryset=City.objects.only("slug", "name"))


def published_articles() -> QuerySet[Article]:
    # The search documents (a few kilobytes a row in each language) are never shown.
    return (
        Article.objects.published()
        .defer("search_el", "search_en")
        .prefetch_related(_cities())
        .order_by("-published_at", "-id")
    )


def article_summaries() -> QuerySet[Article]:
    """Published articles as lists show them: title, date, summary and cities, no body."""
    return published_articles().defer("body", "cover_alt")


def latest_articles(*, limit: int) -> list[Article]:
    # With bodies: the feed shows an article's body when it has no summary.
    return list(published_articles()[:limit])


def articles_about(*, city: City, limit: int) -> list[Article]:
    return list(article_summaries().filter(cities=city)[:limit])


def published_article(*, slug: str) -> Article | None:
    # Slugs are not translated, so one lookup serves both languages.
    return published_articles().filter(slug=slug).first()


def publication_years() -> list[int]:
    moments = Article.objects.published().datetimes("published_at", "year", order="DESC")
    return [moment.year for moment in moments]
