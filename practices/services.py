"""Writes to progress data: steps, deliverables, their files and comments.

Each function checks that the person may make the change (views check too: this is the last
line of defence), validates with ``full_clean()`` and writes in one transaction. Edits of steps
and deliverables are optimistic (``common.locking``): the caller passes the version the person
started from, and the save is refused (``StaleError``) when somebody else got there first.
"""

import logging
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from cities.selectors import follows_whole_network
from common.locking import save_versioned

from .models import (
    Deliverable,
    DeliverableUpload,
    StepComment,
    StepEvidence,
    Transfer,
    TransferStep,
)
from .selectors import (
    deliverables_editable_by,
    evidence_editable_by,
    steps_editable_by,
    steps_visible_to,
    transfers_editable_by,
)
from .uploads import check_upload

logger = logging.getLogger(__name__)


def _require(queryset, pk: int) -> None:
    if not queryset.filter(pk=pk).exists():
        raise PermissionDenied


def _save_versioned(scope, obj, *, user, expected_version: int, changes: dict, related: list):
    """Checks the person may edit ``obj``, then saves it from ``expected_version`` (StaleError
    when somebody else saved it first)."""
    _require(scope, obj.pk)
    return save_versioned(
        obj, user=user, expected_version=expected_version, changes=changes, related=related
    )


@transaction.atomic
def update_step(
    *,
    step: TransferStep,
    user,
    expected_version: int,
    status: str,
    progress: int,
    due_date: date | None,
    notes: str,
) -> TransferStep:
    return _save_versioned(
        steps_editable_by(user),
        step,
        user=user,
        expected_version=expected_version,
        changes={"status": status, "progress": progress, "due_date": due_date, "notes": notes},
        related=["transfer__city__network"],
    )


@transaction.atomic
def create_step(
    *,
    transfer: Transfer,
    user,
    phase: str,
    title: str,
    due_date: date | None,
    status: str = TransferStep.Status.PLANNED,
    progress: int = 0,
    notes: str = "",
) -> TransferStep:
    _require(transfers_editable_by(user), transfer.pk)
    last = TransferStep.objects.filter(transfer=transfer, phase=phase).aggregate(Max("order"))
    step = TransferStep(
        transfer=transfer,
        phase=phase,
        title=title,
        due_date=due_date,
        status=status,
        progress=progress,
        notes=notes,
        order=(last["order__max"] or 0) + 1,
        updated_by=user,
    )
    step.full_clean()
    step._history_user = user
    step.save()
    return step


def _store_file(model, *, upload: UploadedFile, user, **fields):
    """Checks the upload's content and keeps it under a random name in private storage."""
    checked = check_upload(upload)
    # The stored name takes its extension from the content, never from the uploader.
    upload.name = f"upload.{checked.extension}"
    stored = model(
        file=upload,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=user,
        **fields,
    )
    stored.full_clean()
    try:
        # The file is written first, then the row: whichever fails, neither stays.
        with transaction.atomic():
            stored.save()
    except OSError as error:
        logger.error("Private storage refused an upload: %s", error)
        raise ValidationError(
            {
                "file": ValidationError(
                    _(
                        "The file could not be stored (the server's storage is full or "
                        "unavailable). Nothing was saved; please try again later."
                    ),
                    code="storage_unavailable",
                )
            }
        ) from error
    except Exception:
        if stored.file and getattr(stored.file, "_committed", False):
            stored.file.storage.delete(stored.file.name)
        raise
    return stored


@transaction.atomic
def add_evidence(
    *, step: TransferStep, user, upload: UploadedFile, description: str = ""
) -> StepEvidence:
    _require(steps_editable_by(user), step.pk)
    return _store_file(StepEvidence, upload=upload, user=user, step=step, description=description)


@transaction.atomic
def delete_evidence(*, evidence: StepEvidence, user) -> None:
    _require(evidence_editable_by(user), evidence.pk)
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def add_comment(*, step: TransferStep, user, body: str) -> StepComment:
    """Comments are the lead expert's and lead staff's, on any step they see (not a change
    of the city's data, so not under the write rule, which would refuse the lead expert)."""
    network_id = step.transfer.city.network_id
    if not follows_whole_network(user, network_id):
        raise PermissionDenied
    _require(steps_visible_to(user, network_id), step.pk)
    comment = StepComment(step=step, author=user, body=body.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def update_deliverable(
    *,
    deliverable: Deliverable,
    user,
    expected_version: int,
    status: str,
    due_date: date,
) -> Deliverable:
    return _save_versioned(
        deliverables_editable_by(user),
        deliverable,
        user=user,
        expected_version=expected_version,
        changes={"status": status, "due_date": due_date},
        related=["network", "city"],
    )


@transaction.atomic
def upload_deliverable_file(
    *, deliverable: Deliverable, user, upload: UploadedFile
) -> DeliverableUpload:
    """Keeps every upload; the newest becomes the deliverable's file, which its history shows."""
    _require(deliverables_editable_by(user), deliverable.pk)
    stored = _store_file(DeliverableUpload, upload=upload, user=user, deliverable=deliverable)
    try:
        current = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
        current.file.name = stored.file.name
        current.version += 1
        current.updated_by = user
        current._history_user = user
        current.save()
    except Exception:
        stored.file.storage.delete(stored.file.name)  # the rows go with the transaction
        raise
    return stored
