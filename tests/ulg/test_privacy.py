"""Contact persons in "My data", gone with the organisation; the privacy page says so."""

import json

import pytest

from tests.factories import UserFactory

from .conftest import url

pytestmark = pytest.mark.django_db


def my_data(client) -> dict:
    response = client.get("/en/privacy/my-data/export.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_a_contact_person_with_an_account_finds_it_in_my_data(client, police, coordinator):
    person = UserFactory(email="Marta.Secret@example.org")
    client.force_login(person)
    (entry,) = my_data(client)["ulg_contact_person"]
    assert entry["organisation"] == "Local police"
    assert entry["contact_name"] == "Marta Secret"
    client.force_login(coordinator)
    client.post(url("organisation_delete", police.pk))
    client.force_login(person)
    assert my_data(client)["ulg_contact_person"] == []


def test_the_privacy_page_says_what_is_kept_about_contact_persons(client):
    html = client.get("/en/privacy/").content.decode()
    assert "contact person of an organisation" in html
