"""Real-browser fixtures: Debian's Chromium driven by Playwright against the live server.

One browser for the whole session (starting Chromium is the slow part), a fresh context per test,
and a screenshot of every page a test used, saved under build/screenshots/ on every run.
Registered for the whole suite by tests/conftest.py, so browser tests in any folder share them.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config, items):
    """Browser tests run last.

    Playwright's sync API keeps an asyncio loop running in the main thread, so while the browser is
    up Django must be told that touching the database from "async" code is fine. Running the
    browser tests last keeps that allowance away from every other test.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: run `make system-deps` "
            "(apt-get install chromium). Browsers are never downloaded."
        )
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            # launch() gives Chromium a fresh temporary user-data dir and removes it on close.
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def screenshot(request):
    """Saves a full-page screenshot named after the test (and a suffix) under build/screenshots/."""

    def take(page, suffix: str = "") -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")
        path = SCREENSHOTS / f"{name}{'-' + suffix if suffix else ''}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def new_context(browser, live_server, screenshot):
    """Opens isolated browser contexts (cookies, storage) on the live server.

    When the test ends, passed or failed, the last screen of every page it opened is saved, then
    the contexts are closed.
    """
    contexts, pages = [], []

    def open_context(**options):
        options = {
            "base_url": live_server.url,
            "viewport": {"width": 1280, "height": 900},
            "locale": "en-GB",
            "accept_downloads": True,
            **options,
        }
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", lambda page: pages.append(page))
        contexts.append(context)
        return context

    yield open_context
    for number, page in enumerate(pages, start=1):
        if not page.is_closed():
            screenshot(page, suffix=str(number) if len(pages) > 1 else "")
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def sign_in_as(live_server):
    """Gives a browser context the session of `user` without going through the login form.

    The journeys that are about signing in use the form; the others only need to be signed in.
    """

    def sign_in(context, user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
        )

    return sign_in


def totp_secret_of(user) -> str:
    """The authenticator-app secret of a user, so a test can type the code the app would show."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def sign_in_with_form(page, *, email: str, password: str) -> None:
    """Signs in on the login page the browser is on, as a person would."""
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def enter_authenticator_code(page, secret: str) -> None:
    """Types the code an authenticator app holding `secret` shows now, on the second-factor page."""
    from tests.factories import totp_code

    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()


def translated(text: str, language: str) -> str:
    """What the interface shows for `text` in `language`, from the same catalogues it uses."""
    from django.utils.translation import gettext, override

    with override(language):
        return gettext(text)
