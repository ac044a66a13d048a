"""Public city and results pages: baseline → target → latest, with an SVG chart readable
without colour and a text alternative, in both languages; and the open data."""

import csv
import datetime
import io
import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "name", "baseline", "latest"),
    [
        ("en", "Perception of safety", "Baseline", "Latest"),
        ("el", "Αίσθημα ασφάλειας", "Αφετηρία", "Τελευταία μέτρηση"),
    ],
)
def test_city_and_results_pages_show_the_indicator(
    client, measured, city, language, name, baseline, latest
):
    for path in (f"/{language}/cities/{city.slug}/", f"/{language}/results/"):
        page = client.get(path).content.decode()
        assert name in page
        assert baseline in page and latest in page
        assert "41" in page and "50" in page and "47" in page
        svg = page.split("<svg viewBox", 1)[1].split("</svg>")[0]
        assert 'role="img"' in page and "<title" in svg and "<desc" in svg
        # Readable without colour: dashed baseline, dotted target, both named in words.
        assert 'stroke-dasharray="6 4"' in svg and 'stroke-dasharray="1 3"' in svg
        assert "currentColor" in svg and "http" not in svg.replace("http://www.w3.org", "")


def test_demo_values_are_marked_demo(client, measured, city):
    measured.is_demo = True
    measured.save()
    page = client.get(f"/en/cities/{city.slug}/").content.decode()
    assert "Sample values for the demonstration, not reported figures" in page


def test_indicators_in_the_open_data(client, measured, city):
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/en/results/indicators.csv").content.decode("utf-8-sig"))
        )
    )
    assert rows == [
        {
            "indicator": "perception-of-safety",
            "indicator_name": "Perception of safety",
            "city": city.slug,
            "city_name": city.name_en,
            "unit": "% of respondents",
            "direction": "higher",
            "baseline": "41",
            "baseline_date": measured.baseline_date.isoformat(),
            "baseline_source": "Household survey",
            "target": "50",
            "latest": "47.5",
            "latest_date": measured.measurements.last().measured_on.isoformat(),
            "measurements": "2",
            "demo": "False",
        }
    ]
    document = json.loads(client.get("/el/results/indicators.json").content)
    (record,) = document["indicators"]
    assert record["indicator_name"] == "Αίσθημα ασφάλειας"
    assert [m["value"] for m in record["measurements"]] == ["44", "47.5"]


def test_formulas_in_the_open_data_are_text_and_numbers_stay_numbers(client, measured, city):
    measured.baseline_source = '=WEBSERVICE("http://evil.example")'
    measured.baseline_value = -3
    measured.save()
    response = client.get("/en/results/indicators.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    (row,) = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert row["baseline_source"] == '\'=WEBSERVICE("http://evil.example")'
    assert row["baseline"] == "-3"  # a negative number is not a formula
    response = client.get("/en/results/indicators.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('inline; filename="')
    (record,) = json.loads(response.content)["indicators"]
    assert record["baseline_source"] == '=WEBSERVICE("http://evil.example")'  # JSON: as typed


def test_indicators_in_the_xlsx_export(client, coordinator, measured):
    from openpyxl import load_workbook

    client.force_login(coordinator)
    workbook = load_workbook(io.BytesIO(client.get("/en/workspace/export/xlsx/").content))
    sheet = workbook["Indicators"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Indicator", "City", "Unit", "Baseline")
    assert rows[1][0] == "Perception of safety" and rows[1][3] == 41 and rows[1][6] == 47.5
    assert isinstance(rows[1][4], datetime.datetime)  # the baseline date, a date cell


@pytest.mark.parametrize("language", ["ca", "lv"])
def test_an_indicator_named_only_in_english_is_marked_english(client, measured, city, language):
    """Nobody named the indicator in the page's language: the English name and unit are shown,
    marked with their language for screen readers; a name written in it is not marked."""
    for path in (f"/{language}/cities/{city.slug}/", f"/{language}/results/"):
        page = client.get(path).content.decode()
        assert f'<html lang="{language}">' in page
        assert '<span lang="en">Perception of safety</span>' in page
        assert '<span lang="en">% of respondents</span>' in page
    measured.indicator.name_ca = "Percepció de seguretat"
    measured.indicator.save()
    page = client.get(f"/ca/cities/{city.slug}/").content.decode()
    assert "<span>Percepció de seguretat</span>" in page
