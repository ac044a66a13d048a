"""The report's whole life: draft → submitted → reopened → submitted → accepted, each change
recorded and emailed once to the other side, in the recipient's language; refused changes answer
409 and change nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from notifications.models import Kind, OutboundEmail
from reports import services
from reports.models import CityReport, ReportTransition

from .conftest import report_url, submit_through_pages, write

pytestmark = pytest.mark.django_db

Status = CityReport.Status


def transition_emails():
    return OutboundEmail.objects.filter(kind=Kind.REPORT_TRANSITION).order_by("pk")


def test_the_whole_journey_through_the_pages(client, period, city, coordinator, lead_staff):
    client.force_login(coordinator)
    url = report_url(period, city)
    assert client.post(url, {"action": "start"}).status_code == 302
    report = CityReport.objects.get(period=period, city=city)
    assert report.status == Status.DRAFT

    text = {"achievements": "Two playgrounds reopened.", "difficulties": "", "next_steps": "More."}
    response = submit_through_pages(client, url, text, version=report.version)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert report.snapshot["narrative"]["achievements"] == "Two playgrounds reopened."

    # Lead staff hear of it, in Greek (their language); the coordinator who submitted does not.
    (email,) = transition_emails()
    assert email.recipient == lead_staff
    assert email.language == "el"
    assert "υποβλήθηκε" in email.subject

    client.force_login(lead_staff)
    review = report_url(period, city).rstrip("/") + "/review/"
    response = client.post(review, {"action": "reopen", "comment": "", "version": report.version})
    assert response.status_code == 200  # a reopening needs a comment
    assert "Say what is missing" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED

    response = client.post(
        review, {"action": "reopen", "comment": "Add the ULG minutes.", "version": report.version}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.REOPENED
    reopened = transition_emails().last()
    assert reopened.recipient == coordinator
    assert reopened.language == "en"
    assert "reopened" in reopened.subject
    assert "Add the ULG minutes." in reopened.body_text

    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "Add the ULG minutes." in page
    response = submit_through_pages(
        client,
        url,
        {**text, "achievements": "Two playgrounds and the minutes."},
        version=report.version,
    )
    assert response.status_code == 302

    client.force_login(lead_staff)
    report.refresh_from_db()
    response = client.post(review, {"action": "accept", "comment": "", "version": report.version})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    assert report.snapshot["narrative"]["achievements"] == "Two playgrounds and the minutes."

    assert list(report.transitions.values_list("from_status", "to_status")) == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "reopened"),
        ("reopened", "submitted"),
        ("submitted", "accepted"),
    ]
    assert all(t.actor_id for t in report.transitions.all())
    # Four changes seen by the other side, four emails, one each.
    assert [e.recipient for e in transition_emails()] == [
        lead_staff,
        coordinator,
        lead_staff,
        coordinator,
    ]


def test_emails_are_recorded_once_per_change(lead_staff, submitted):
    from reports.services import _notify

    transition = submitted.transitions.last()
    assert _notify(submitted, transition) == 0  # the same change again: the key is taken
    assert transition_emails().count() == 1


def test_submitting_needs_the_required_sections(client, draft, coordinator):
    client.force_login(coordinator)
    response = client.post(
        report_url(draft),
        {
            "achievements": "  ",
            "difficulties": "Some",
            "next_steps": "",
            "version": draft.version,
            "action": "submit",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "before submitting" in page
    assert "Some" in page  # the text stays in the form
    draft.refresh_from_db()
    assert (draft.status, draft.difficulties, draft.version) == (Status.DRAFT, "", 1)
    assert not transition_emails().exists()


def test_saving_a_draft_keeps_it_a_draft(draft, coordinator):
    saved = write(draft, coordinator, achievements="Half written")
    assert (saved.status, saved.achievements, saved.version) == (Status.DRAFT, "Half written", 2)
    assert saved.snapshot is None


def test_a_submitted_report_cannot_be_edited(client, submitted, coordinator):
    client.force_login(coordinator)
    response = client.post(
        report_url(submitted),
        {"achievements": "Sneaky", "next_steps": "x", "version": submitted.version}
        | {"action": "save"},
    )
    assert response.status_code == 409
    assert "only after lead staff reopen it" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.achievements == "We restored two playgrounds."


def test_an_accepted_report_is_never_editable_nor_reopened(
    client, accepted, coordinator, lead_staff
):
    with pytest.raises(services.ReportStateError):
        write(accepted, coordinator, achievements="Changed")
    with pytest.raises(services.ReportStateError):
        services.reopen_report(
            report=accepted, user=lead_staff, expected_version=accepted.version, comment="x"
        )
    client.force_login(lead_staff)
    response = client.post(
        report_url(accepted) + "review/",
        {"action": "reopen", "comment": "again", "version": accepted.version},
    )
    assert response.status_code == 409
    accepted.refresh_from_db()
    assert accepted.status == Status.ACCEPTED


def test_accepting_a_report_that_is_not_submitted_is_refused(client, draft, lead_staff):
    client.force_login(lead_staff)
    response = client.post(
        report_url(draft) + "review/", {"action": "accept", "version": draft.version}
    )
    assert response.status_code == 409
    assert "not submitted" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert ReportTransition.objects.filter(report=draft).count() == 1


def test_only_lead_staff_review(submitted, coordinator, lead_expert):
    for person in (coordinator, lead_expert):
        with pytest.raises(PermissionDenied):
            services.accept_report(
                report=submitted, user=person, expected_version=submitted.version
            )
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_reopening_needs_a_comment(submitted, lead_staff):
    with pytest.raises(ValidationError):
        services.reopen_report(
            report=submitted, user=lead_staff, expected_version=submitted.version, comment=" "
        )


def test_lead_staff_do_not_write_city_reports(period, city, lead_staff):
    with pytest.raises(PermissionDenied):
        services.open_report(period=period, city=city, user=lead_staff)


def test_after_final_reporting_closes_a_report_is_not_reopened(submitted, lead_staff, network):
    import datetime as dt

    from django.utils import timezone

    network.start_date = timezone.localdate() - dt.timedelta(days=800)
    network.end_date = timezone.localdate() - dt.timedelta(days=200)
    network.save()
    with pytest.raises(services.ReportStateError):
        services.reopen_report(
            report=submitted, user=lead_staff, expected_version=submitted.version, comment="More"
        )
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    # Accepting what the city sent in is still possible.
    services.accept_report(report=submitted, user=lead_staff, expected_version=submitted.version)
