"""Writes for reporting periods and city reports: the report's state machine.

    (none) → draft → submitted → accepted
                        ↓    ↑
                      reopened

Only the city's coordinators edit and submit, while the report is a draft or reopened and the
network is open for coordinators; only lead staff accept or reopen a submitted report (a
reopening needs a comment). Submitting freezes the pre-filled facts and the text in the
report's snapshot. Every change of state is recorded (who, when, comment) and emailed to the
other side — lead staff for a submission, the city's coordinators for an acceptance or a
reopening — in the recipient's language, once, through the notifications outbox.

Edits are optimistic, as for steps (``common.locking``): the caller passes the version the person
started from, and a save that somebody else overtook is refused (``StaleError``).
"""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cities.models import City, Network
from cities.permissions import require_lead_staff, require_writable
from common.locking import StaleError, save_versioned
from notifications.models import Kind
from notifications.services import queue_email

from . import emails, selectors
from .models import CityReport, ReportingPeriod, ReportTransition
from .prefill import build_prefill

Status = CityReport.Status


class ReportStateError(Exception):
    """The report is not in a state that allows this (e.g. accepting a draft)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- Reporting periods ------------------------------------------------------------------------


def _save_period(period: ReportingPeriod) -> ReportingPeriod:
    # The network's row is locked so that two overlapping periods cannot pass their checks at
    # the same time.
    Network.objects.select_for_update().filter(pk=period.network_id).first()
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def create_period(
    *,
    network: Network,
    user,
    number: int,
    start_date: date,
    end_date: date,
    due_date: date,
    is_demo: bool = False,
) -> ReportingPeriod:
    require_lead_staff(user, network=network)
    return _save_period(
        ReportingPeriod(
            network=network,
            number=number,
            start_date=start_date,
            end_date=end_date,
            due_date=due_date,
            is_demo=is_demo,
        )
    )


@transaction.atomic
def update_period(
    *,
    period: ReportingPeriod,
    user,
    number: int,
    start_date: date,
    end_date: date,
    due_date: date,
    is_demo: bool,
) -> ReportingPeriod:
    require_lead_staff(user, network=period.network_id)
    current = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    current.number, current.is_demo = number, is_demo
    current.start_date, current.end_date, current.due_date = start_date, end_date, due_date
    return _save_period(current)


# --- City reports -----------------------------------------------------------------------------


def _require_writer(user, city: City) -> None:
    """The city's own coordinators, under the one write rule."""
    if not selectors.is_author(user, city):
        raise PermissionDenied
    try:
        require_writable(user, city)
    except PermissionDenied:
        # Their own city's report, but its network has closed final reporting: a state the
        # page explains, not a stranger's request.
        raise ReportStateError(
            _("Final reporting has closed: the report can only be read now.")
        ) from None


def _record(report: CityReport, *, actor, from_status: str, comment: str = "") -> ReportTransition:
    transition = ReportTransition(
        report=report,
        from_status=from_status,
        to_status=report.status,
        actor=actor,
        comment=comment,
    )
    transition.full_clean()
    transition.save()
    return transition


def _notify(report: CityReport, transition: ReportTransition) -> int:
    """Emails the other side of a change of state: each recipient once per change."""
    if transition.to_status == Status.SUBMITTED:
        recipients = selectors.lead_staff_of(network=report.period.network)
    else:
        recipients = selectors.city_writers(city_ids=[report.city_id])
    queued = 0
    for recipient in recipients:
        if recipient.pk == transition.actor_id:
            continue
        queued += bool(
            queue_email(
                network=report.period.network,
                kind=Kind.REPORT_TRANSITION,
                object_key=f"report:{report.pk}",
                recipient=recipient,
                occasion=f"transition:{transition.pk}",
                composed=emails.transition(recipient, report=report, transition=transition),
            )
        )
    return queued


@transaction.atomic
def open_report(*, period: ReportingPeriod, city: City, user) -> CityReport:
    """The city's report for the period, started as a draft the first time it is opened."""
    if city.network_id != period.network_id:
        raise PermissionDenied
    _require_writer(user, city)
    report, created = CityReport.objects.get_or_create(
        period=period, city=city, defaults={"updated_by": user}
    )
    if created:
        _record(report, actor=user, from_status="")
    return report


def _save_versioned(report: CityReport, *, user, expected_version: int, states, changes):
    """Saves ``changes`` (a function changing the report) if the report is still at
    ``expected_version`` and in one of ``states``: StaleError when somebody else saved it first,
    ReportStateError when its state no longer allows the change."""
    try:
        return save_versioned(
            report,
            user=user,
            expected_version=expected_version,
            changes=changes,
            related=["period__network", "city__network"],
            conditions={"status__in": list(states)},
        )
    except StaleError as stale:
        if stale.obj.status not in states:
            raise ReportStateError(_not_allowed_message(stale.obj)) from stale
        raise


def _not_allowed_message(report: CityReport):
    if report.status == Status.ACCEPTED:
        return _("The report is accepted and can no longer be changed.")
    if report.status == Status.SUBMITTED:
        return _("The report is submitted: it can be changed only after lead staff reopen it.")
    return _("The report is not submitted, so it cannot be reviewed yet.")


def missing_sections(text: Mapping[str, str]) -> dict:
    """The sections that must be written to submit and are empty in ``text`` (the narrative's
    fields by name), each with its message."""
    errors = {}
    for name in selectors.REQUIRED_NARRATIVE:
        if not (text.get(name) or "").strip():
            label = CityReport._meta.get_field(name).verbose_name
            errors[name] = _("Write the section “%(section)s” before submitting.") % {
                "section": label
            }
    return errors


@transaction.atomic
def save_report(
    *,
    report: CityReport,
    user,
    expected_version: int,
    achievements: str,
    difficulties: str,
    next_steps: str,
    submit: bool = False,
) -> CityReport:
    """Saves the text of a draft (or reopened) report, and submits it when ``submit``."""
    _require_writer(user, report.city)
    previous = {}

    def write(current: CityReport) -> None:
        previous["status"] = current.status
        current.achievements = achievements.strip()
        current.difficulties = difficulties.strip()
        current.next_steps = next_steps.strip()
        current.language = translation.get_language() or ""
        if submit:
            errors = missing_sections(
                {name: getattr(current, name) for name in selectors.NARRATIVE_FIELDS}
            )
            if errors:
                raise ValidationError(errors)
            current.snapshot = {
                "sections": build_prefill(city=current.city, period=current.period),
                "narrative": {name: getattr(current, name) for name in selectors.NARRATIVE_FIELDS}
                | {"language": current.language},
                "taken_at": timezone.now().isoformat(),
            }
            current.status = Status.SUBMITTED
            current.submitted_at = timezone.now()

    current = _save_versioned(
        report,
        user=user,
        expected_version=expected_version,
        states=CityReport.EDITABLE,
        changes=write,
    )
    if submit:
        _notify(current, _record(current, actor=user, from_status=previous["status"]))
    return current


def _review(report: CityReport, *, user, to: str, comment: str) -> CityReport:
    require_lead_staff(user, network=report.city.network_id)

    def decide(current: CityReport) -> None:
        if to == Status.REOPENED and not current.period.network.is_writable_on():
            # The city could no longer change it (lead staff move the closing date first); the
            # transaction undoes the claim.
            raise ReportStateError(
                _("Final reporting has closed: the city could no longer change a reopened report.")
            )
        current.status = to
        if to == Status.ACCEPTED:
            current.accepted_at = timezone.now()

    current = _save_versioned(
        report,
        user=user,
        expected_version=report.version,
        states={Status.SUBMITTED},
        changes=decide,
    )
    _notify(current, _record(current, actor=user, from_status=Status.SUBMITTED, comment=comment))
    return current


@transaction.atomic
def accept_report(
    *, report: CityReport, user, expected_version: int, comment: str = ""
) -> CityReport:
    report.version = expected_version
    return _review(report, user=user, to=Status.ACCEPTED, comment=comment.strip())


@transaction.atomic
def reopen_report(*, report: CityReport, user, expected_version: int, comment: str) -> CityReport:
    if not comment.strip():
        raise ValidationError(
            {"comment": _("Say what is missing, so the city knows what to change.")}
        )
    report.version = expected_version
    return _review(report, user=user, to=Status.REOPENED, comment=comment.strip())
