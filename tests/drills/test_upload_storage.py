"""Drill: the private storage fills up, or cannot be written, in the middle of an upload.

The person is told in their language and may try again; the database has no row without its
file and the disk no file without its row (not even the half that was written).
"""

import contextlib
import resource
import signal
from html import escape
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from cities.models import Membership
from practices.models import DeliverableUpload, StepEvidence
from tests.factories import (
    DeliverableFactory,
    MembershipFactory,
    TransferFactory,
    TransferStepFactory,
    UserFactory,
)
from tests.workspace import files

pytestmark = [pytest.mark.drill, pytest.mark.django_db]

FULL_AT = 1024 * 1024  # the disk is full once this many bytes of the file are written
UPLOAD_SIZE = 2 * 1024 * 1024  # below FILE_UPLOAD_MAX_MEMORY_SIZE: the upload itself is in memory


@contextlib.contextmanager
def disk_full_after(size: int):
    """The kernel refuses to grow any file of this process past ``size`` bytes (EFBIG)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous_handler)


@pytest.fixture
def coordinator_with_work(city):
    user = UserFactory(email="uploader@example.org", preferred_language="el")
    MembershipFactory(user=user, city=city, role=Membership.Role.CITY_COORDINATOR)
    step = TransferStepFactory(transfer=TransferFactory(city=city), status="in_progress")
    deliverable = DeliverableFactory(city=city, network=city.network)
    return user, step, deliverable


def _uploads(step, deliverable):
    return {
        "evidence": (
            reverse("workspace:evidence_upload", kwargs={"pk": step.pk}),
            StepEvidence.objects.filter(step=step),
        ),
        "deliverable": (
            reverse("workspace:deliverable_upload", kwargs={"pk": deliverable.pk}),
            DeliverableUpload.objects.filter(deliverable=deliverable),
        ),
    }


def _stored_files(settings) -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _refusal() -> str:
    with translation.override("el"):
        return escape(
            translation.gettext(
                "The file could not be stored (the server's storage is full or "
                "unavailable). Nothing was saved; please try again later."
            )
        )


@pytest.mark.parametrize("upload", ["evidence", "deliverable"])
@pytest.mark.parametrize("fault", ["disk full", "unwritable folder"])
def test_a_failing_storage_keeps_rows_and_files_together(
    client, settings, tmp_path, coordinator_with_work, upload, fault
):
    user, step, deliverable = coordinator_with_work
    url, rows = _uploads(step, deliverable)[upload]
    client.force_login(user)
    healthy_root = Path(settings.PRIVATE_MEDIA_ROOT)

    if fault == "disk full":
        with disk_full_after(FULL_AT):
            response = client.post(url, {"file": files.pdf("plan.pdf", size=UPLOAD_SIZE)})
    else:
        # Where the folder should be there is a file: no one, root included, can write there.
        blocker = tmp_path / "storage-gone"
        blocker.write_text("not a folder")
        settings.PRIVATE_MEDIA_ROOT = blocker / "private"
        response = client.post(url, {"file": files.pdf("plan.pdf", size=UPLOAD_SIZE)})

    assert response.status_code == 200  # the form again, with the reason
    assert _refusal() in response.content.decode()
    assert not rows.exists()
    assert _stored_files(settings) == []  # not even the megabyte written before the disk filled

    # Space freed, storage back: the same upload goes through, its row and file together.
    settings.PRIVATE_MEDIA_ROOT = healthy_root
    response = client.post(url, {"file": files.pdf("plan.pdf", size=UPLOAD_SIZE)})
    assert response.status_code == 302
    (stored,) = rows
    (on_disk,) = _stored_files(settings)
    assert on_disk == healthy_root / stored.file.name
    assert on_disk.stat().st_size == UPLOAD_SIZE
