"""The progress matrix and its open-data downloads."""

import csv
import io
import json

import pytest

from .helpers import url

pytestmark = pytest.mark.django_db


def test_matrix_shows_each_transfer_overall_and_per_phase(client, site):
    body = client.get(url("portal:progress", "en")).content.decode()
    # Naples × Prevention Council: steps at 100, 50 and 0 → 50 overall.
    assert '<progress max="100" value="50" aria-hidden="true"></progress>' in body
    assert '<span class="bar-value">50%</span>' in body
    # Geel × Fear of crime surveys: 100, 100, 70 → 90.
    assert '<span class="bar-value">90%</span>' in body
    assert "not transferred" in body
    assert "<table" in body and '<th scope="row">' in body
    # The whole network: six steps averaging 70.
    assert '<span class="bar-value">70%</span>' in body
    assert "<script" not in body


def test_matrix_in_greek(client, site):
    body = client.get(url("portal:progress", "el")).content.decode()
    assert "Κατανόηση" in body and "Επαναχρησιμοποίηση" in body
    assert "Συμβούλιο Πρόληψης" in body and "δεν μεταφέρεται" in body


def test_csv_download(client, site):
    response = client.get(url("portal:progress_csv", "el"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["city"], row["practice"]) for row in rows] == [
        ("naples", "prevention-council"),
        ("geel", "fear-surveys"),
    ]
    naples = rows[0]
    assert naples["city_name"] == "Νάπολη"
    assert naples["practice_title"] == "Συμβούλιο Πρόληψης"
    assert (naples["progress"], naples["progress_understand"]) == ("50", "100")
    assert (naples["progress_adapt"], naples["progress_reuse"]) == ("50", "0")
    assert naples["steps"] == "3"


def test_json_download(client, site):
    response = client.get(url("portal:progress_json", "en"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    document = json.loads(response.content)
    assert document["language"] == "en"
    assert document["network"] == site.network.name
    assert document["progress"] == 70
    geel = document["transfers"][1]
    assert geel == {
        "city": "geel",
        "city_name": "Geel",
        "country": "BE",
        "practice": "fear-surveys",
        "practice_title": "Fear of crime surveys",
        "steps": 3,
        "progress": 90,
        "progress_understand": 100,
        "progress_adapt": 100,
        "progress_reuse": 70,
    }


def test_transfer_without_steps_is_shown_as_such(client, site):
    from tests.factories import PracticeFactory, TransferFactory

    TransferFactory(city=site.geel, practice=PracticeFactory(network=site.network))
    body = client.get(url("portal:progress", "en")).content.decode()
    assert "no steps yet" in body
    rows = json.loads(client.get(url("portal:progress_json", "en")).content)["transfers"]
    assert rows[-1]["progress"] is None and rows[-1]["steps"] == 0


def test_city_and_practice_pages_show_progress_by_phase(client, site):
    city = client.get(url("cities:detail", "en", site.naples.slug)).content.decode()
    assert "Prevention Council" in city
    assert city.count('<span class="bar-value">') >= 4
    assert "913,462" in city
    greek_city = client.get(url("cities:detail", "el", site.naples.slug)).content.decode()
    assert "913.462" in greek_city
    practice = client.get(url("practices:detail", "en", site.council.slug)).content.decode()
    assert "Naples" in practice and '<span class="bar-value">100%</span>' in practice


def test_a_practice_titled_as_a_formula_is_text_in_the_csv(client, site):
    from practices.models import Practice

    Practice.objects.filter(slug="fear-surveys").update(title_el="=1+2 έρευνες")
    response = client.get(url("portal:progress_csv", "el"))
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response["Content-Disposition"].endswith('-progress-el.csv"')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1]["practice_title"] == "'=1+2 έρευνες"
    assert rows[1]["progress"] == "90"  # numbers stay numbers
