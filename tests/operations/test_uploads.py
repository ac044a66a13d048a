"""Uploads: checked by content, stored under random names, handed out only as downloads."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from PIL import Image

from common.uploads import (
    IMAGE_KINDS,
    FileValidator,
    RandomUploadName,
    private_storage,
    serve_private_file,
    sniff_kind,
)
from practices.models import Deliverable
from tests.factories import DeliverableFactory

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, format="JPEG")
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "progress"
    workbook.save(buffer)
    return buffer.getvalue()


def refusal(validator, name: str, content: bytes) -> str | None:
    try:
        validator(SimpleUploadedFile(name, content))
    except ValidationError as error:
        return error.code
    return None


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.pdf", PDF),
        ("photo.png", png_bytes()),
        ("photo.jpeg", jpeg_bytes()),
        ("photo.JPG", jpeg_bytes()),
        ("budget.xlsx", xlsx_bytes()),
    ],
)
def test_real_documents_are_accepted(name, content):
    assert refusal(FileValidator(), name, content) is None


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("minutes.pdf", HTML, "bad_type"),  # HTML disguised as PDF
        ("minutes.html", HTML, "bad_type"),
        ("logo.png", SVG, "bad_type"),  # SVG script disguised as an image
        ("logo.svg", SVG, "bad_type"),
        ("report.pdf", png_bytes(), "extension_mismatch"),  # fake extension
        ("photo.png", PDF, "extension_mismatch"),
        ("photo.png.html", png_bytes(), "extension_mismatch"),
        ("evidence", PDF, "extension_mismatch"),
        ("run.exe", b"MZ\x90\x00" + b"\x00" * 100, "bad_type"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_disguised_and_unknown_files_are_refused(name, content, code):
    assert refusal(FileValidator(), name, content) == code


def test_images_only_where_images_are_expected():
    validator = FileValidator(kinds=IMAGE_KINDS)
    assert refusal(validator, "cover.png", png_bytes()) is None
    assert refusal(validator, "cover.pdf", PDF) == "bad_type"


def test_oversize_files_are_refused_with_the_limit_in_the_message(settings):
    settings.MAX_UPLOAD_SIZE = 1024
    big = PDF + b"0" * 2048
    with pytest.raises(ValidationError) as error:
        FileValidator()(SimpleUploadedFile("big.pdf", big))
    assert error.value.code == "too_large"
    assert "1,0" in error.value.messages[0] or "1.0" in error.value.messages[0]
    assert refusal(FileValidator(max_size=10_000), "big.pdf", big) is None


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "..\\..\\boot.pdf", ".htaccess"])
def test_path_like_names_are_refused(name):
    """Django keeps only the last part of an uploaded name; files built in code are checked."""
    with pytest.raises(ValidationError) as error:
        FileValidator()(File(io.BytesIO(PDF), name=name))
    assert error.value.code == "unsafe_name"
    assert SimpleUploadedFile(name, PDF).name in {"passwd.pdf", "..\\..\\boot.pdf", ".htaccess"}


def test_sniffing_leaves_the_file_position_alone():
    upload = SimpleUploadedFile("plan.pdf", PDF)
    upload.seek(5)
    assert sniff_kind(upload) == "pdf"
    assert upload.tell() == 5


def test_stored_name_is_random_and_never_the_uploaders():
    upload_to = RandomUploadName("deliverables")
    for hostile in ("../../../etc/cron.d/evil.pdf", "/abs/path.pdf", "..\\win.pdf", "a.pdf/../b"):
        stored = upload_to(None, hostile)
        assert stored.startswith("deliverables/")
        assert ".." not in stored and "\\" not in stored
        assert stored.count("/") == 1


@pytest.mark.django_db
def test_an_uploaded_deliverable_lands_in_private_storage(settings):
    deliverable = DeliverableFactory()
    deliverable.file = SimpleUploadedFile("../../secret plan.pdf", PDF)
    deliverable.full_clean()
    deliverable.save()
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / deliverable.file.name
    assert stored.is_file() and stored.read_bytes() == PDF
    assert "secret" not in deliverable.file.name
    assert not (Path(settings.MEDIA_ROOT) / deliverable.file.name).exists()
    # Re-saving the object does not re-read or refuse the stored file.
    FileValidator()(Deliverable.objects.get(pk=deliverable.pk).file)


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_private_files_are_served_as_downloads_that_never_run():
    deliverable = DeliverableFactory()
    deliverable.file.save("plan.pdf", ContentFile(PDF))
    response = serve_private_file(deliverable.file, download_name="Σχέδιο επενδύσεων")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert _content(response) == PDF


@pytest.mark.django_db
def test_a_stored_html_or_svg_file_is_still_only_a_download():
    """Should one ever slip into storage (an old import, a manual copy), it cannot run."""
    storage = private_storage()
    for name, body in (("legacy/page.html", HTML), ("legacy/logo.svg", SVG)):
        storage.save(name, File(io.BytesIO(body)))
        response = serve_private_file(name, storage=storage)
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["../../../../etc/passwd", "/etc/passwd", "missing.pdf", ""])
def test_names_outside_storage_or_missing_answer_404(name):
    with pytest.raises(Http404):
        serve_private_file(name, storage=private_storage())


def test_download_names_cannot_break_the_header():
    from common.uploads import _download_name

    assert _download_name('evil"\r\nSet-Cookie: x=1', "deliverables/a.pdf") == (
        "evilSet-Cookie: x=1.pdf"
    )
    assert _download_name("../../x", "a.pdf") == "x.pdf"
