"""Every public way out besides the pages — the news feed, the sitemap and robots.txt, the
meetings' calendars, the open data and its catalogue — holds only the served network's rows,
and every address in it starts with that network's own address; both ways round."""

import csv
import io
import json
import re
from xml.etree import ElementTree

import feedparser
import pytest

from tests.networks import public_sites

pytestmark = pytest.mark.django_db

# The two sites' fixtures (tests/networks/public_sites.py).
sites, pair = public_sites.sites, public_sites.pair

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ADDRESS = re.compile(r"https?://[^\s\"'<>]+")


def fetch(client, site, path: str) -> str:
    response = client.get(path, **site.host)
    assert response.status_code == 200, (path, response.status_code)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def addresses_of_the_site(text: str, ignore: tuple[str, ...] = ()) -> list[str]:
    """Every absolute address in ``text`` that is not a vocabulary's (schema.org, W3C...)."""
    return [found for found in ADDRESS.findall(text) if not found.startswith(ignore)]


def test_the_news_feed(client, pair):
    here, there = pair
    feed = feedparser.parse(fetch(client, here, "/en/news/feed/"))
    titles = [entry.title for entry in feed.entries]
    assert sorted(titles) == sorted([here.article.title_en, here.solo_article.title_en])
    assert feed.feed.link.startswith(here.address)
    for entry in feed.entries:
        assert entry.link.startswith(f"{here.address}/en/news/")
    assert there.word not in fetch(client, here, "/en/news/feed/")


def test_the_sitemap_and_robots(client, pair):
    here, there = pair
    tree = ElementTree.fromstring(fetch(client, here, "/sitemap.xml"))
    locations = [loc.text for loc in tree.iter(f"{SITEMAP}loc")]
    alternates = [link.get("href") for link in tree.iter(f"{XHTML}link")]
    assert locations and alternates
    for address in locations + alternates:
        assert address.startswith(f"{here.address}/"), address
        assert f"/{there.tag}-" not in address, address
    for path in (
        f"/en/cities/{here.solo_city.slug}/",
        f"/en/practices/{here.solo_practice.slug}/",
        f"/en/meetings/{here.solo_meeting.slug}/",
        f"/en/news/{here.solo_article.slug}/",
        f"/en/outputs/{here.output.pk}/download/",
    ):
        assert f"{here.address}{path}" in locations, path
    assert f"{here.address}/en/outputs/{there.output.pk}/download/" not in locations
    robots = fetch(client, here, "/robots.txt")
    assert f"Sitemap: {here.address}/sitemap.xml" in robots
    assert there.address not in robots


def _unfolded(calendar: str) -> str:
    return calendar.replace("\r\n ", "").replace("\n ", "")


def test_the_meetings_calendars(client, pair):
    here, there = pair
    feed = _unfolded(fetch(client, here, "/en/meetings/calendar.ics"))
    assert f"SUMMARY:{here.meeting.title_en}" in feed
    assert f"SUMMARY:{here.solo_meeting.title_en}" in feed
    assert there.word not in feed
    urls = re.findall(r"^URL[^:]*:(.+)$", feed, flags=re.MULTILINE)
    assert len(urls) == 2
    assert all(url.strip().startswith(f"{here.address}/en/meetings/") for url in urls)
    single = _unfolded(fetch(client, here, "/en/meetings/kick-off/calendar.ics"))
    assert f"SUMMARY:{here.meeting.title_en}" in single and there.word not in single
    assert f"{here.address}/en/meetings/kick-off/" in single


def test_the_progress_open_data(client, pair):
    here, there = pair
    rows = list(csv.DictReader(io.StringIO(fetch(client, here, "/en/progress/progress.csv"))))
    assert {row["city_name"] for row in rows} == {here.city.name_en, here.solo_city.name_en}
    assert {row["practice_title"] for row in rows} == {
        here.practice.title_en,
        here.solo_practice.title_en,
    }
    document = json.loads(fetch(client, here, "/en/progress/progress.json"))
    assert document["network"] == here.network.name
    assert document["source"] == f"{here.address}/en/progress/"
    assert {row["city_name"] for row in document["transfers"]} == {
        here.city.name_en,
        here.solo_city.name_en,
    }
    assert there.word not in json.dumps(document, ensure_ascii=False)


def test_the_indicators_open_data(client, pair):
    here, there = pair
    text = fetch(client, here, "/en/results/indicators.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["indicator_name"] for row in rows] == [here.indicator.name_en]
    assert [row["baseline_source"] for row in rows] == [f"{here.word} household survey"]
    assert there.word not in text
    document = json.loads(fetch(client, here, "/en/results/indicators.json"))
    assert document["network"] == here.network.name
    assert document["source"] == f"{here.address}/en/results/"
    assert [row["indicator_name"] for row in document["indicators"]] == [here.indicator.name_en]
    assert there.word not in json.dumps(document, ensure_ascii=False)


VOCABULARIES = (
    "http://www.w3.org/",
    "http://purl.org/",
    "http://xmlns.com/",
    "http://publications.europa.eu/",
    "https://www.iana.org/",
    "https://schema.org",
)


def test_the_catalogue_and_the_data_dictionary(client, pair):
    here, there = pair
    text = fetch(client, here, "/catalogue.jsonld")
    catalogue = json.loads(text)
    assert catalogue["@id"] == f"{here.address}/catalogue.jsonld"
    assert there.word not in text
    assert here.output.title_el in text  # a document is described once, in Greek
    for address in addresses_of_the_site(text, ignore=VOCABULARIES):
        assert address.startswith(f"{here.address}/"), address
    identifiers = [dataset["dct:identifier"] for dataset in catalogue["dcat:dataset"]]
    assert all(identifier.startswith(f"{here.network.slug}-") for identifier in identifiers)
    dictionary = fetch(client, here, "/en/open-data/")
    assert there.word not in dictionary
    for block in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', dictionary, flags=re.DOTALL
    ):
        for address in addresses_of_the_site(block, ignore=VOCABULARIES):
            assert address.startswith(f"{here.address}/"), address
