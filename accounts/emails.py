"""Links in a person's own language, at the served network's address, for the account
emails."""

from urllib.parse import urlsplit, urlunsplit

from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path

from common.sites import site_url


def in_language(url: str, language: str) -> str:
    """The same page under another language prefix (``/en/x/`` → ``/el/x/``).

    Django resolves a prefixed path only while its own language is active, so the URL is
    resolved in the language it is written in before it is reversed in the new one.
    """
    written_in = get_language_from_path(urlsplit(url).path) or translation.get_language()
    with translation.override(written_in):
        return translate_url(url, language)


def localise_link(url: str, language: str) -> str:
    """Moves a link to the served network's address (``site_url()``) and the given language."""
    parts = urlsplit(in_language(url, language))
    site = urlsplit(site_url())
    return urlunsplit((site.scheme, site.netloc, parts.path, parts.query, parts.fragment))
