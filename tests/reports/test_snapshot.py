"""What a draft shows follows the portal; what was submitted never moves."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from practices.models import DeliverableUpload
from tests.workspace import files
from tests.workspace.helpers import save_step

from .conftest import report_url, write

pytestmark = pytest.mark.django_db


def steps_section(report):
    return next(s for s in report.snapshot["sections"] if s["key"] == "steps")["data"]["rows"]


def test_the_draft_is_prefilled_from_the_period(client, period, city, step, coordinator):
    from practices import services as practice_services

    save_step(step, coordinator, progress=70)
    practice_services.add_evidence(step=step, user=coordinator, upload=files.pdf("photos.pdf"))
    client.force_login(coordinator)
    page = client.get(report_url(period, city)).content.decode()
    # Before the report is started the facts are already shown, read live.
    assert step.title in page
    assert "photos.pdf" in page
    assert "40% → 70%" in page
    assert "Safe playgrounds" in page


def test_the_snapshot_does_not_move_when_a_step_changes(client, draft, step, coordinator):
    save_step(step, coordinator, progress=70)
    report = write(draft, coordinator, submit=True)
    frozen = report.snapshot
    (row,) = steps_section(report)
    assert (row["old_progress"], row["new_progress"]) == (40, 70)

    save_step(step, coordinator, progress=90)
    report.refresh_from_db()
    assert report.snapshot == frozen
    client.force_login(coordinator)
    page = client.get(report_url(report)).content.decode()
    assert "40% → 70%" in page
    assert "90%" not in page


def test_a_reopened_report_reads_the_portal_again(draft, step, coordinator, lead_staff):
    from reports import services

    save_step(step, coordinator, progress=70)
    report = write(draft, coordinator, submit=True)
    report = services.reopen_report(
        report=report, user=lead_staff, expected_version=report.version, comment="More please"
    )
    save_step(step, coordinator, progress=90)
    report = write(report, coordinator, submit=True)
    (row,) = steps_section(report)
    assert row["new_progress"] == 90


def test_changes_after_the_period_are_left_out(draft, step, coordinator):
    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        save_step(step, coordinator, progress=70)
    report = write(draft, coordinator, submit=True)
    assert steps_section(report) == []


def test_a_step_added_in_the_period_shows_as_new(draft, city, practice, coordinator):
    from tests.factories import TransferStepFactory

    added = TransferStepFactory(transfer=step_transfer(city, practice), progress=10)
    report = write(draft, coordinator, submit=True)
    (row,) = steps_section(report)
    assert (row["step_id"], row["old_status"], row["new_progress"]) == (added.pk, None, 10)


def step_transfer(city, practice):
    from tests.factories import TransferFactory

    return TransferFactory(city=city, practice=practice)


def test_deliverable_files_of_the_period(draft, city, coordinator):
    from practices import services as practice_services
    from tests.factories import DeliverableFactory

    deliverable = DeliverableFactory(city=city, network=city.network)
    practice_services.upload_deliverable_file(
        deliverable=deliverable, user=coordinator, upload=files.pdf("plan.pdf")
    )
    assert DeliverableUpload.objects.count() == 1
    report = write(draft, coordinator, submit=True)
    rows = next(s for s in report.snapshot["sections"] if s["key"] == "deliverables")["data"]
    (row,) = rows["rows"]
    assert [f["name"] for f in row["files"]] == ["plan.pdf"]


def test_meetings_held_in_the_period_with_attendance(draft, city, other_city, coordinator):
    from meetings.models import Meeting
    from tests.factories import MeetingFactory, ParticipationFactory

    held_at = timezone.now() - dt.timedelta(days=10)
    ulg = MeetingFactory(
        network=city.network,
        kind=Meeting.Kind.LOCAL_ULG,
        host_city=city,
        title_en="Local group, spring",
        title_el="Τοπική ομάδα, άνοιξη",
        start=held_at,
        minutes_summary_en="Agreed on three pilot streets.",
    )
    ParticipationFactory(meeting=ulg, user=coordinator, rsvp="attending")
    invited = MeetingFactory(network=city.network, host_city=other_city, start=held_at)
    ParticipationFactory(meeting=invited, user=coordinator)
    MeetingFactory(network=city.network, host_city=other_city, start=held_at)  # not ours
    MeetingFactory(network=city.network, host_city=city, start=held_at, status="cancelled")
    MeetingFactory(network=city.network, host_city=city)  # still to come
    report = write(draft, coordinator, submit=True)
    data = next(s for s in report.snapshot["sections"] if s["key"] == "meetings")["data"]
    (local,) = data["ulg"]
    assert local["title"]["el"] == "Τοπική ομάδα, άνοιξη"
    # No close-out recorded yet: the answers to the invitation and the minutes stand in.
    assert local["attendance"] is None
    assert local["rsvp"] == {"people": 1, "from_city": 1}
    assert local["minutes"]["en"] == "Agreed on three pilot streets."
    assert [row["meeting_id"] for row in data["other"]] == [invited.pk]
