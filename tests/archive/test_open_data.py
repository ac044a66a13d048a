"""The live site describes its open data: a data dictionary in the page's language, the DCAT-AP
catalogue at one address, schema.org Event on meeting pages."""

import json
import re

import pytest
import rdflib

from meetings.models import Meeting
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


def jsonld_of(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_the_data_dictionary_speaks_the_page_language(client, lead_city):
    page = client.get("/ca/open-data/").content.decode()
    assert "El nom de la ciutat en la llengua del fitxer." in page
    assert 'href="/ca/progress/progress.csv"' in page
    assert {item["@type"] for item in jsonld_of(page)} == {"Dataset"}
    assert (
        "Το όνομα της πόλης στη γλώσσα του αρχείου."
        in client.get("/el/open-data/").content.decode()
    )


def test_the_catalogue_is_dcat_with_titles_in_every_language(client, lead_city):
    response = client.get("/catalogue.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    graph = rdflib.Graph()
    graph.parse(data=response.content, format="json-ld")
    (catalogue,) = graph.subjects(rdflib.RDF.type, DCAT.Catalog)
    datasets = list(graph.objects(catalogue, DCAT.dataset))
    assert len(datasets) == 4
    titles = {title.language for title in graph.objects(datasets[0], DCT.title)}
    assert titles == {"el", "en", "it", "lv", "hu", "nl", "es", "ca"}
    addresses = {
        str(graph.value(distribution, DCAT.downloadURL))
        for dataset in datasets
        for distribution in graph.objects(dataset, DCAT.distribution)
    }
    assert "http://127.0.0.1:8000/lv/results/indicators.json" in addresses
    assert graph.value(catalogue, DCT.publisher) is not None


def test_meeting_pages_carry_a_schema_org_event(client, network):
    online = MeetingFactory(
        network=network, slug="online-demo", venue_en="", venue_el="",
        online_url="https://meet.example.org/private-room", status=Meeting.Status.CANCELLED,
    )  # fmt: skip
    (event,) = jsonld_of(client.get(f"/en/meetings/{online.slug}/").content.decode())
    assert event["@type"] == "Event"
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"]["@type"] == "VirtualLocation"
    # The private meeting link stays with those invited.
    assert "private-room" not in json.dumps(event)
    held = MeetingFactory(network=network, slug="in-person")
    (event,) = jsonld_of(client.get(f"/en/meetings/{held.slug}/").content.decode())
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"] == {"@type": "Place", "name": "City Hall"}
