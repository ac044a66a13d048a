"""Each view's rules: a coordinator reads and writes only their city's reports, the lead expert
reads all, only lead staff accept, reopen and keep periods; anonymous people are sent to sign in."""

import pytest

from reports.models import CityReport, ReportingPeriod

from .conftest import en_url, report_url

pytestmark = pytest.mark.django_db


def state():
    return (
        list(
            CityReport.objects.order_by("pk").values_list("pk", "status", "achievements", "version")
        ),
        list(ReportingPeriod.objects.order_by("pk").values_list("pk", "start_date", "end_date")),
    )


def test_anonymous_people_are_sent_to_sign_in(client, submitted, period):
    for url in [
        en_url("reports:index"),
        en_url("reports:period", period.pk),
        en_url("reports:network_pdf", period.pk),
        report_url(submitted),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_another_citys_report_is_not_found(client, submitted, other_coordinator):
    client.force_login(other_coordinator)
    before = state()
    assert client.get(report_url(submitted)).status_code == 404
    data = {"achievements": "x", "next_steps": "y", "version": submitted.version}
    for action in ("start", "save", "submit"):
        assert client.post(report_url(submitted), data | {"action": action}).status_code == 404
    review = report_url(submitted) + "review/"
    assert client.post(review, {"action": "accept", "version": 1}).status_code == 404
    assert state() == before


def test_a_city_of_another_network_is_not_found(client, period, coordinator):
    from tests.factories import CityFactory, NetworkFactory

    elsewhere = CityFactory(network=NetworkFactory())
    client.force_login(coordinator)
    assert client.get(report_url(period, elsewhere)).status_code == 404


def test_the_lead_expert_reads_everything_and_changes_nothing(
    client, submitted, lead_expert, period
):
    client.force_login(lead_expert)
    before = state()
    page = client.get(report_url(submitted))
    assert page.status_code == 200
    assert "We restored two playgrounds." in page.content.decode()
    assert "Accept the report" not in page.content.decode()
    assert client.get(en_url("reports:period", period.pk)).status_code == 200
    assert client.get(en_url("reports:network_xlsx", period.pk)).status_code == 200
    review = report_url(submitted) + "review/"
    assert (
        client.post(review, {"action": "accept", "version": submitted.version}).status_code == 403
    )
    assert client.post(report_url(submitted), {"action": "save"}).status_code == 403
    assert client.get(en_url("reports:period_add")).status_code == 403
    assert state() == before


def test_coordinators_neither_review_nor_see_the_network_report(
    client, submitted, coordinator, period
):
    client.force_login(coordinator)
    before = state()
    review = report_url(submitted) + "review/"
    assert (
        client.post(review, {"action": "accept", "version": submitted.version}).status_code == 403
    )
    assert client.get(en_url("reports:period", period.pk)).status_code == 403
    assert client.get(en_url("reports:network_pdf", period.pk)).status_code == 403
    assert client.get(en_url("reports:network_xlsx", period.pk)).status_code == 403
    assert client.get(en_url("reports:period_edit", period.pk)).status_code == 403
    response = client.post(
        en_url("reports:period_add"),
        {
            "number": 5,
            "start_date": "2020-01-01",
            "end_date": "2020-02-01",
            "due_date": "2020-03-01",
        },
    )
    assert response.status_code == 403
    assert state() == before


def test_the_coordinator_reads_their_own_report(client, submitted, coordinator):
    client.force_login(coordinator)
    response = client.get(report_url(submitted))
    assert response.status_code == 200
    assert "Facts as submitted" in response.content.decode()


def test_lead_staff_read_every_report_but_do_not_write_them(client, draft, lead_staff):
    client.force_login(lead_staff)
    before = state()
    page = client.get(report_url(draft))
    assert page.status_code == 200
    assert "Save the draft" not in page.content.decode()
    data = {"achievements": "x", "next_steps": "y", "version": draft.version, "action": "save"}
    assert client.post(report_url(draft), data).status_code == 403
    assert state() == before


def test_after_final_reporting_closes_coordinators_only_read(client, draft, coordinator, network):
    import datetime as dt

    from django.utils import timezone

    network.start_date = timezone.localdate() - dt.timedelta(days=800)
    network.end_date = timezone.localdate() - dt.timedelta(days=200)
    network.save()
    client.force_login(coordinator)
    before = state()
    page = client.get(report_url(draft))
    assert "Final reporting has closed" in page.content.decode()
    data = {"achievements": "x", "next_steps": "y", "version": draft.version, "action": "submit"}
    assert client.post(report_url(draft), data).status_code == 409
    assert state() == before
