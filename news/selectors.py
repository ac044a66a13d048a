"""Read-side queries for news. ``Article.objects.published()`` is the only public queryset."""

from django.db.models import QuerySet

from cities.models import City

from .models import Article


def published_articles() -> QuerySet[Article]:
    return Article.objects.published().prefetch_related("cities").order_by("-published_at", "-id")


def latest_articles(*, limit: int) -> list[Article]:
    return list(published_articles()[:limit])


def articles_about(*, city: City, limit: int) -> list[Article]:
    return list(published_articles().filter(cities=city)[:limit])


def published_article(*, slug: str) -> Article | None:
    # Slugs are not translated, so one lookup serves both languages.
    return published_articles().filter(slug=slug).first()


def publication_years() -> list[int]:
    moments = Article.objects.published().datetimes("published_at", "year", order="DESC")
    return [moment.year for moment in moments]
