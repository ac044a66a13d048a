"""What a working file may be: checked by its content, never by its name."""

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from common.uploads import FILE_KINDS, sniff_kind

#: The kinds of working file accepted (keys of ``common.uploads.FILE_KINDS``).
WORKING_FILE_KINDS = (
    "pdf",
    "jpg",
    "png",
    "gif",
    "webp",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
)
#: MIME type found by sniffing → the extension the stored file gets.
ALLOWED_TYPES: dict[str, str] = {FILE_KINDS[kind][1]: kind for kind in WORKING_FILE_KINDS}
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
    kind = sniff_kind(upload)
    if kind not in WORKING_FILE_KINDS:
        raise ValidationError(
            _("This type of file is not accepted. Upload one of: %(types)s."),
            code="wrong_type",
            params={"types": TYPES_FOR_HUMANS},
        )
    extension = kind
    return CheckedFile(
        content_type=FILE_KINDS[kind][1],
        extension=extension,
        original_name=safe_display_name(upload.name or "", extension),
        size=upload.size,
    )
