"""Small real files of each kind, built in memory, for upload tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
# A 1×1 transparent PNG.
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000005000157a0e1a50000000049454e44ae426082"
)


def pdf(name: str = "report.pdf", *, size: int | None = None) -> SimpleUploadedFile:
    data = PDF_BYTES if size is None else PDF_BYTES + b"0" * (size - len(PDF_BYTES))
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def png(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def docx(name: str = "minutes.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/msword")


def xlsx(name: str = "budget.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active["A1"] = "budget"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/vnd.ms-excel")


def html_as_pdf(name: str = "invoice.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )


def exe(name: str = "tool.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ" + b"\x90" * 200, content_type="application/pdf")


def zip_archive(name: str = "bundle.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not an office document")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")
