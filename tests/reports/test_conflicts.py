"""Two people editing one draft: the second save is refused, told what changed, and keeps its
text."""

import pytest

from common.locking import StaleError
from reports import services
from reports.models import CityReport
from tests.factories import MembershipFactory, UserFactory

from .conftest import report_url, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_coordinator(city):
    user = UserFactory(email="second@example.org", full_name="Second Writer")
    MembershipFactory(user=user, city=city)
    return user


def test_the_second_save_is_told_what_changed(client, draft, coordinator, second_coordinator):
    opened_at = draft.version
    write(draft, second_coordinator, achievements="Their version of events.")
    client.force_login(coordinator)
    response = client.post(
        report_url(draft),
        {
            "achievements": "My version.",
            "difficulties": "",
            "next_steps": "Later.",
            "version": opened_at,
            "action": "submit",
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Changed by someone else while you were editing" in page
    assert "Second Writer" in page
    assert "Their version of events." in page  # what they saved
    assert "My version." in page  # and this person's text, still in the form
    report = CityReport.objects.get(pk=draft.pk)
    assert (report.status, report.achievements) == ("draft", "Their version of events.")
    # Saving again from the version now shown is a choice, and it works.
    response = client.post(
        report_url(draft),
        {
            "achievements": "My version.",
            "next_steps": "Later.",
            "version": report.version,
            "action": "save",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.achievements == "My version."


def test_the_service_refuses_a_stale_version(draft, coordinator):
    write(draft, coordinator)
    with pytest.raises(StaleError):
        services.save_report(
            report=draft,
            user=coordinator,
            expected_version=1,
            achievements="late",
            difficulties="",
            next_steps="",
        )
