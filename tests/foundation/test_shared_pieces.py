"""The pieces every app shares, built once: optimistic locking (common/locking.py) and signed
links in emails (common/tokens.py)."""

import ast
import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import timezone, translation

from common.locking import StaleError, Versioned, changes_since, save_versioned
from common.tokens import ExpiredLink
from meetings.tokens import read_rsvp_token, rsvp_token
from notifications.tokens import read_unsubscribe_token, unsubscribe_token
from practices.models import Deliverable, TransferStep
from registrations.tokens import (
    confirm_token,
    manage_token,
    read_confirm_token,
    read_manage_token,
)
from reports.models import CityReport, ReportingPeriod
from tests.factories import TransferStepFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]


def _code_files():
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", "tests", "var", "build", "node_modules"} or "migrations" in parts:
            continue
        yield path


# --- Optimistic locking -----------------------------------------------------------------------


def test_steps_deliverables_and_reports_lock_with_the_one_piece():
    assert all(issubclass(model, Versioned) for model in (TransferStep, Deliverable, CityReport))
    stale_errors = [
        f"{path.relative_to(ROOT)}:{node.name}"
        for path in _code_files()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ClassDef) and node.name.startswith("Stale")
    ]
    assert stale_errors == ["common/locking.py:StaleError"]


@pytest.mark.django_db
def test_a_save_from_an_older_version_is_refused_and_told_who_changed_what():
    first = UserFactory(full_name="Maria Esposito")
    second = UserFactory(full_name="Giulia Rossi")
    step = TransferStepFactory(progress=10, notes="")
    opened_at = step.version

    saved = save_versioned(
        step, user=first, expected_version=opened_at, changes={"progress": 50, "notes": "Agreed"}
    )
    assert (saved.version, saved.progress, saved.updated_by) == (opened_at + 1, 50, first)

    with pytest.raises(StaleError) as refused:
        save_versioned(step, user=second, expected_version=opened_at, changes={"progress": 20})
    current = TransferStep.objects.get(pk=step.pk)
    assert (current.progress, current.notes, current.version) == (50, "Agreed", opened_at + 1)
    assert refused.value.obj.progress == 50  # the row as it now stands

    with translation.override("en"):
        conflict = changes_since(current, opened_at, fields=["progress", "notes"])
        assert conflict.people_display == "Maria Esposito"
        assert [(c.label, c.old, c.new) for c in conflict.changes] == [
            ("Progress (%)", "10", "50"),
            ("Notes", "—", "Agreed"),
        ]


@pytest.mark.django_db
def test_a_condition_that_no_longer_holds_refuses_the_save_too(city, coordinator, network):
    today = timezone.localdate()
    period = ReportingPeriod.objects.create(
        network=network,
        number=1,
        start_date=today - dt.timedelta(days=30),
        end_date=today,
        due_date=today + dt.timedelta(days=7),
    )
    report = CityReport.objects.create(period=period, city=city, updated_by=coordinator)
    with pytest.raises(StaleError):
        save_versioned(
            report,
            user=coordinator,
            expected_version=report.version,
            changes={"achievements": "Late"},
            conditions={"status__in": [CityReport.Status.SUBMITTED]},
        )
    report.refresh_from_db()
    assert (report.achievements, report.version) == ("", 1)


# --- Signed links -----------------------------------------------------------------------------


#: Stand-ins for two networks (links bound to a network compare its id only).
NETWORK_A, NETWORK_B = SimpleNamespace(pk=1), SimpleNamespace(pk=2)


def test_every_kind_of_link_reads_back_what_it_was_made_with():
    assert read_rsvp_token(rsvp_token(participation_id=7, answer="declined")) == (7, "declined")
    unsubscribe = unsubscribe_token(user_id=3, kind="daily_digest", network=NETWORK_A)
    assert read_unsubscribe_token(unsubscribe, network=NETWORK_A) == (3, "daily_digest")
    assert read_confirm_token(confirm_token(registration_id=5)) == 5
    assert read_manage_token(manage_token(registration_id=5, code="K7Q2")) == (5, "K7Q2")


def test_a_link_made_for_one_purpose_or_altered_opens_nothing():
    confirm = confirm_token(registration_id=5)
    assert read_manage_token(confirm) is None  # another kind's salt
    unsubscribe = unsubscribe_token(user_id=7, kind="daily_digest", network=NETWORK_A)
    assert read_rsvp_token(unsubscribe) is None
    assert read_confirm_token(confirm[:-2] + ("AA" if confirm[-2:] != "AA" else "BB")) is None
    wrong_kind = unsubscribe_token(user_id=3, kind="not-a-kind", network=NETWORK_A)
    assert read_unsubscribe_token(wrong_kind, network=NETWORK_A) is None
    # A link made for one network opens nothing on another network's host.
    assert read_unsubscribe_token(unsubscribe, network=NETWORK_B) is None


def test_a_confirmation_link_expires(settings):
    settings.REGISTRATION_CONFIRM_HOURS = 2
    token = confirm_token(registration_id=5)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)
    with time_machine.travel(later), pytest.raises(ExpiredLink):
        read_confirm_token(token)
    # The personal link lasts as long as the registration.
    manage = manage_token(registration_id=5, code="K7Q2")
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=400)):
        assert read_manage_token(manage) == (5, "K7Q2")


def test_links_are_signed_in_one_place():
    signing_outside = [
        str(path.relative_to(ROOT))
        for path in _code_files()
        if "signing.dumps" in path.read_text() or "signing.loads" in path.read_text()
    ]
    assert signing_outside == ["common/tokens.py"]


# --- One email path ---------------------------------------------------------------------------


def test_every_email_leaves_through_the_outbox():
    """Only the outbox talks to the mail backend; every other app queues a row."""
    senders = sorted(
        str(path.relative_to(ROOT))
        for path in _code_files()
        if path.parts[len(ROOT.parts)] not in {"notifications", "citisense"}
        and any(
            needle in path.read_text()
            for needle in ("django.core.mail", "send_mail(", "send_mass_mail(", "mail_admins(")
        )
    )
    # allauth's adapter overrides send_mail to queue the row instead of sending.
    assert senders == ["accounts/adapters.py"]
    assert "queue_email(" in (ROOT / "accounts" / "adapters.py").read_text()
