"""News: what is public, in which language, and the feed."""

import datetime as dt

import feedparser
import pytest
from django.conf import settings
from django.utils import timezone

from news.models import Article
from tests.factories import ArticleFactory

from .helpers import tags, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["el", "en"])
def test_drafts_and_future_articles_are_never_public(client, site, language):
    hidden = [site.draft, site.future]
    for article in hidden:
        assert client.get(url("news:detail", language, article.slug)).status_code == 404
    pages = {
        "list": client.get(url("news:list", language)),
        "feed": client.get(url("news:feed", language)),
        "home": client.get(url("portal:home", language)),
        "city": client.get(url("cities:detail", language, site.naples.slug)),
        "search": client.get(
            url("portal:search", language), {"q": "safety" if language == "en" else "ασφάλεια"}
        ),
        "sitemap": client.get("/sitemap.xml"),
    }
    # The search does find the published article with the same words.
    assert site.article.slug in pages["search"].content.decode()
    for where, response in pages.items():
        assert response.status_code == 200, where
        body = response.content.decode()
        for article in hidden:
            assert article.slug not in body, (where, article.slug)
            assert article.title_el not in body and article.title_en not in body, where


def test_a_scheduled_article_appears_once_its_time_has_come(client, site):
    import time_machine

    assert client.get(url("news:detail", "en", site.future.slug)).status_code == 404
    assert site.future.title_en not in client.get(url("news:list", "en")).content.decode()
    with time_machine.travel(site.future.published_at + dt.timedelta(minutes=1)):
        page = client.get(url("news:detail", "en", site.future.slug)).content.decode()
        assert site.future.title_en in page and site.future.body_en in page
        listing = client.get(url("news:list", "en")).content.decode()
        assert site.future.title_en in listing


def test_article_in_both_languages_with_dates_in_each(client, site):
    greek = client.get(url("news:detail", "el", site.article.slug)).content.decode()
    english = client.get(url("news:detail", "en", site.article.slug)).content.decode()
    assert site.article.title_el in greek and site.article.body_el in greek
    assert site.article.title_en in english and site.article.body_en in english
    assert "5 Μαρτίου 2026" in greek
    assert "5 March 2026" in english


def test_missing_english_shows_the_greek_marked_as_greek(client, site):
    english = client.get(url("news:detail", "en", site.greek_only.slug)).content.decode()
    assert f'<h1 lang="el">{site.greek_only.title_el}</h1>' in english
    assert f'<div class="prose" lang="el">{site.greek_only.body_el}</div>' in english
    greek = client.get(url("news:detail", "el", site.greek_only.slug)).content.decode()
    assert f"<h1>{site.greek_only.title_el}</h1>" in greek
    listing = client.get(url("news:list", "en")).content.decode()
    assert f'lang="el">{site.greek_only.title_el}</a>' in listing
    assert f'">{site.article.title_en}</a>' in listing
    assert f'lang="el">{site.article.title_el}' not in listing


def test_news_list_is_paginated_newest_first(client, site):
    base = timezone.now() - dt.timedelta(days=30)
    for number in range(11):
        ArticleFactory(
            slug=f"batch-{number}",
            title_en=f"Batch story {number}",
            published_at=base + dt.timedelta(hours=number),
        )
    first = client.get(url("news:list", "en")).content.decode()
    assert "Batch story 10" in first and "13 articles" in first
    assert first.index("Batch story 10") < first.index("Batch story 9")
    second = client.get(url("news:list", "en"), {"page": 2}).content.decode()
    assert "Batch story 10" not in second and site.greek_only.title_el in second
    assert 'rel="prev"' in second and "Page 2 of 2" in second
    assert client.get(url("news:list", "en"), {"page": 9}).status_code == 404


def test_news_filtered_by_city_and_year(client, site):
    response = client.get(url("news:list", "en"), {"city": "naples"})
    body = response.content.decode()
    assert site.article.title_en in body and site.greek_only.title_el not in body
    body = client.get(url("news:list", "en"), {"year": "2025"}).content.decode()
    assert site.greek_only.title_el in body and site.article.title_en not in body
    body = client.get(url("news:list", "el"), {"city": "geel", "year": "2026"}).content.decode()
    assert "Κανένα νέο δεν ταιριάζει" in body
    # The year list offers only years with published news.
    options = [o["value"] for o in tags(body, "option")]
    assert "2026" in options and "2025" in options
    assert str(site.future.published_at.year + 1) not in options


def test_a_bad_filter_is_a_translated_error_not_a_crash(client, site):
    response = client.get(url("news:list", "el"), {"city": "atlantis", "year": "soon"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Επιλέξτε μια έγκυρη επιλογή" in body
    assert site.article.title_el in body


@pytest.mark.parametrize("language", ["el", "en"])
def test_feed_parses_and_lists_the_published_articles(client, site, language):
    response = client.get(url("news:feed", language))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == language
    titles = [entry.title for entry in feed.entries]
    english = language == "en"
    expected = [
        site.article.title_en if english else site.article.title_el,
        site.greek_only.title_el,
    ]
    assert titles == expected
    first = feed.entries[0]
    assert first.link == settings.SITE_URL + url("news:detail", language, site.article.slug)
    assert first.published_parsed[:3] == (2026, 3, 5)
    assert [tag.term for tag in first.tags] == [site.naples.name_en if english else "Νάπολη"]


def test_feed_follows_publication_state(client, site):
    Article.objects.filter(pk=site.article.pk).update(status=Article.Status.DRAFT)
    feed = feedparser.parse(client.get(url("news:feed", "en")).content)
    assert [entry.title for entry in feed.entries] == [site.greek_only.title_el]
