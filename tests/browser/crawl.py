"""Finds every page a visitor, a coordinator or lead staff can reach, by following links.

The crawl starts from the sitemap's pages and a few entry points (the workspace, the account and
registration pages) and follows every link of the same language, with Django's test client, so
discovering is cheap; the browser then only opens one page of each kind (one address per URL
pattern and set of query parameters: the sixth city page looks like the first) in every language.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.urls import Resolver404, resolve
from django.utils.translation import override

#: URL names never opened: downloads, feeds and addresses that change state on GET.
SKIPPED_NAMES = {
    "account_logout",
    "set_language",
}
SKIPPED_SUFFIXES = (".csv", ".json", ".ics", ".pdf", ".xlsx", ".svg", ".png", ".xml", ".txt")
SKIPPED_WORDS = ("/export", "/download", "/files/", "/evidence/", "/calendar-feed/", "/feed")
#: Query parameters that make a different kind of page (a filtered list looks like the list).
KIND_PARAMETERS = {"q"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def kind_of(path: str) -> str | None:
    """The URL pattern a path belongs to (with the query keys that change the page), or None if
    the crawl does not open it."""
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.endswith(SKIPPED_SUFFIXES) or any(w in parts.path for w in SKIPPED_WORDS):
        return None
    try:
        # Each language's addresses resolve only while that language is active.
        with override(parts.path.split("/")[1]):
            match = resolve(parts.path)
    except Resolver404:
        return None
    if match.url_name in SKIPPED_NAMES or match.namespace == "admin":
        return None
    keys = sorted(k for k, _ in parse_qsl(parts.query) if k in KIND_PARAMETERS)
    return f"{match.namespace}:{match.url_name}" + ("?" + "&".join(keys) if keys else "")


def normalise(path: str) -> str:
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k in KIND_PARAMETERS]
    return parts.path + ("?" + urlencode(query) if query else "")


def discover(client, start: list[str], *, language: str, limit: int = 400) -> dict[str, str]:
    """One path per kind of page reachable from `start` in `language`: {kind: path}.

    Only pages answering 200 with HTML count; every page of a kind is not opened, only the first.
    """
    prefix = f"/{language}/"
    found: dict[str, str] = {}
    queue = [normalise(path) for path in start]
    seen = set(queue)
    while queue and len(seen) < limit:
        path = queue.pop(0)
        kind = kind_of(path)
        if kind is None or kind in found:
            continue
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        found[kind] = path
        for href in links_of(response.content.decode()):
            href = normalise(href)
            if href.startswith(prefix) and href not in seen and kind_of(href) not in found:
                seen.add(href)
                queue.append(href)
    return found


def in_language(path: str, language: str) -> str:
    """The same page in another language (every page's path starts with its language)."""
    return "/" + language + "/" + path.split("/", 2)[2]


#: Where each kind of reader starts; everything else is found by following links.
VISITOR_START = [
    "/en/",
    "/en/search/?q=safety",
    "/en/accounts/login/",
    "/en/accounts/password/reset/",
    "/en/meetings/demo-open-ulg-session/register/",
]
MEMBER_START = [
    "/en/workspace/",
    "/en/account/notifications/",
    "/en/accounts/email/",
    "/en/accounts/password/change/",
    "/en/accounts/2fa/",
]
COORDINATOR = "coordinator.naples@citisense.example"
LEAD = "lead@citisense.example"


def demo_pages(client_for) -> list[tuple[str | None, str, str]]:
    """(reader's e-mail or None, kind, English path) of every kind of page of the seeded demo:
    a visitor's, then what a coordinator sees beyond them, then what lead staff see beyond both.

    ``client_for(email)`` gives a test client signed in as that reader (a visitor's for None).
    """
    pages, known = [], set()
    for email, start in ((None, VISITOR_START), (COORDINATOR, MEMBER_START), (LEAD, MEMBER_START)):
        for kind, path in discover(client_for(email), start, language="en").items():
            if kind not in known:
                known.add(kind)
                pages.append((email, kind, path))
    return pages
