"""Writes of the notifications app: the email outbox (exactly-once sending) and preferences.

How an email is sent exactly once:

1. ``queue_email`` inserts an ``OutboundEmail`` row under the unique key
   (kind, object, recipient, occasion). A second job, a second beat process or a duplicate task
   trying the same key hits the unique index and queues nothing.
2. After the row is committed, ``send_email`` (a Celery task taking the row's id) is queued.
3. ``deliver_email`` claims the row with ``SELECT … FOR UPDATE SKIP LOCKED`` and moves it from
   queued/retrying to *sending* in its own committed transaction, then talks to SMTP. A duplicate
   task finds the row locked or no longer sendable and does nothing.
4. Just before the message itself goes to SMTP (the DATA command) the row moves to *handed
   over*, committed, and only if it is still this attempt's claim (notifications/smtp.py).
5. Only after SMTP accepted the message is the row marked *sent*. An SMTP refusal puts it back
   to *retrying* (the task retries with exponential backoff) and, after the last attempt,
   *failed*.

A worker killed before step 4 leaves the row in *sending*: nothing reached SMTP, so
``dispatch_stalled`` sends it again once ``NOTIFICATIONS_STALLED_AFTER_SECONDS`` have passed (the
late worker, if it was only slow, finds its claim gone at step 4 and stops). A worker killed
after step 4, or a connection lost there, leaves *handed over*: SMTP may have it, so it is never
sent again automatically (an administrator may requeue it). Rows still queued or retrying when a
worker dies are picked up again by the redelivered task or by ``dispatch_stalled``.
"""

import datetime as dt
import logging
import secrets
import smtplib

from celery import current_app
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from .emails import ComposedEmail, message_for
from .models import NotificationPreferences, OutboundEmail

logger = logging.getLogger(__name__)

Status = OutboundEmail.Status


class DeliveryFailed(Exception):
    """SMTP refused or failed; the row is waiting for a retry, due in ``retry_in`` seconds."""

    def __init__(self, message: str, *, retry_in: float = 0):
        super().__init__(message)
        self.retry_in = retry_in


class Superseded(Exception):
    """This attempt's claim was taken over (it was thought lost); it must not send."""


def max_attempts() -> int:
    return settings.NOTIFICATIONS_MAX_ATTEMPTS


def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential backoff: 1, 2, 4 … minutes, at most an hour."""
    base = settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


# --- The outbox -------------------------------------------------------------------------------


#: The Celery task that sends one row (tasks.py), named rather than imported: the tasks call
#: these services, never the other way round.
SEND_EMAIL_TASK = "notifications.tasks.send_email"

#: What stays of an email with a personal link once it was sent (an audit note, like last_error).
ERASED = "(Erased after sending: the email carried a personal link.)"


def dispatch(email_id: int) -> None:
    current_app.tasks[SEND_EMAIL_TASK].delay(email_id)


def _dispatch_after_commit(email_id: int) -> None:
    # robust: a broker that is down must not undo the request; the row stays queued and
    # dispatch_stalled sends it later.
    transaction.on_commit(lambda: dispatch(email_id), robust=True)


def queue_email(
    *,
    network,
    kind: str,
    object_key: str,
    recipient,
    occasion: str,
    composed: ComposedEmail,
    erase_after_sending: bool = False,
) -> int | None:
    """Record an email under its unique key and send it after commit.

    ``network`` is the network of what the email is about (composed for it, see
    ``emails.compose``); the row records it. ``recipient`` is a user, or None for an address
    without an account (``composed.to_email`` is then part of the key). ``erase_after_sending``
    for an email carrying a personal link: its text leaves the database once the mail server
    has it. Returns the new row's id, or None when an email with this key already exists or the
    network is closed (a closed network sends nothing).
    """
    if network is None:
        raise ValueError("An email is always about one network's work.")
    if network.is_closed:
        return None  # a closed network sends no email of any kind
    attachment = composed.attachment
    email = OutboundEmail(
        network=network,
        kind=kind,
        object_key=object_key,
        recipient=recipient if getattr(recipient, "pk", None) else None,
        occasion=occasion,
        to_email=composed.to_email,
        language=composed.language,
        subject=composed.subject,
        body_text=composed.text,
        body_html=composed.html,
        headers=composed.headers,
        attachment_name=attachment.name if attachment else "",
        attachment_type=attachment.mimetype if attachment else "",
        attachment_content=attachment.content if attachment else "",
        erase_after_sending=erase_after_sending,
    )
    # The unique index is the claim, checked by the insert below even under concurrency.
    email.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            email.save()
    except IntegrityError:
        return None
    _dispatch_after_commit(email.pk)
    return email.pk


def existing_keys(
    *, kind: str, object_keys=None, occasion: str | None = None
) -> set[tuple[str, int, str]]:
    """(object_key, recipient id, occasion) of emails of ``kind`` already recorded.

    Jobs use it to skip composing emails that exist; the unique index still has the last word.
    """
    rows = OutboundEmail.objects.filter(kind=kind)
    if object_keys is not None:
        rows = rows.filter(object_key__in=object_keys)
    if occasion is not None:
        rows = rows.filter(occasion=occasion)
    return set(rows.values_list("object_key", "recipient_id", "occasion"))


def _claim(email_id: int) -> OutboundEmail | None:
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("network")
            .filter(pk=email_id, status__in=OutboundEmail.SENDABLE)
            .first()
        )
        if email is None:
            return None
        email.status = Status.SENDING
        email.attempts += 1
        email.claimed_at = timezone.now()
        email.save(update_fields=["status", "attempts", "claimed_at"])
    return email


def _hand_over(email: OutboundEmail) -> None:
    taken = OutboundEmail.objects.filter(
        pk=email.pk, status=Status.SENDING, claimed_at=email.claimed_at
    ).update(status=Status.HANDED_OVER)
    if not taken:
        raise Superseded(f"Email {email.pk} was taken over by another attempt.")


def deliver_email(*, email_id: int) -> bool:
    """Send one recorded email if nobody has; True when this call sent it.

    Raises DeliveryFailed when SMTP failed and another attempt is due. Call it outside any
    transaction, so that the claim and the hand-over are committed before SMTP hears of them.
    """
    email = _claim(email_id)
    if email is None:
        return False
    # Every later write is about this attempt only, never about one that took over from it.
    this_attempt = OutboundEmail.objects.filter(
        pk=email.pk,
        claimed_at=email.claimed_at,
        status__in=[Status.SENDING, Status.HANDED_OVER],
    )
    message = message_for(email)
    message.before_data = lambda: _hand_over(email)
    try:
        message.send(fail_silently=False)
    except Superseded:
        logger.warning("Email %s: another attempt took over; this one stops.", email.pk)
        return False
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"[:2000]
        if getattr(message, "handed_over", False) and not isinstance(
            error, smtplib.SMTPResponseException
        ):
            # The server may have the message and no answer came back: never risk a duplicate.
            this_attempt.update(status=Status.HANDED_OVER, last_error=reason)
            logger.error("Email %s: outcome unknown after hand-over: %s", email.pk, error)
            return False
        final = email.attempts >= max_attempts()
        delay = retry_delay(email.attempts)
        this_attempt.update(
            status=Status.FAILED if final else Status.RETRYING,
            last_error=reason,
            next_attempt_at=None if final else timezone.now() + delay,
        )
        logger.warning(
            "Email %s to %s failed (attempt %s): %s",
            email.pk,
            email.to_email,
            email.attempts,
            error,
        )
        if final:
            return False
        raise DeliveryFailed(str(error), retry_in=delay.total_seconds()) from error
    erased = (
        {"body_text": ERASED, "body_html": "", "attachment_content": ""}
        if email.erase_after_sending
        else {}
    )
    this_attempt.update(
        status=Status.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None, **erased
    )
    return True


def _revive_interrupted(now: dt.datetime) -> list[int]:
    """Rows whose sender died before handing the message over wait for a retry again."""
    with transaction.atomic():
        ids = list(
            OutboundEmail.objects.interrupted(now=now)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:500]
        )
        OutboundEmail.objects.filter(pk__in=ids).update(
            status=Status.RETRYING,
            next_attempt_at=now,
            last_error="The sender stopped before handing the message to SMTP.",
        )
    if ids:
        logger.warning("Sending %s interrupted emails again: %s", len(ids), ids)
    return ids


def dispatch_stalled(*, now: dt.datetime | None = None) -> int:
    """Queue a send task again for rows whose task was lost; duplicates are harmless."""
    now = now or timezone.now()
    revived = _revive_interrupted(now)
    stalled = OutboundEmail.objects.stalled(now=now).exclude(pk__in=revived)
    ids = revived + list(stalled.values_list("pk", flat=True)[:500])
    for email_id in ids:
        try:
            dispatch(email_id)
        except Exception as error:
            # The broker is down, or (eager mode) the send failed again: the next sweep retries.
            logger.warning("Could not dispatch email %s: %s", email_id, error)
    return len(ids)


@transaction.atomic
def requeue(*, email: OutboundEmail) -> bool:
    """Let an administrator send a failed or interrupted email again."""
    updated = OutboundEmail.objects.filter(
        pk=email.pk, status__in=[Status.FAILED, Status.SENDING, Status.HANDED_OVER]
    ).update(status=Status.QUEUED, attempts=0, next_attempt_at=None)
    if updated:
        _dispatch_after_commit(email.pk)
    return bool(updated)


# --- Preferences and the personal calendar feed ------------------------------------------------


def preferences_for(user) -> NotificationPreferences:
    """The person's preferences; an unsaved row with the defaults when they never chose."""
    try:
        return user.notification_preferences
    except NotificationPreferences.DoesNotExist:
        return NotificationPreferences(user=user)


def _locked_preferences(user) -> NotificationPreferences:
    preferences, _created = NotificationPreferences.objects.select_for_update().get_or_create(
        user=user
    )
    return preferences


@transaction.atomic
def update_preferences(*, user, choices: dict[str, bool]) -> NotificationPreferences:
    preferences = _locked_preferences(user)
    allowed = set(NotificationPreferences.OPTIONAL_KINDS.values())
    for name, value in choices.items():
        if name not in allowed:
            raise ValueError(f"{name} is not a notification preference")
        setattr(preferences, name, bool(value))
    preferences.full_clean()
    preferences.save()
    return preferences


@transaction.atomic
def unsubscribe(*, user_id: int, kind: str) -> NotificationPreferences | None:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    return update_preferences(
        user=user, choices={NotificationPreferences.OPTIONAL_KINDS[kind]: False}
    )


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def regenerate_calendar_token(*, user) -> NotificationPreferences:
    """Turn the personal feed on, or give it a new address; the old address stops working."""
    preferences = _locked_preferences(user)
    preferences.calendar_token = new_calendar_token()
    preferences.calendar_token_created_at = timezone.now()
    preferences.full_clean()
    preferences.save()
    return preferences


@transaction.atomic
def revoke_calendar_token(*, user) -> NotificationPreferences:
    preferences = _locked_preferences(user)
    preferences.calendar_token = None
    preferences.calendar_token_created_at = None
    preferences.full_clean()
    preferences.save()
    return preferences
