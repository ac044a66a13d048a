"""The about page states what the data file states, each figure with its source, and nothing
the data file leaves empty."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils.html import escape

from cities.models import City, FactSource, Network
from portal.seed import load_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    return load_data()


def money(value: str, language: str) -> str:
    amount = Decimal(value)
    text = f"{amount:,.2f}"
    if language == "el":
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
        return f"{text} €"
    return f"€{text}"  # English writes the sign first


@pytest.mark.parametrize("language", ["en", "el"])
def test_the_facts_on_the_about_page_match_the_data_file(client, seeded, language):
    page = client.get(f"/{language}/about/").content.decode()
    facts = seeded["network"]
    assert money(facts["total_budget"], language) in page
    assert facts["lead_expert"] in page
    assert facts["website"] in page
    assert ("1 September 2024" if language == "en" else "1 Σεπτεμβρίου 2024") in page
    assert ("31 August 2026" if language == "en" else "31 Αυγούστου 2026") in page
    assert "24" in page  # months, derived from the dates
    for city in seeded["cities"]:
        if city["budget"]:
            assert money(city["budget"], language) in page
    # The derived ERDF amounts.
    assert money("123725.00", language) in page  # Piraeus: 70% of 176,750
    assert money("47936.82", language) in page  # Manresa: 65% of 73,748.95
    for source in facts["sources"]:
        assert escape(source["title"]) in page


def test_no_figure_is_shown_without_a_source(client, seeded):
    # Budgets nobody published are empty, and their rows say so.
    assert City.objects.get(slug="naples").budget is None
    page = client.get("/en/about/").content.decode()
    table = page.split('id="partners-title"')[1]
    naples_row = re.search(r"Naples.*?</tr>", table, re.S).group(0)
    assert "€" not in naples_row and "Not published" in naples_row
    # Take away the sources of the total budget and of Manresa's budget: both figures go.
    network = Network.objects.get()
    FactSource.objects.filter(network=network, fact="total_budget").delete()
    FactSource.objects.filter(city__slug="manresa").delete()
    page = client.get("/en/about/").content.decode()
    assert "543,345.40" not in page
    assert "73,748.95" not in page and "47,936.82" not in page
    assert "176,750.00" in page  # still sourced


def test_the_city_page_shows_a_budget_only_with_its_source(client, seeded):
    manresa = client.get("/en/cities/manresa/").content.decode()
    assert "€73,748.95" in manresa and "regio7.cat" in manresa
    naples = client.get("/en/cities/naples/").content.decode()
    assert "Budget" not in naples.split("<main", 1)[1].split("</dl>")[0]
