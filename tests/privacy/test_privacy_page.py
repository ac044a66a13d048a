import pytest
from django.urls import reverse

from tests.factories import CityFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "cookies"),
    [("el", "Απόρρητο", "cookies"), ("en", "Privacy", "cookies")],
)
def test_privacy_page_in_both_languages(client, language, heading, cookies):
    network = NetworkFactory(name="CITISENSE")
    CityFactory(network=network, role="lead_partner", name_el="Πειραιάς", name_en="Piraeus")
    response = client.get(f"/{language}/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert f"<h1>{heading}</h1>" in html
    assert cookies in html
    assert ("Πειραιάς" if language == "el" else "Piraeus") in html


def test_every_page_links_to_it_from_the_footer(client):
    NetworkFactory()
    for language in ("el", "en"):
        html = client.get(f"/{language}/").content.decode()
        footer = html[html.index("<footer") :]
        assert f'href="/{language}/privacy/"' in footer


def test_contact_and_error_reporting_are_mentioned_only_when_configured(client, settings):
    settings.PRIVACY_CONTACT_EMAIL = ""
    settings.SENTRY_DSN = ""
    html = client.get("/en/privacy/").content.decode()
    assert "mailto:" not in html and "error-tracking" not in html
    settings.PRIVACY_CONTACT_EMAIL = "dpo@piraeus.example"
    settings.SENTRY_DSN = "https://key@sentry.invalid/1"
    html = client.get("/en/privacy/").content.decode()
    assert 'href="mailto:dpo@piraeus.example"' in html
    assert "error-tracking" in html


def test_anonymous_visitors_are_offered_to_sign_in_for_their_data(client):
    html = client.get("/en/privacy/").content.decode()
    assert reverse("privacy:my_data") in html
    response = client.get(reverse("privacy:my_data"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert client.get(reverse("privacy:export")).status_code == 302
