"""Published outputs: who may download what, publishing and unpublishing, and where they are
listed (the outputs page, the results page, the sitemap and the search)."""

import datetime as dt

import pytest

from cities.models import Membership
from outputs import services
from outputs.models import PublishedOutput
from practices import services as practice_services
from tests.factories import CityFactory, DeliverableFactory, MembershipFactory, UserFactory
from tests.workspace import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_upload(city, lead_staff):
    deliverable = DeliverableFactory(city=city, kind="final_investment_plan")
    return practice_services.upload_deliverable_file(
        deliverable=deliverable, user=lead_staff, upload=files.pdf("plan.pdf", size=4096)
    )


@pytest.fixture
def published(plan_upload, lead_staff):
    return services.publish(
        user=lead_staff,
        upload=plan_upload,
        title={"el": "Σχέδιο επενδύσεων", "en": "Investment Plan of the city"},
        document_language="it",
        published_on=dt.date.today(),
    )


@pytest.fixture
def other_coordinator(network):
    user = UserFactory(email="other@example.org")
    MembershipFactory(
        user=user, city=CityFactory(network=network), role=Membership.Role.CITY_COORDINATOR
    )
    return user


def download(client, output):
    return client.get(f"/en/outputs/{output.pk}/download/")


def test_a_published_output_is_listed_and_downloaded_by_anyone(client, published, city):
    page = client.get("/en/outputs/").content.decode()
    assert "Investment Plan of the city" in page
    assert city.name_en in page and "Italian" in page and "4.0\xa0KB" in page
    assert "Final investment plan" in page
    greek = client.get("/el/outputs/").content.decode()
    assert "Σχέδιο επενδύσεων" in greek
    response = download(client, published)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("who", ["anonymous", "other_coordinator", "coordinator", "lead_staff"])
def test_an_unpublished_output_is_private_for_everyone_on_the_public_site(
    client, request, published, lead_staff, who
):
    services.unpublish(user=lead_staff, output=published)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert download(client, published).status_code == 404
    assert "Investment Plan of the city" not in client.get("/en/outputs/").content.decode()


def test_unpublishing_removes_it_at_once_even_from_cached_pages(client, published, lead_staff):
    assert "Investment Plan of the city" in client.get("/en/outputs/").content.decode()
    assert "Investment Plan of the city" in client.get("/en/results/").content.decode()
    client.force_login(lead_staff)
    response = client.post(f"/en/workspace/outputs/{published.upload_id}/unpublish/")
    assert response.status_code == 302
    client.logout()
    assert "Investment Plan of the city" not in client.get("/en/outputs/").content.decode()
    assert "Investment Plan of the city" not in client.get("/en/results/").content.decode()
    assert download(client, published).status_code == 404


def test_lead_staff_publish_from_the_workspace(client, lead_staff, plan_upload):
    client.force_login(lead_staff)
    assert client.get("/en/workspace/outputs/").status_code == 200
    response = client.post(
        f"/en/workspace/outputs/{plan_upload.pk}/publish/",
        {
            "title_el": "Σχέδιο",
            "title_en": "Plan",
            "document_language": "en",
            "published_on": "2026-06-30",
        },
    )
    assert response.status_code == 302
    output = PublishedOutput.objects.get()
    assert output.is_published and output.published_by == lead_staff


@pytest.mark.parametrize("who", ["coordinator", "other_coordinator"])
def test_coordinators_cannot_publish_or_unpublish(client, request, published, plan_upload, who):
    services.unpublish(user=request.getfixturevalue("lead_staff"), output=published)
    client.force_login(request.getfixturevalue(who))
    assert client.get("/en/workspace/outputs/").status_code == 403
    response = client.post(
        f"/en/workspace/outputs/{plan_upload.pk}/publish/",
        {"title_el": "x", "title_en": "x", "document_language": "en", "published_on": "2026-01-01"},
    )
    assert response.status_code == 403
    assert client.post(f"/en/workspace/outputs/{plan_upload.pk}/unpublish/").status_code == 403
    assert not PublishedOutput.objects.get().is_published


def test_the_results_page_links_the_citys_investment_plan(client, published, city):
    page = client.get("/en/results/").content.decode()
    assert f"/en/outputs/{published.pk}/download/" in page


def test_sitemap_and_search_include_published_outputs(client, published, lead_staff):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/en/outputs/{published.pk}/download/" in sitemap
    assert "/en/outputs/</loc>" in sitemap and "/en/results/</loc>" in sitemap
    page = client.get("/en/search/", {"q": "investment plan"}).content.decode()
    assert f"/en/outputs/{published.pk}/download/" in page
    services.unpublish(user=lead_staff, output=published)
    assert f"/outputs/{published.pk}/" not in client.get("/sitemap.xml").content.decode()
    page = client.get("/en/search/", {"q": "investment plan"}).content.decode()
    assert f"/outputs/{published.pk}/" not in page
