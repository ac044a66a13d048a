"""However large the network grows, each page shows a bounded slice of it, with a way on."""

import re

import pytest

from bench.data import build
from cities.models import City, Membership
from common import paging
from common.forms import ListSelect
from meetings.models import Meeting
from news.models import Article
from practices.models import TransferStep
from tests.factories import ArticleFactory
from workspace import views as workspace_views

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(settings):
    """Five networks' worth: 30 cities, 10 practices, 5,000 steps, 250 meetings."""
    settings.PAGE_CACHE_ENABLED = False
    build(scale=5)


def count(pattern: str, html: str) -> int:
    return len(re.findall(pattern, html))


def test_home_shows_a_dozen_cities_and_links_to_all_of_them(client, big):
    html = client.get("/en/").content.decode()

    assert count(r'<li class="card">', html) == paging.HOME_CITIES
    assert f"All {City.objects.count()} partner cities" in html


def test_the_city_list_pages_through_every_city(client, big):
    first = client.get("/en/cities/").content.decode()
    last = client.get("/en/cities/?page=2").content.decode()

    assert count(r'<li class="card">', first) == paging.CITIES_PER_PAGE
    assert count(r'<li class="card">', last) == City.objects.count() - paging.CITIES_PER_PAGE
    assert 'rel="next"' in first
    assert 'rel="prev"' in last


def test_the_progress_matrix_shows_ten_cities_a_page(client, big):
    html = client.get("/en/progress/?page=2").content.decode()

    assert count(r'<th scope="row"><a href="/en/cities/', html) == paging.PROGRESS_CITIES_PER_PAGE
    assert "Page 2 of 3" in html


def test_meetings_list_the_next_ones_and_pages_through_the_past(client, big):
    html = client.get("/en/meetings/").content.decode()

    upcoming, past = html.split('id="past-title"')
    assert count(r'class="list-item"', upcoming) == paging.MEETINGS_PER_PAGE
    assert "the calendar subscription has every one" in upcoming
    assert count(r'class="list-item"', past) == paging.MEETINGS_PER_PAGE
    assert 'rel="next"' in past
    assert Meeting.objects.filter(is_public=True).count() > 2 * paging.MEETINGS_PER_PAGE


def test_the_workspace_pages_through_whole_transfers(client, big):
    lead = Membership.objects.get(role=Membership.Role.LEAD_STAFF).user
    client.force_login(lead)

    html = client.get("/en/workspace/?page=3").content.decode()

    assert count(r'<article class="transfer-card"', html) == workspace_views.TRANSFERS_PER_PAGE
    shown = {int(pk) for pk in re.findall(r'id="transfer-(\d+)"', html)}
    # The steps' section: the summary above it links the next things due as well.
    rows = count(r'href="/en/workspace/steps/\d+/"', html.split('id="steps-title"')[1])
    assert rows == TransferStep.objects.filter(transfer__in=shown).count()


def test_a_sorted_workspace_list_shows_a_hundred_steps_a_page(client, big):
    lead = Membership.objects.get(role=Membership.Role.LEAD_STAFF).user
    client.force_login(lead)

    html = client.get("/en/workspace/?sort=due_date&page=2").content.decode()
    steps = html.split('id="steps-title"')[1]

    assert count(r'href="/en/workspace/steps/\d+/"', steps) == workspace_views.STEPS_PER_PAGE


def test_the_network_page_lists_the_longest_overdue_and_links_to_all(client, big):
    lead = Membership.objects.get(role=Membership.Role.LEAD_STAFF).user
    client.force_login(lead)
    overdue = TransferStep.objects.overdue().count()

    html = client.get("/en/workspace/network/").content.decode()

    assert overdue > workspace_views.OVERDUE_SHOWN
    assert f"see all {overdue} overdue steps" in html
    assert "?overdue=on" in html


def test_search_finds_a_new_article_at_once(client, db):
    """Search reads stored documents; saving an article stores its document."""
    ArticleFactory(title_en="Lanterns along the quay", slug="lanterns")

    html = client.get("/en/search/", {"q": "lanterns"}).content.decode()

    assert "Lanterns along the quay" in html
    article = Article.objects.get(slug="lanterns")
    article.title_en = "Beacons along the quay"
    article.save()
    assert "Beacons along the quay" in client.get("/en/search/", {"q": "beacons"}).content.decode()


def test_list_select_writes_the_same_choices_as_django():
    choices = [("", "All"), ("a", "Άλφα & Ωμέγα"), ("b", "B")]
    quick = ListSelect(choices=choices, attrs={"id": "id_x"}).render("x", "a")
    plain = re.sub(r"\s+", " ", forms_select(choices))

    assert quick.startswith('<select name="x" id="id_x">')
    for value, label in (("a", "Άλφα &amp; Ωμέγα"), ("b", "B")):
        assert f'value="{value}"' in quick and label in quick and label in plain
    assert '<option value="a" selected>' in quick


def forms_select(choices) -> str:
    from django import forms

    return forms.Select(choices=choices, attrs={"id": "id_x"}).render("x", "a")
