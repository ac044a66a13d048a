"""Evidence and deliverable files: checked by content, at most 10 MB, private, served only by
the permission-checking views."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from practices.models import DeliverableUpload, StepEvidence
from tests.workspace import files
from tests.workspace.helpers import html, snapshot

pytestmark = pytest.mark.django_db


def upload_url(step) -> str:
    return reverse("workspace:evidence_upload", kwargs={"pk": step.pk})


def stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("make", "mime", "extension"),
    [
        (files.pdf, "application/pdf", "pdf"),
        (files.png, "image/png", "png"),
        (
            files.docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        (
            files.xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
    ],
)
def test_accepted_types_are_stored_privately_under_a_random_name(
    client, coordinator, step, make, mime, extension
):
    client.force_login(coordinator)
    upload = make()
    response = client.post(upload_url(step), {"file": upload, "description": "Minutes"})
    assert response.status_code == 302
    evidence = StepEvidence.objects.get(step=step)
    assert evidence.content_type == mime
    assert evidence.original_name == upload.name
    assert evidence.uploaded_by == coordinator
    stored = Path(evidence.file.path)
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert stored.suffix == f".{extension}"
    assert upload.name.rsplit(".", 1)[0] not in stored.name
    with pytest.raises(ValueError, match="no public URL"):
        evidence.file.url  # noqa: B018


def test_own_city_downloads_the_file_as_an_attachment(client, coordinator, evidence):
    client.force_login(coordinator)
    response = client.get(reverse("workspace:evidence_download", kwargs={"pk": evidence.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="ours.pdf"' in response["Content-Disposition"]
    assert body(response) == files.PDF_BYTES


def test_the_extension_comes_from_the_content(client, coordinator, step):
    client.force_login(coordinator)
    client.post(upload_url(step), {"file": files.png("photo.pdf")})
    evidence = StepEvidence.objects.get(step=step)
    assert evidence.content_type == "image/png"
    assert evidence.original_name == "photo.png"


def test_a_path_in_the_name_is_dropped(client, coordinator, step):
    client.force_login(coordinator)
    client.post(upload_url(step), {"file": files.pdf("../../etc/passwd.pdf")})
    evidence = StepEvidence.objects.get(step=step)
    assert evidence.original_name == "passwd.pdf"
    assert ".." not in evidence.file.name


BAD_FILES = [
    (files.html_as_pdf, "Αυτός ο τύπος αρχείου δεν γίνεται δεκτός"),
    (files.exe, "Αυτός ο τύπος αρχείου δεν γίνεται δεκτός"),
    (files.zip_archive, "Αυτός ο τύπος αρχείου δεν γίνεται δεκτός"),
    (lambda: files.pdf(size=10 * 1024 * 1024 + 1), "Το αρχείο είναι πολύ μεγάλο"),
]


@pytest.mark.parametrize(("make", "greek"), BAD_FILES)
def test_wrong_type_or_too_large_is_refused_and_nothing_stored(
    client, coordinator, step, make, greek
):
    client.force_login(coordinator)
    before = snapshot()
    response = client.post(f"/el{upload_url(step)[3:]}", {"file": make()})
    assert response.status_code == 200
    assert "file" in response.context["evidence_form"].errors
    assert greek in html(response)
    assert snapshot() == before
    assert stored_files() == []


def test_exactly_ten_megabytes_is_accepted(client, coordinator, step):
    client.force_login(coordinator)
    response = client.post(upload_url(step), {"file": files.pdf(size=10 * 1024 * 1024)})
    assert response.status_code == 302
    assert StepEvidence.objects.filter(step=step).count() == 1


@pytest.mark.parametrize(("make", "greek"), BAD_FILES)
def test_deliverable_upload_refuses_bad_files(client, coordinator, deliverable, make, greek):
    client.force_login(coordinator)
    before = snapshot()
    response = client.post(f"/el/workspace/deliverables/{deliverable.pk}/upload/", {"file": make()})
    assert response.status_code == 200
    assert greek in html(response)
    assert snapshot() == before
    assert stored_files() == []


def test_deliverable_upload_keeps_every_version(client, coordinator, deliverable):
    client.force_login(coordinator)
    url = reverse("workspace:deliverable_upload", kwargs={"pk": deliverable.pk})
    client.post(url, {"file": files.pdf("draft-1.pdf")})
    client.post(url, {"file": files.docx("draft-2.docx")})
    uploads = list(DeliverableUpload.objects.filter(deliverable=deliverable))
    assert [u.original_name for u in uploads] == ["draft-2.docx", "draft-1.pdf"]
    deliverable.refresh_from_db()
    assert deliverable.file.name == uploads[0].file.name
    assert deliverable.version == 3
    response = client.get(reverse("workspace:deliverable_download", kwargs={"pk": uploads[1].pk}))
    assert body(response) == files.PDF_BYTES


def test_removing_evidence_deletes_the_file(
    client, coordinator, evidence, django_capture_on_commit_callbacks
):
    path = Path(evidence.file.path)
    assert path.exists()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workspace:evidence_delete", kwargs={"pk": evidence.pk}))
    assert response.status_code == 302
    assert not StepEvidence.objects.filter(pk=evidence.pk).exists()
    assert not path.exists()


def test_no_upload_is_reachable_under_media_url(client, coordinator, evidence):
    client.force_login(coordinator)
    response = client.get(f"{settings.MEDIA_URL}{evidence.file.name}")
    assert response.status_code == 404


def test_only_editors_are_offered_upload_and_remove(client, coordinator, lead_expert, evidence):
    remove = reverse("workspace:evidence_delete", kwargs={"pk": evidence.pk})
    upload = reverse("workspace:evidence_upload", kwargs={"pk": evidence.step_id})
    page_url = reverse("workspace:step_detail", kwargs={"pk": evidence.step_id})
    client.force_login(coordinator)
    page = html(client.get(page_url))
    assert remove in page and upload in page and "ours.pdf" in page
    client.force_login(lead_expert)
    page = html(client.get(page_url))
    assert remove not in page and upload not in page and "ours.pdf" in page
