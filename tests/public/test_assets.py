"""Pages load nothing from another host and nothing the Content-Security-Policy would block."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from .helpers import all_tags, public_pages, url

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

#: Attributes through which a page makes the browser fetch something.
FETCHING = {"src", "srcset", "poster", "data", "action", "formaction", "background"}
#: <link> relations that are only addresses of this page, never fetched by the browser.
ADDRESS_ONLY = {"canonical", "alternate"}


def own_host(address: str) -> bool:
    parts = urlsplit(address)
    if not parts.scheme and not parts.netloc:
        return not address.startswith("//")
    return f"{parts.scheme}://{parts.netloc}" == settings.SITE_URL


def fetched_addresses(html: str) -> list[str]:
    found = []
    for tag, attrs in all_tags(html):
        for name in FETCHING & attrs.keys():
            found += [part.split()[0] for part in attrs[name].split(",") if part.strip()]
        if tag == "link" and not set(attrs.get("rel", "").split()) & ADDRESS_ONLY:
            found.append(attrs.get("href", ""))
    return found


def public_responses(client, site):
    for language in ("el", "en"):
        for name, args in public_pages(site):
            yield name, client.get(url(name, language, *args))
        yield "404", client.get(f"/{language}/nowhere/")


def test_no_page_references_another_host(client, site):
    site.article.cover_image = "news/cover.jpg"
    site.article.cover_alt_en = "A square at night"
    site.article.save()
    checked = 0
    for name, response in public_responses(client, site):
        html = response.content.decode()
        addresses = fetched_addresses(html)
        assert addresses, name
        foreign = [address for address in addresses if not own_host(address)]
        assert foreign == [], name
        checked += len(addresses)
        # alternate/canonical links name this site only.
        for _tag, attrs in all_tags(html):
            if _tag == "link" and attrs.get("rel") in ADDRESS_ONLY:
                assert own_host(attrs["href"]), (name, attrs)
    assert checked > 50


def test_pages_need_no_inline_script_or_style(client, site):
    for name, response in public_responses(client, site):
        html = response.content.decode()
        # JSON-LD is data, never run (CSP's script-src does not apply): the only script allowed.
        html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
        assert "<script" not in html, name
        assert "<style" not in html, name
        for _tag, attrs in all_tags(html):
            assert "style" not in attrs, (name, _tag)
            assert not [attr for attr in attrs if attr.startswith("on")], (name, _tag)


def test_stylesheet_loads_nothing_from_elsewhere():
    css = (ROOT / "static" / "css" / "site.css").read_text()
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)
    assert "@font-face" not in css
