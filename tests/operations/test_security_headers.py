"""Every page answers with the security headers: public pages, signed-in pages, the admin."""

import pytest
from django.urls import reverse

from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db

HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


@pytest.fixture
def production_https(settings):
    """What settings.py sets when SITE_URL is https (the suite itself runs on http)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


def assert_security_headers(response):
    headers = response.headers
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in headers["Strict-Transport-Security"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = headers["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
    csp = dict(
        directive.strip().split(" ", 1)
        for directive in headers["Content-Security-Policy"].split(";")
        if directive.strip()
    )
    assert csp["script-src"] == "'self'"
    assert csp["default-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "unsafe-eval" not in headers["Content-Security-Policy"]


def test_public_home_page(client, production_https):
    NetworkFactory()
    response = client.get("/el/", **HTTPS)
    assert response.status_code == 200
    assert_security_headers(response)


def test_signed_in_page(client, production_https, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("privacy:my_data"), **HTTPS)
    assert response.status_code == 200
    assert_security_headers(response)


def test_admin_pages(client, production_https, lead_staff):
    client.force_login(lead_staff)
    for url in (reverse("admin:index"), reverse("admin:news_article_add")):
        response = client.get(url, **HTTPS)
        assert response.status_code == 200, url
        assert_security_headers(response)


def test_admin_login_redirect_and_error_pages_carry_the_headers_too(client, production_https):
    assert_security_headers(client.get(reverse("admin:index"), **HTTPS))
    missing = client.get("/el/no-such-page/", **HTTPS)
    assert missing.status_code == 404
    assert_security_headers(missing)


def test_plain_http_is_redirected_to_https_behind_the_proxy(client, production_https):
    response = client.get("/el/", HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_cookies_are_secure_and_httponly(client, production_https, coordinator):
    response = client.get(reverse("account_login"), **HTTPS)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post(
        reverse("account_login"),
        {"login": coordinator.email, "password": "correct-horse-battery"},
        **HTTPS,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"


def test_pages_load_nothing_from_another_site(client, lead_staff):
    """No CDN, font service or analytics: every src and stylesheet is on this site."""
    import re

    NetworkFactory()
    pages = [reverse("portal:home"), reverse("privacy:policy")]
    client.force_login(lead_staff)
    pages += [reverse("admin:index"), reverse("admin:news_article_add")]
    for url in pages:
        html = client.get(url).content.decode()
        for match in re.finditer(r'(?:src|href)\s*=\s*"([^"]*)"', html):
            target = match.group(1)
            tag_start = html.rfind("<", 0, match.start())
            tag = html[tag_start : html.find(">", match.start()) + 1].lower()
            if tag.startswith(("<a ", "<a\n")):
                continue  # a link the visitor may follow is not a request the page makes
            if re.search(r'rel="(canonical|alternate)"', tag):
                continue  # canonical and hreflang links name addresses; browsers fetch nothing
            assert not re.match(r"^(https?:)?//", target), (url, target)
