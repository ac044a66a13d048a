"""Site search: PostgreSQL full-text search, accent- and case-blind, in the page's language."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from common.languages import translations
from tests.factories import ArticleFactory

from .helpers import url

pytestmark = pytest.mark.django_db


def result_links(client, language: str, query: str) -> list[str]:
    from .helpers import tags

    response = client.get(url("portal:search", language), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    results = html.split('class="plain-list search-results"', 1)
    if len(results) == 1:
        return []
    return [a["href"] for a in tags(results[1].split("</ol>", 1)[0], "a")]


def test_greek_matches_with_or_without_accents_and_in_capitals(client, site):
    found = {
        query: result_links(client, "el", query)
        for query in ["ασφάλεια", "ασφαλεια", "ΑΣΦΑΛΕΙΑ", "Ασφάλεια", "ΑΣΦΆΛΕΙΑ"]
    }
    article = url("news:detail", "el", site.article.slug)
    assert article in found["ασφάλεια"]
    assert len(set(map(tuple, found.values()))) == 1, found


def test_final_sigma_in_capitals_matches(client, site):
    # "γειτονιές" ends in ς; typed in capitals it becomes Σ.
    article = url("news:detail", "el", site.article.slug)
    assert article in result_links(client, "el", "ΓΕΙΤΟΝΙΕΣ")
    assert article in result_links(client, "el", "γειτονιες")


def test_every_kind_of_public_content_is_found(client, site):
    assert url("cities:detail", "el", site.naples.slug) in result_links(client, "el", "νάπολη")
    assert url("practices:detail", "en", site.council.slug) in result_links(client, "en", "council")
    meeting = url("meetings:detail", "en", site.meeting.slug)
    assert meeting in result_links(client, "en", "transnational naples")
    assert url("meetings:detail", "en", site.private_meeting.slug) not in result_links(
        client, "en", "internal call"
    )


def test_search_uses_the_page_language(client, site):
    article = url("news:detail", "en", site.article.slug)
    assert article in result_links(client, "en", "neighbourhoods")
    # The English page shows the English text, so the Greek words do not find it there…
    assert article not in result_links(client, "en", "γειτονιές")
    # …except for an article that has no English and is shown in Greek.
    greek_only = url("news:detail", "en", site.greek_only.slug)
    assert greek_only in result_links(client, "en", "μετάφραση")


def test_titles_rank_above_bodies(client, site):
    body_hit = ArticleFactory(
        slug="body-hit",
        title_en="Market day",
        summary_en="",
        body_en="<p>A word about lighthouses.</p>",
    )
    title_hit = ArticleFactory(
        slug="title-hit", title_en="Lighthouses of the coast", body_en="<p>Nothing else.</p>"
    )
    links = result_links(client, "en", "lighthouses")
    assert links == [
        url("news:detail", "en", title_hit.slug),
        url("news:detail", "en", body_hit.slug),
    ]


def test_the_title_and_summary_rank_and_equals_go_newest_first(client, site):
    """A hit ranks by its title and summary (a document's head); the body only has to match.
    Among equal ranks, the newest article comes first."""
    now = timezone.now()
    older, newer = (
        ArticleFactory(
            slug=slug,
            title_en="Market day",
            summary_en="",
            body_en="<p>Lighthouses, lighthouses and lighthouses again.</p>",
            published_at=now - dt.timedelta(days=days),
        )
        for slug, days in (("older", 9), ("newer", 2))
    )
    # One of the two words in its title ranks above both only in a body.
    half_title = ArticleFactory(
        slug="half-title",
        title_en="Lighthouses",
        body_en="<p>Of the coast and its harbours.</p>",
        published_at=now - dt.timedelta(days=30),
    )
    both_in_body = ArticleFactory(
        slug="both-in-body",
        title_en="Weekly notes",
        summary_en="",
        body_en="<p>Lighthouses and harbours.</p>",
        published_at=now - dt.timedelta(days=1),
    )

    assert result_links(client, "en", "lighthouses") == [
        url("news:detail", "en", half_title.slug),
        url("news:detail", "en", both_in_body.slug),
        url("news:detail", "en", newer.slug),
        url("news:detail", "en", older.slug),
    ]
    assert result_links(client, "en", "lighthouses harbours") == [
        url("news:detail", "en", half_title.slug),
        url("news:detail", "en", both_in_body.slug),
    ]


def test_result_count_and_empty_or_odd_queries(client, site):
    body = client.get(url("portal:search", "el"), {"q": "ασφάλεια"}).content.decode()
    assert "αποτελέσματα για «ασφάλεια»" in body or "αποτέλεσμα για «ασφάλεια»" in body
    for odd in ["", "   ", "&|!():*", "'", "a" * 500, "<script>"]:
        response = client.get(url("portal:search", "en"), {"q": odd})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("<main", 1)[1]
    assert (
        "Nothing matches" in client.get(url("portal:search", "en"), {"q": "zzzz"}).content.decode()
    )


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_each_language_searches_its_own_text(client, site, language):
    """Every one of the eight languages has its document: an article written in it is found by
    a visitor reading that language, and not by one who reads the English page."""
    word = f"zyxword{language}"
    article = ArticleFactory(
        slug=f"own-text-{language}",
        **translations("title", {"el": "Τίτλος", "en": "Title", language: f"{word} title"}),
        body_en="<p>Nothing else.</p>",
    )
    assert url("news:detail", language, article.slug) in result_links(client, language, word)
    if language != "en":
        assert url("news:detail", "en", article.slug) not in result_links(client, "en", word)
