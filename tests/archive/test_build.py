"""build_archive on the demo network: served by Python's http.server, the archive answers every
address of the live sitemap with the live page's title, has no broken link, nothing that needs
a server or a sign-in, no personal data; its open data is described by a DCAT-AP catalogue that
rdflib reads; Pagefind finds a Greek and a Catalan word typed in the archive's search."""

import datetime as dt
import functools
import hashlib
import json
import re
import threading
import zoneinfo
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen
from xml.etree import ElementTree

import pytest
import rdflib
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from archive import services
from cities.models import Network
from common.uploads import private_storage
from meetings.models import Meeting
from outputs.models import PublishedOutput
from portal.seed import load_data, seed_demo_users, seed_network
from registrations.models import Registration
from tests.workspace.test_demo_journey import DEMO_PASSWORD, sign_in
from ulg.models import Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

ATHENS = zoneinfo.ZoneInfo("Europe/Athens")
SEEDED = dt.datetime(2026, 12, 2, 10, 0, tzinfo=ATHENS)
#: After the demo's final reporting closed (26 February 2027).
CLOSED = dt.datetime(2027, 3, 15, 10, 0, tzinfo=ATHENS)
LANGUAGES = ("el", "ca")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
SCHEMA_EVENT_STATUS = {
    f"https://schema.org/{name}"
    for name in ("EventScheduled", "EventCancelled", "EventPostponed", "EventRescheduled")
}
SCHEMA_ATTENDANCE = {
    f"https://schema.org/{name}"
    for name in (
        "OfflineEventAttendanceMode",
        "OnlineEventAttendanceMode",
        "MixedEventAttendanceMode",
    )
}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.post_forms, self.title, self._in_title = [], 0, "", False
        self.jsonld, self._in_jsonld = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.links += [attrs[name] for name in ("href", "src") if attrs.get(name)]
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self.post_forms += 1
        self._in_title = tag == "title"
        self._in_jsonld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_title = self._in_jsonld = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._in_jsonld:
            self.jsonld.append(json.loads(data))


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.title = " ".join(page.title.split())
    return page


@pytest.fixture
def archive(tmp_path):
    with time_machine.travel(SEEDED, tick=False):
        data = load_data()
        seed_network(data=data)
        seed_demo_users(data=data, password=DEMO_PASSWORD)
        meeting = Meeting.objects.filter(network__slug="citisense").first()
        Registration.objects.create(
            meeting=meeting,
            name="Rena Registrant",
            email="rena.registrant@example.org",
            email_key="rena.registrant@example.org",
            check_in_code="RENA23",
            language="ca",
        )
        Organisation.objects.filter(pk=Organisation.objects.first().pk).update(
            contact_name="Carla Contactperson", contact_email="carla.contact@example.org"
        )
    traveller = time_machine.travel(CLOSED, tick=False)
    traveller.start()
    network = Network.objects.get(slug="citisense")
    lead = User.objects.get(email="lead@citisense.example")
    services.close_network(
        network=network,
        user=lead,
        final_story={"el": "Το δίκτυο ολοκληρώθηκε (demo).", "en": "The network ended (demo)."},
    )
    site = tmp_path / "site"
    call_command(
        "build_archive", "--network", "citisense", "--output", str(site), "--tarball",
        *[f"--language={code}" for code in LANGUAGES],
    )  # fmt: skip
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield type("Archive", (), {"folder": site, "url": f"http://127.0.0.1:{server.server_port}"})
    server.shutdown()
    server.server_close()
    traveller.stop()


def get(url: str) -> tuple[int, bytes]:
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except HTTPError as error:
        return error.code, b""


def in_archive(archive, address: str) -> str | None:
    """The archive's URL for a link of an archived page, or None when it leaves the site."""
    parts = urlsplit(address)
    if parts.netloc and parts.netloc not in (urlsplit(settings.SITE_URL).netloc,):
        return None
    return archive.url + parts.path


def crawl(archive) -> dict[str, _Page]:
    pages, queue, seen = {}, [archive.url + "/"], set()
    while queue:
        url = queue.pop()
        status, body = get(url)
        assert status == 200, f"broken link: {url}"
        if not (url.endswith("/") or url.endswith(".html")):
            continue
        page = parse(body.decode())
        pages[url] = page
        for link in page.links:
            if link.startswith(("mailto:", "#")):
                continue
            target = in_archive(archive, urljoin(url, link))
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return pages


def test_the_archive_is_the_live_site_without_a_server(archive, browser):
    live = Client()
    sitemap = ElementTree.fromstring(live.get("/sitemap.xml").content)
    addresses = [
        urlsplit(loc.text).path
        for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    archived = [path for path in addresses if path.split("/")[1] in LANGUAGES]
    assert len(archived) > 40
    for path in archived:
        status, body = get(archive.url + path)
        assert status == 200, path
        response = live.get(path)
        if response["Content-Type"].startswith("text/html"):
            assert parse(body.decode()).title == parse(response.content.decode()).title, path

    pages = crawl(archive)
    every_file = {path: path.read_bytes() for path in archive.folder.rglob("*") if path.is_file()}
    everything = b"\n".join(every_file.values())
    # Nothing that needs a server or a sign-in.
    for url, page in pages.items():
        assert page.post_forms == 0, url
        # A static server ignores query strings: no link may count on one.
        assert not [link for link in page.links if "?" in link], url
        assert not any(
            re.search(r"/(accounts|workspace|admin|registrations)/|/register/", link)
            for link in page.links
        ), url
    banner = "Aquest és l’arxiu de CITISENSE tal com era el 15 de març de 2027."
    assert banner in every_file[archive.folder / "ca" / "index.html"].decode()
    # No personal data of the database, and no private file but the published outputs.
    personal = [email.encode() for email in User.objects.values_list("email", flat=True)]
    personal += [b"Rena Registrant", b"rena.registrant@example.org", b"Carla Contactperson"]
    personal += [b"carla.contact@example.org"]
    assert [item for item in personal if item in everything] == []
    published = {
        hashlib.sha256(output.upload.file.read()).hexdigest()
        for output in PublishedOutput.objects.published().select_related("upload")
    }
    storage = private_storage()
    stored = []
    for folder in ("evidence", "deliverables", "minutes"):
        try:
            stored += [f"{folder}/{name}" for name in storage.listdir(folder)[1]]
        except FileNotFoundError:
            continue
    hashes = {hashlib.sha256(content).hexdigest() for content in every_file.values()}
    for name in stored:
        digest = hashlib.sha256(storage.open(name).read()).hexdigest()
        assert digest in published or digest not in hashes, name
    # The manifest names every file with its size and SHA-256; nginx gets the content types.
    manifest = json.loads(every_file[archive.folder / "manifest.json"])
    assert manifest["network"] == "citisense" and manifest["languages"] == list(LANGUAGES)
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(listed) == {
        path.relative_to(archive.folder).as_posix()
        for path in every_file
        if path.name != "manifest.json"
    }
    for path, content in every_file.items():
        entry = listed.get(path.relative_to(archive.folder).as_posix())
        if entry:
            assert entry["sha256"] == hashlib.sha256(content).hexdigest()
            assert entry["size"] == len(content)
    nginx = every_file[archive.folder / "nginx.conf"].decode()
    assert 'default_type "text/calendar; charset=utf-8"' in nginx
    assert "location = /el/news/feed/" in nginx
    # Lead staff download the latest archive from the workspace.
    lead = Client()
    sign_in(lead, "lead@citisense.example")
    response = lead.get("/en/workspace/closure/latest.tar.gz")
    assert response.status_code == 200
    tarball = (archive.folder.parent / "site.tar.gz").read_bytes()
    assert b"".join(response.streaming_content) == tarball

    # The DCAT-AP catalogue parses and names the distributions at their real addresses.
    graph = rdflib.Graph()
    graph.parse(data=every_file[archive.folder / "catalogue.jsonld"], format="json-ld")
    datasets = set(graph.subjects(rdflib.RDF.type, DCAT.Dataset))
    assert len(datasets) == 4
    for dataset in datasets:
        for distribution in graph.objects(dataset, DCAT.distribution):
            address = str(graph.value(distribution, DCAT.downloadURL))
            assert address.startswith(settings.SITE_URL)
            if urlsplit(address).path.split("/")[1] in LANGUAGES:
                assert get(in_archive(archive, address))[0] == 200, address
    # Meeting pages carry a schema.org Event with schema.org's own values.
    page = parse(get(f"{archive.url}/ca/meetings/kick-off-paris-2024/")[1].decode())
    (event,) = page.jsonld
    assert event["@type"] == "Event" and event["name"]
    assert event["eventStatus"] in SCHEMA_EVENT_STATUS
    assert event["eventAttendanceMode"] in SCHEMA_ATTENDANCE
    assert event["location"]["@type"] in {"Place", "VirtualLocation"}
    assert re.fullmatch(r"\d{4}-\d{2}(-\d{2}(T.*)?)?", event["startDate"])
    open_data = parse(get(f"{archive.url}/ca/open-data/")[1].decode())
    assert {item["@type"] for item in open_data.jsonld} == {"Dataset"}

    # Offline search: Pagefind's index of each language, as a visitor types (no accents).
    context = browser.new_context()
    page = context.new_page()
    for code, typed, expected in (
        ("el", "ασφαλεια", "ασφάλεια"),
        ("ca", "reunio", "reunió"),
    ):
        page.goto(f"{archive.url}/{code}/search/")
        page.fill(".pagefind-ui__search-input", typed)
        page.wait_for_selector(".pagefind-ui__result", timeout=10_000)
        results = page.locator(".pagefind-ui__results").inner_text().lower()
        assert expected in results, (code, typed)
    context.close()
