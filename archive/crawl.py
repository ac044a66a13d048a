"""Renders the public site of one network into a folder, page by page, at the same addresses.

Every page is rendered in-process by Django's own request handler (``django.test.Client``), as
a visitor without an account would see it, while ``common.static_build.archive_of`` is active:
the templates then leave out the sign-in link and forms and add the archive banner. The crawl
starts from the sitemap and each language's home page and follows every link of the archived
languages; addresses that need a server (sign-in, workspace, registration, administration) are
never fetched, and a link with a query string is archived as its page without it.
"""

import posixpath
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.test import Client, RequestFactory, override_settings
from django.urls import get_resolver, reverse
from django.utils import translation

from common.sites import site_url

#: Parts of an address that need a server: never fetched, never written.
SERVER_ONLY = re.compile(
    r"^/(admin|i18n)/|^/[a-z]{2}/(accounts|account|workspace|registrations)/|/register/"
)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class _Links(HTMLParser):
    ATTRIBUTES = {"href", "src"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.post_forms = 0

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.links.append(value)
            if name == "srcset" and value:
                self.links += [part.strip().split(" ")[0] for part in value.split(",")]
        if tag == "form" and dict(attrs).get("method", "get").lower() == "post":
            self.post_forms += 1


@dataclass
class Crawl:
    root: Path
    languages: tuple[str, ...]
    host: str
    secure: bool
    written: dict[str, str] = field(default_factory=dict)  # path → content type
    failures: list[tuple[str, int]] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)

    def __post_init__(self):
        self.client = Client(raise_request_exception=False, HTTP_HOST=self.host)
        self.queue: list[str] = []
        self.seen: set[str] = set()
        self.static_host_paths = (settings.STATIC_URL, settings.MEDIA_URL)

    # --- addresses ----------------------------------------------------------------------

    def _local_path(self, link: str, base: str) -> str | None:
        """The site path a link points to, or None when it leaves the site."""
        if link.startswith(("mailto:", "tel:", "data:", "javascript:", "#")):
            return None
        absolute = urljoin(f"https://{self.host}{base}", link)
        parts = urlsplit(absolute)
        site = urlsplit(site_url())
        if parts.netloc not in (self.host, site.netloc):
            return None
        return unquote(parts.path) or "/"

    def wanted(self, path: str) -> bool:
        if SERVER_ONLY.search(path):
            self.skipped.add(path)
            return False
        if path.startswith("/pagefind/"):
            return False  # written by Pagefind after the crawl
        if path.startswith(self.static_host_paths):
            return True
        first = path.strip("/").split("/", 1)[0]
        if len(first) == 2 and first.isalpha():
            return first in self.languages
        return path in ("/sitemap.xml", "/robots.txt", "/catalogue.jsonld")

    def add(self, path: str) -> None:
        if path not in self.seen and self.wanted(path):
            self.seen.add(path)
            self.queue.append(path)

    # --- writing ------------------------------------------------------------------------

    def target(self, path: str) -> Path:
        relative = PurePosixPath(posixpath.normpath(path.lstrip("/")) if path != "/" else ".")
        if ".." in relative.parts:
            raise ValueError(path)
        name = self.root / relative
        return name / "index.html" if path.endswith("/") else name

    def write(self, path: str, content: bytes, content_type: str) -> None:
        target = self.target(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        self.written[path] = content_type

    def copy_asset(self, path: str) -> bool:
        """A static file (from the collected files or the finders) or a public upload."""
        if path.startswith(settings.STATIC_URL):
            name = path[len(settings.STATIC_URL) :]
            source = None
            try:
                if staticfiles_storage.exists(name):
                    source = staticfiles_storage.path(name)
            except NotImplementedError:
                source = None
            source = source or finders.find(name)
            if not source:
                return False
            target = self.target(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            self.written[path] = ""
            if name.endswith(".css"):
                for link in CSS_URL.findall(target.read_text(encoding="utf-8", errors="ignore")):
                    local = self._local_path(link, path)
                    if local:
                        self.add(local)
            return True
        name = path[len(settings.MEDIA_URL) :]
        if not default_storage.exists(name):
            return False
        target = self.target(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out)
        self.written[path] = ""
        return True

    # --- the crawl ----------------------------------------------------------------------

    def seeds(self) -> None:
        for code in self.languages:
            with translation.override(code):
                self.add(reverse("portal:home"))
                self.add(reverse("portal:search"))
        for path in ("/sitemap.xml", "/robots.txt", "/catalogue.jsonld"):
            self.add(path)

    def _sitemap_links(self, content: bytes) -> list[str]:
        tree = ElementTree.fromstring(content)
        links = [loc.text or "" for loc in tree.iter(f"{SITEMAP_NS}loc")]
        links += [
            link.get("href", "")
            for link in tree.iter("{http://www.w3.org/1999/xhtml}link")
            if link.get("href")
        ]
        return links

    def fetch(self, path: str) -> None:
        if path.startswith(self.static_host_paths):
            if not self.copy_asset(path):
                self.failures.append((path, 404))
            return
        response = self.client.get(path, secure=self.secure)
        if response.status_code != 200:
            self.failures.append((path, response.status_code))
            return
        content = b"".join(response) if response.streaming else response.content
        content_type = response.get("Content-Type", "")
        self.write(path, content, content_type)
        if content_type.startswith("text/html"):
            parser = _Links()
            parser.feed(content.decode(response.charset or "utf-8", errors="replace"))
            links = parser.links
        elif path == "/sitemap.xml":
            links = self._sitemap_links(content)
        else:
            links = []
        for link in links:
            local = self._local_path(link, path)
            if local:
                self.add(local)

    def run(self) -> None:
        overrides = {
            "ALLOWED_HOSTS": [*settings.ALLOWED_HOSTS, urlsplit(f"//{self.host}").hostname],
            "PAGE_CACHE_ENABLED": False,
        }
        with override_settings(**overrides):
            self.seeds()
            while self.queue:
                self.fetch(self.queue.pop(0))
            self.not_found_page()

    def not_found_page(self) -> None:
        """``/404.html``: the site's own "not found" page (the project's ``handler404``), in the
        archive's first language."""
        page_not_found = get_resolver().resolve_error_handler(404)
        code = self.languages[0]
        request = RequestFactory(HTTP_HOST=self.host).get(f"/{code}/404.html")
        request.user = AnonymousUser()
        with translation.override(code):
            response = page_not_found(request)
        self.write("/404.html", response.content, response.get("Content-Type", ""))
