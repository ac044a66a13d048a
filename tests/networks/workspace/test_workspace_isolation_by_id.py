"""Lead staff of network B, on B's host, ask for network A's objects by id: every page, file
and export answers 404 and every form changes nothing. On A's host they have no role at all.
"""

import pytest
from django.urls import reverse

from indicators.models import Measurement, Series
from meetings.models import Meeting
from practices.models import Deliverable, StepComment, StepEvidence, TransferStep
from registrations.models import Registration
from reports.models import CityReport, ReportingPeriod
from tests.networks.workspace.world import World
from ulg.models import Organisation, Outcome

pytestmark = pytest.mark.django_db


def pages_of(a: World) -> list[str]:
    """Every workspace address that names one of A's objects by id."""
    return [
        reverse("workspace:step_detail", args=[a.step.pk]),
        reverse("workspace:step_edit", args=[a.step.pk]),
        reverse("workspace:evidence_download", args=[a.evidence.pk]),
        reverse("workspace:deliverable_detail", args=[a.deliverable.pk]),
        reverse("workspace:deliverable_edit", args=[a.deliverable.pk]),
        reverse("workspace:deliverable_download", args=[a.upload.pk]),
        reverse("workspace:step_add") + f"?transfer={a.step.transfer_id}",
        reverse("ulg:organisation_edit", args=[a.organisation.pk]),
        reverse("ulg:organisation_delete", args=[a.organisation.pk]),
        reverse("ulg:closeout", args=[a.meeting.pk]),
        reverse("ulg:outcome_edit", args=[a.outcome.pk]),
        reverse("reports:period", args=[a.period.pk]),
        reverse("reports:period_edit", args=[a.period.pk]),
        reverse("reports:network_pdf", args=[a.period.pk]),
        reverse("reports:network_xlsx", args=[a.period.pk]),
        reverse("reports:city_report", args=[a.period.pk, a.city.slug]),
        reverse("reports:submit", args=[a.period.pk, a.city.slug]),
        reverse("workspace_indicators:detail", args=[a.indicator.pk, a.city.pk]),
        reverse("workspace_indicators:evidence", args=[a.measurement.pk]),
        reverse("workspace_meetings:detail", args=[a.meeting.pk]),
        reverse("workspace_meetings:edit", args=[a.meeting.pk]),
        reverse("workspace_meetings:cancel", args=[a.meeting.pk]),
        reverse("workspace_meetings:minutes", args=[a.meeting.pk]),
        reverse("workspace_meetings:calendar", args=[a.meeting.pk]),
        reverse("registrations_organise:settings", args=[a.meeting.pk]),
        reverse("registrations_organise:door", args=[a.meeting.pk]),
        reverse("registrations_organise:export", args=[a.meeting.pk, "csv"]),
        reverse("registrations_organise:export", args=[a.meeting.pk, "xlsx"]),
    ]


def snapshot(a: World) -> dict:
    """What a forbidden change would alter."""
    step = TransferStep.objects.get(pk=a.step.pk)
    return {
        "step": (step.status, step.progress, step.notes, step.version),
        "deliverable": Deliverable.objects.values_list("status", "due_date", "version").get(
            pk=a.deliverable.pk
        ),
        "evidence": StepEvidence.objects.filter(step=a.step).count(),
        "comments": StepComment.objects.filter(step=a.step).count(),
        "organisations": list(
            Organisation.objects.filter(city=a.city).values_list("name", "sector")
        ),
        "outcomes": list(Outcome.objects.filter(meeting=a.meeting).values_list("text", "status")),
        "meeting": Meeting.objects.values_list("status", "title_en").get(pk=a.meeting.pk),
        "registration": Registration.objects.values_list("status", "checked_in_at").get(
            pk=a.registration.pk
        ),
        "periods": list(ReportingPeriod.objects.filter(network=a.network).values_list("due_date")),
        "report": CityReport.objects.values_list("status", "achievements", "version").get(
            pk=a.report.pk
        ),
        "series": list(
            Series.objects.filter(indicator=a.indicator).values_list("baseline_value", "city")
        ),
        "measurements": Measurement.objects.filter(series__indicator=a.indicator).count(),
        "closing_date": type(a.network).objects.get(pk=a.network.pk).closing_date,
    }


def forms_of(a: World, b: World) -> list[tuple[str, dict]]:
    """Every workspace form that would change one of A's objects, filled in."""
    step = TransferStep.objects.get(pk=a.step.pk)
    deliverable = Deliverable.objects.get(pk=a.deliverable.pk)
    report = CityReport.objects.get(pk=a.report.pk)
    return [
        (
            reverse("workspace:step_edit", args=[a.step.pk]),
            {"version": step.version, "status": "done", "progress": 100, "notes": "taken"},
        ),
        (reverse("workspace:comment_add", args=[a.step.pk]), {"body": "From B"}),
        (reverse("workspace:evidence_delete", args=[a.evidence.pk]), {}),
        (
            reverse("workspace:deliverable_edit", args=[a.deliverable.pk]),
            {"version": deliverable.version, "status": "done", "due_date": "2030-01-01"},
        ),
        # A's transfer chosen in B's "add a step" form is not a choice.
        (
            reverse("workspace:step_add"),
            {"transfer": a.step.transfer_id, "phase": "understand", "title": "Planted"},
        ),
        (
            reverse("ulg:organisation_edit", args=[a.organisation.pk]),
            {"name": "Renamed", "sector": "business", "city": a.city.pk},
        ),
        (reverse("ulg:organisation_delete", args=[a.organisation.pk]), {}),
        (reverse("ulg:attendance", args=[a.meeting.pk]), {"people": 3}),
        (reverse("ulg:outcome_add", args=[a.meeting.pk]), {"kind": "decision", "text": "B's"}),
        (reverse("ulg:outcome_delete", args=[a.outcome.pk]), {}),
        (reverse("workspace_meetings:cancel", args=[a.meeting.pk]), {}),
        (reverse("workspace_meetings:invite", args=[a.meeting.pk]), {"people": [b.lead.pk]}),
        (
            reverse("registrations_organise:check_in", args=[a.meeting.pk, a.registration.pk]),
            {},
        ),
        (
            reverse("registrations_organise:check_in_by_code", args=[a.meeting.pk]),
            {"code": a.registration.check_in_code},
        ),
        (
            reverse("reports:period_edit", args=[a.period.pk]),
            {"number": 1, "start_date": "2020-01-01", "end_date": "2020-02-01"},
        ),
        (
            reverse("reports:city_report", args=[a.period.pk, a.city.slug]),
            {"action": "save", "version": report.version, "achievements": "B wrote this"},
        ),
        (
            reverse("reports:review", args=[a.period.pk, a.city.slug]),
            {"action": "accept", "version": report.version},
        ),
        (
            reverse("workspace_indicators:detail", args=[a.indicator.pk, a.city.pk]),
            {"action": "baseline", "baseline_value": "99", "target_value": "100"},
        ),
        (
            reverse("workspace_indicators:detail", args=[a.indicator.pk, a.city.pk]),
            {"value": "1", "measured_on": "2026-01-01"},
        ),
    ]


def test_as_lead_staff_of_b_every_page_of_as_objects_is_not_found(client, a, b, on_b):
    client.force_login(b.lead)
    for path in pages_of(a):
        assert client.get(path, **on_b).status_code == 404, path


def test_as_lead_staff_of_b_no_form_changes_as_objects(client, a, b, on_b):
    client.force_login(b.lead)
    before = snapshot(a)
    for path, data in forms_of(a, b):
        response = client.post(path, data, **on_b)
        assert response.status_code == 404, path
    assert snapshot(a) == before
    assert not TransferStep.objects.filter(title="Planted").exists()


def test_bs_own_objects_are_found_on_bs_host(client, a, b, on_b):
    """The same addresses with B's own ids are found (some then refuse lead staff, 403, or
    send them on, 302): the 404s above are the network's doing."""
    client.force_login(b.lead)
    for path in pages_of(b):
        assert client.get(path, **on_b).status_code in (200, 302, 403), path


def test_on_as_host_lead_staff_of_b_have_no_role(client, a, b):
    client.force_login(b.lead)
    before = snapshot(a)
    for path in pages_of(a):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "You have no role in this network" in response.content.decode()
    for path, data in forms_of(a, b):
        assert client.post(path, data).status_code == 403, path
    assert client.post(reverse("workspace:closing_date"), {"closing_date": ""}).status_code == 403
    assert snapshot(a) == before


def test_bs_network_level_forms_leave_a_alone(client, a, b, on_b):
    """Lead staff of B setting B's closing date and adding B's period change nothing of A."""
    client.force_login(b.lead)
    before = snapshot(a)
    client.post(reverse("workspace:closing_date"), {"closing_date": ""}, **on_b)
    client.post(
        reverse("reports:period_add"),
        {
            "number": 2,
            "start_date": b.network.start_date.isoformat(),
            "end_date": b.network.end_date.isoformat(),
            "due_date": b.network.end_date.isoformat(),
        },
        **on_b,
    )
    assert snapshot(a) == before
