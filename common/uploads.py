"""Where uploaded files go: random names, a safe extension, private storage for working files."""

import contextlib
import errno
import hashlib
import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


class CleanFailureMixin:
    """A write that fails half-way (disk full, folder gone read-only) leaves no partial file.

    Django's file system storage keeps whatever it wrote before the error; a file nobody's row
    points at would then fill the disk for ever.
    """

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError as error:
            if error.errno != errno.EEXIST:
                with contextlib.suppress(OSError):
                    os.remove(self.path(name))
            raise


class MediaStorage(CleanFailureMixin, FileSystemStorage):
    """Public uploads (news images) under MEDIA_ROOT."""


class PrivateMediaStorage(CleanFailureMixin, FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT with no public URL: permission-checking views serve them."""

    def __init__(self, location=None, **kwargs):
        kwargs["base_url"] = None
        super().__init__(location=location, **kwargs)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("Private files have no public URL; link to the view that serves them.")


def private_storage():
    return storages["private"]


@deconstructible
class RandomUploadName:
    """An ``upload_to`` that keeps only a safe extension and never the uploader's file name."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()[:10]
        if not suffix[1:].isalnum():
            suffix = ""
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomUploadName) and other.folder == self.folder


# --- Checking what comes in and serving what goes out ------------------------------------------
# Views that accept a file run ``FileValidator`` on it; views that hand out a private file call
# ``serve_private_file`` after checking permission. Nothing else is trusted: not the browser's
# Content-Type, not the file name.

#: kind -> (the extensions a file of that kind may carry, the Content-Type it is served with)
FILE_KINDS: dict[str, tuple[frozenset[str], str]] = {
    "pdf": (frozenset({"pdf"}), "application/pdf"),
    "docx": (
        frozenset({"docx"}),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (
        frozenset({"xlsx"}),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "pptx": (
        frozenset({"pptx"}),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "odt": (frozenset({"odt"}), "application/vnd.oasis.opendocument.text"),
    "ods": (frozenset({"ods"}), "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": (frozenset({"odp"}), "application/vnd.oasis.opendocument.presentation"),
    "png": (frozenset({"png"}), "image/png"),
    "jpg": (frozenset({"jpg", "jpeg"}), "image/jpeg"),
    "gif": (frozenset({"gif"}), "image/gif"),
    "webp": (frozenset({"webp"}), "image/webp"),
}
DOCUMENT_KINDS = frozenset({"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "png", "jpg"})
IMAGE_KINDS = frozenset({"png", "jpg", "gif", "webp"})

# Office files are zip archives; filetype reads only the first bytes, so look inside when the
# telling entry is further in.
_ZIP_MARKERS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}
_ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
_SNIFF_BYTES = 8192


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def _zip_kind(file) -> str | None:
    import zipfile

    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            for marker, kind in _ZIP_MARKERS.items():
                if marker in names:
                    return kind
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return _ODF_MIMETYPES.get(mimetype)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def sniff_kind(file) -> str | None:
    """The kind of file its content says it is (a key of ``FILE_KINDS``), or None."""
    import filetype

    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(_SNIFF_BYTES)
        guess = filetype.guess(head)
        kind = guess.extension if guess else None
        if kind in {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp"}:
            file.seek(0)
            kind = _zip_kind(file) or (kind if kind != "zip" else None)
        return kind if kind in FILE_KINDS else None
    finally:
        file.seek(position)


def _has_unsafe_name(name: str) -> bool:
    if not name or "\x00" in name or any(ord(char) < 32 for char in name):
        return True
    parts = name.replace("\\", "/").split("/")
    return len(parts) > 1 or name.startswith(".")


@deconstructible
class FileValidator:
    """Refuses a file that is too big, is not one of ``kinds`` by its content, or whose name
    claims another kind (``report.pdf`` that is really HTML, ``photo.png`` that is a PDF).

    Use it on a form field or a model field: ``validators=[FileValidator(kinds=IMAGE_KINDS)]``.
    ``max_size`` defaults to ``settings.MAX_UPLOAD_SIZE``, read when a file is checked.
    """

    def __init__(self, *, kinds=DOCUMENT_KINDS, max_size: int | None = None):
        self.kinds = frozenset(kinds)
        unknown = self.kinds - FILE_KINDS.keys()
        if unknown:
            raise ValueError(f"Unknown file kinds: {sorted(unknown)}")
        self.max_size = max_size

    def __call__(self, file) -> None:
        from django.core.exceptions import ValidationError
        from django.template.defaultfilters import filesizeformat
        from django.utils.translation import gettext as _

        if getattr(file, "_committed", False):
            # A file already in storage was checked when it came in; re-saving the object
            # that holds it must not read it back.
            return
        limit = self.max_size if self.max_size is not None else settings.MAX_UPLOAD_SIZE
        name = getattr(file, "name", "") or ""
        size = getattr(file, "size", None)
        if _has_unsafe_name(name):
            raise ValidationError(_("This file name is not allowed."), code="unsafe_name")
        if not size:
            raise ValidationError(_("The file is empty."), code="empty")
        if size > limit:
            raise ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s.")
                % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        kind = sniff_kind(file)
        if kind not in self.kinds:
            raise ValidationError(
                _("This type of file is not accepted. Accepted types: %(types)s.")
                % {"types": self.accepted_extensions()},
                code="bad_type",
            )
        if _extension(name) not in FILE_KINDS[kind][0]:
            raise ValidationError(
                _("The file name ends in “.%(extension)s” but the file is a %(kind)s file.")
                % {"extension": _extension(name) or "—", "kind": kind.upper()},
                code="extension_mismatch",
            )

    def accepted_extensions(self) -> str:
        return ", ".join(sorted(f".{ext}" for kind in self.kinds for ext in FILE_KINDS[kind][0]))

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, FileValidator)
            and other.kinds == self.kinds
            and other.max_size == self.max_size
        )


def safe_content_type(name: str) -> str:
    """The Content-Type a stored file is served with: known kinds only, else a download."""
    extension = _extension(name)
    for extensions, content_type in FILE_KINDS.values():
        if extension in extensions:
            return content_type
    return "application/octet-stream"


def _download_name(name: str, stored_name: str) -> str:
    cleaned = "".join(char for char in name if ord(char) >= 32 and char not in '/\\"')
    cleaned = cleaned.strip(" .") or "download"
    extension = _extension(stored_name)
    if extension and _extension(cleaned) != extension:
        cleaned = f"{cleaned}.{extension}"
    return cleaned


def serve_private_file(file, *, download_name: str | None = None, storage=None):
    """A download of a stored file; the caller has already checked permission.

    ``file`` is a FieldFile (``deliverable.file``) or a stored name with ``storage``. The file
    is always an attachment, with a Content-Type chosen from its (validated) extension and
    headers that stop a browser from sniffing or running it. Missing or out-of-storage
    names answer 404.
    """
    from django.core.exceptions import SuspiciousFileOperation
    from django.http import FileResponse, Http404
    from django.utils.cache import patch_cache_control

    name = getattr(file, "name", file) or ""
    storage = storage or getattr(file, "storage", None) or private_storage()
    if not name:
        raise Http404("No file.")
    try:
        handle = storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation) as error:
        raise Http404("No such file.") from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=_download_name(download_name or PurePath(name).name, name),
        content_type=safe_content_type(name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser still render it, it gets no script, no plugins and no origin.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    patch_cache_control(response, private=True, no_store=True)
    return response


def sha256_of(path) -> str:
    """The SHA-256 of a file on disk, read in chunks (manifests and backup checks)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
