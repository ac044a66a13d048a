"""What a working file may be: checked by its content, never by its name."""

from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

#: MIME type found by sniffing → the extension the stored file gets.
ALLOWED_TYPES: dict[str, str] = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in dict.fromkeys(ALLOWED_TYPES.values()))
TYPES_FOR_HUMANS = "PDF, JPEG, PNG, GIF, WebP, DOCX, XLSX, PPTX, ODT, ODS, ODP"


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    extension: str
    original_name: str
    size: int


def safe_display_name(name: str, extension: str) -> str:
    """The uploader's name without any path, with the extension its content proves."""
    stem = PurePath(name.replace("\\", "/")).stem[:150]
    stem = get_valid_filename(stem) if stem.strip(" ._") else ""
    return f"{stem or 'file'}.{extension}"


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Refuses files that are too large or whose content is not an accepted type."""
    limit = settings.MAX_UPLOAD_SIZE
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is too large: at most %(limit)s is allowed."),
            code="too_large",
            params={"limit": filesizeformat(limit)},
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("This type of file is not accepted. Upload one of: %(types)s."),
            code="wrong_type",
            params={"types": TYPES_FOR_HUMANS},
        )
    extension = ALLOWED_TYPES[kind.mime]
    return CheckedFile(
        content_type=kind.mime,
        extension=extension,
        original_name=safe_display_name(upload.name or "", extension),
        size=upload.size,
    )
