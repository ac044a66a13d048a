"""Each article belongs to one network: written in a network's admin it is that network's, its
cities are of that network, and its slug is unique within the network only."""

import pytest
from django.contrib import admin
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from news.models import Article
from tests.factories import ArticleFactory, UserFactory
from tests.networks.conftest import B_HOST

pytestmark = pytest.mark.django_db


def _admin_request(host: str):
    request = RequestFactory().get("/admin/news/article/add/", HTTP_HOST=host)
    request.user = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    return request


def test_a_new_article_is_of_the_network_whose_admin_it_is_written_in(network_a, network_b):
    article_admin = admin.site._registry[Article]
    on_b = article_admin.get_changeform_initial_data(_admin_request(B_HOST))
    assert on_b["network"] == network_b.pk
    on_a = article_admin.get_changeform_initial_data(_admin_request("testserver"))
    assert on_a["network"] == network_a.pk


def test_an_articles_cities_are_of_its_network(network_a, city_a, city_b):
    article_admin = admin.site._registry[Article]
    request = _admin_request("testserver")
    form_class = article_admin.get_form(request)
    data = {
        "network": network_a.pk,
        "title_el": "Νέο",
        "title_en": "News",
        "slug": "news",
        "body_el": "Κείμενο",
        "body_en": "Text",
        "status": Article.Status.DRAFT,
        "cities": [city_a.pk, city_b.pk],
    }
    form = form_class(data=data)
    assert not form.is_valid()
    assert form.errors["cities"] == ["Η πόλη ανήκει σε άλλο δίκτυο."]  # the site's language
    form = form_class(data={**data, "cities": [city_a.pk]})
    assert form.is_valid(), form.errors


def test_two_networks_may_use_the_same_slug_but_one_network_only_once(network_a, network_b):
    ArticleFactory(network=network_a, slug="launch")
    ArticleFactory(network=network_b, slug="launch")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(network=network_b, slug="launch")
