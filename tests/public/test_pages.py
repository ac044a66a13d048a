"""Every public page answers in each interface language, with the right language links."""

import pytest
from django.conf import settings
from django.utils.translation import gettext, override

from .helpers import public_pages, tags, url

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def menu(language: str) -> str:
    """A piece of interface text every page shows (the main menu), in that language."""
    with override(language):
        return f">{gettext('Practices')}</a>"


def content_text(site, name: str, language: str) -> str:
    """Text of the page's own content as that language shows it: the fixtures are written in
    Greek and English, so the other languages read the English (their fallback)."""
    greek = language == "el"
    with override(language):
        search_heading = gettext("Search news, practices, cities and meetings")
    return {
        "portal:home": site.naples.name_el if greek else site.naples.name_en,
        "news:list": site.article.title_el if greek else site.article.title_en,
        "news:detail": site.article.body_el if greek else site.article.body_en,
        "practices:list": site.council.title_el if greek else site.council.title_en,
        "practices:detail": site.council.description_el if greek else site.council.description_en,
        "cities:list": site.geel.name_el if greek else site.geel.name_en,
        "cities:detail": site.naples.description_el if greek else site.naples.description_en,
        "meetings:list": site.meeting.title_el if greek else site.meeting.title_en,
        "meetings:detail": site.meeting.agenda_el if greek else site.meeting.agenda_en,
        "portal:progress": "Συμβούλιο Πρόληψης" if greek else "Prevention Council",
        "portal:search": search_heading,
    }[name]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_answers_in_its_language(client, site, language):
    # The language's own words: a missing catalogue would show Greek (Django's fallback).
    assert [
        pair for pair in ("el", "en") if pair != language and menu(pair) == menu(language)
    ] == []
    for name, args in public_pages(site):
        response = client.get(url(name, language, *args))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, name
        assert menu(language) in html, name
        assert content_text(site, name, language) in html, name
        for other in LANGUAGES:
            if menu(other) != menu(language):
                assert menu(other) not in html, (name, other)


@pytest.mark.parametrize("language", LANGUAGES)
def test_hreflang_and_canonical_links_point_at_every_version(client, site, language):
    for name, args in public_pages(site):
        response = client.get(url(name, language, *args))
        links = tags(response.content.decode(), "link")
        canonical = [link["href"] for link in links if link.get("rel") == "canonical"]
        assert canonical == [settings.SITE_URL + url(name, language, *args)], name
        alternates = {
            link["hreflang"]: link["href"]
            for link in links
            if link.get("rel") == "alternate" and "hreflang" in link
        }
        assert alternates == {
            code: settings.SITE_URL + url(name, code, *args) for code in LANGUAGES
        }, name


def switcher_links(html: str) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for a in tags(html, "a") if "hreflang" in a}


@pytest.mark.parametrize("language", ["el", "en", "ca"])
def test_language_switcher_leads_to_the_same_page_in_every_language(client, site, language):
    for name, args in public_pages(site):
        html = client.get(url(name, language, *args)).content.decode()
        links = switcher_links(html)
        assert links == {code: url(name, code, *args) for code in LANGUAGES}, name


def test_switcher_keeps_the_search_and_the_filters(client, site):
    html = client.get("/el/search/?q=ασφάλεια").content.decode()
    assert (
        switcher_links(html)["en"]
        == "/en/search/?q=%CE%B1%CF%83%CF%86%CE%AC%CE%BB%CE%B5%CE%B9%CE%B1"
    )
    html = client.get("/en/news/?city=naples&year=2026").content.decode()
    assert switcher_links(html)["el"] == "/el/news/?city=naples&year=2026"


def test_canonical_keeps_the_page_number_and_drops_other_parameters(client, site, settings):
    from tests.factories import ArticleFactory

    ArticleFactory.create_batch(12)
    html = client.get("/en/news/?page=2&year=").content.decode()
    canonical = [link["href"] for link in tags(html, "link") if link.get("rel") == "canonical"]
    assert canonical == [f"{settings.SITE_URL}/en/news/?page=2"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "/el/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("el-GR,el;q=0.9,en;q=0.5", "/el/"),
        ("fr-FR,fr;q=0.9", "/el/"),
        ("de,en;q=0.5", "/en/"),
    ],
)
def test_root_redirects_by_accept_language_greek_by_default(client, db, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_page_has_one_h1_a_skip_link_and_landmarks(client, site):
    for name, args in public_pages(site):
        html = client.get(url(name, "en", *args)).content.decode()
        assert html.count("<h1") == 1, name
        assert '<a class="skip-link" href="#main">' in html
        assert '<main id="main"' in html
        assert "<header" in html and "<footer" in html


def test_main_menu_marks_the_current_section(client, site):
    html = client.get(url("news:detail", "en", site.article.slug)).content.decode()
    current = [a for a in tags(html, "a") if "aria-current" in a and "hreflang" not in a]
    assert [a["href"] for a in current] == ["/en/news/"]
