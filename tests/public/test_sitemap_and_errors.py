"""sitemap.xml, robots.txt and the translated error pages."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import translation

from portal.views import server_error

from .helpers import url

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_locations(client) -> tuple[set[str], ET.Element]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {loc.text for loc in root.findall("s:url/s:loc", NS)}, root


def test_sitemap_lists_every_public_page_in_every_language(client, site):
    locations, root = sitemap_locations(client)
    for language in [code for code, _name in settings.LANGUAGES]:
        for name, args in [
            ("portal:home", ()),
            ("news:list", ()),
            ("news:detail", (site.article.slug,)),
            ("news:detail", (site.greek_only.slug,)),
            ("practices:list", ()),
            ("practices:detail", (site.council.slug,)),
            ("cities:list", ()),
            ("cities:detail", (site.naples.slug,)),
            ("cities:detail", (site.lead_city.slug,)),
            ("meetings:list", ()),
            ("meetings:detail", (site.meeting.slug,)),
            ("meetings:detail", (site.past_meeting.slug,)),
            ("portal:progress", ()),
        ]:
            assert settings.SITE_URL + url(name, language, *args) in locations, (name, language)
    hidden = [site.draft.slug, site.future.slug, site.private_meeting.slug]
    assert not [loc for loc in locations if any(f"/{slug}/" in loc for slug in hidden)]
    # Each entry names its version in every language.
    first = root.find("s:url", NS)
    alternates = {a.get("hreflang") for a in first.findall("x:link", NS)}
    assert alternates == {code for code, _name in settings.LANGUAGES}


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /el/accounts/" in text


@pytest.mark.parametrize(
    ("language", "text"), [("el", "Η σελίδα δεν βρέθηκε"), ("en", "Page not found")]
)
def test_404_page_is_translated(client, site, language, text):
    for path in [f"/{language}/news/no-such-article/", f"/{language}/no/such/page/"]:
        response = client.get(path)
        assert response.status_code == 404
        body = response.content.decode()
        assert text in body
        assert f'<html lang="{language}">' in body
        assert 'name="robots" content="noindex"' in body
        assert 'rel="canonical"' not in body


@pytest.mark.parametrize(
    ("language", "text"), [("el", "Σφάλμα διακομιστή"), ("en", "Server error")]
)
def test_500_page_is_translated_and_needs_no_database(
    django_assert_num_queries, db, language, text
):
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language), django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert text in body and f'<html lang="{language}">' in body


def test_a_crashing_page_gets_the_translated_500(client, db, settings):
    settings.ROOT_URLCONF = "tests.public.urls_crash"
    client.raise_request_exception = False
    response = client.get("/el/crash/")
    assert response.status_code == 500
    assert "Σφάλμα διακομιστή" in response.content.decode()
