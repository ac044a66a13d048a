"""The workspace's query counts: pinned, and the same however much data there is."""

import pytest
from django.urls import reverse

from practices import services
from tests.workspace import files
from tests.workspace.helpers import coordinator_of, fill_network, save_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_network(network):
    return fill_network(network)


@pytest.fixture
def step(network):
    return (
        fill_network(network, cities=1, practices=1, steps_per_transfer=1)[0]
        .transfers.first()
        .steps.first()
    )


# Pinned from measurements (see the report): a page's count must not grow with the data.
MAX_QUERIES = 20
# The network page's shared parts are rendered once per content version; the first visit after
# an edit also looks up when the content next changes by the clock (two queries).
MAX_NETWORK_QUERIES_AFTER_AN_EDIT = MAX_QUERIES + 2


@pytest.mark.parametrize("path", ["/en/workspace/", "/en/workspace/?sort=due_date&overdue=on"])
def test_home_query_count_is_bounded(
    client, big_network, lead_staff, django_assert_max_num_queries, path
):
    for person in (coordinator_of(big_network[0]), lead_staff):
        client.force_login(person)
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(path).status_code == 200


def test_network_and_export_query_counts_are_bounded(
    client, big_network, lead_staff, django_assert_max_num_queries
):
    step = big_network[0].transfers.first().steps.first()
    for _ in range(20):
        step.refresh_from_db()
        save_step(step, lead_staff, status="in_progress", progress=(step.progress + 7) % 100)
    client.force_login(lead_staff)
    with django_assert_max_num_queries(MAX_NETWORK_QUERIES_AFTER_AN_EDIT):
        assert client.get("/en/workspace/network/").status_code == 200
    for path in (
        "/en/workspace/network/",
        "/en/workspace/export/csv/",
        "/en/workspace/export/xlsx/",
    ):
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(path).status_code == 200


def test_detail_pages_query_counts_are_bounded(
    client, big_network, lead_staff, django_assert_max_num_queries
):
    city = big_network[0]
    coordinator = coordinator_of(city)
    step = city.transfers.first().steps.first()
    deliverable = city.deliverables.first()
    for i in range(8):
        services.add_evidence(step=step, user=coordinator, upload=files.pdf(f"e{i}.pdf"))
        services.add_comment(step=step, user=lead_staff, body=f"Comment {i}")
        services.upload_deliverable_file(
            deliverable=deliverable, user=coordinator, upload=files.pdf(f"d{i}.pdf")
        )
        step.refresh_from_db()
        save_step(step, coordinator, status="in_progress", progress=10 + i, notes=str(i))
    for person in (coordinator, lead_staff):
        client.force_login(person)
        for name, obj in (
            ("workspace:step_detail", step),
            ("workspace:step_edit", step),
            ("workspace:deliverable_detail", deliverable),
            ("workspace:deliverable_edit", deliverable),
        ):
            with django_assert_max_num_queries(MAX_QUERIES):
                assert client.get(reverse(name, kwargs={"pk": obj.pk})).status_code == 200


def test_changes_page_costs_the_same_queries_on_any_page(
    client, lead_staff, step, settings, django_assert_max_num_queries
):
    for progress in range(60):
        save_step(step, lead_staff, progress=progress % 100)
    client.force_login(lead_staff)
    client.get("/en/workspace/network/changes/")
    for page in (1, 2, 3):
        with django_assert_max_num_queries(12):
            assert client.get(f"/en/workspace/network/changes/?page={page}").status_code == 200
