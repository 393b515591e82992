"""Uploaded files: what they really are (by their bytes, not their names) and where
they are kept (under a random name in a folder outside the web root)."""

import os
import secrets
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask_babel import lazy_gettext as _l

from tracker.core.errors import ValidationFailed
from tracker.core.text import clean

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class FileKind:
    mime: str
    extension: str
    inline: bool  # shown in the browser (PDF, images) rather than downloaded


PDF = FileKind("application/pdf", ".pdf", True)
DOCX = FileKind(_DOCX, ".docx", False)
PNG = FileKind("image/png", ".png", True)
JPEG = FileKind("image/jpeg", ".jpg", True)
KINDS = {kind.mime: kind for kind in (PDF, DOCX, PNG, JPEG)}


@dataclass(frozen=True)
class Accepted:
    kind: FileKind
    size: int
    name: str  # as the official gave it, with the extension its content deserves


def accept_upload(stream: BinaryIO, filename: str, *, field: str) -> Accepted:
    """Check an uploaded file before it is kept.

    :raise ValidationFailed: on `field`: an empty file, one over 20 MB, or one that is
        not really a PDF, a Word document (DOCX) or a PNG/JPEG image, whatever its name.
    """
    size = size_of(stream)
    if size == 0:
        raise ValidationFailed.on(field, _l("Tệp rỗng."))
    if size > MAX_UPLOAD_BYTES:
        raise ValidationFailed.on(field, _l("Tệp lớn hơn 20 MB."))
    kind = sniff(stream)
    if kind is None:
        raise ValidationFailed.on(field, _l(
            "Chỉ nhận tệp PDF, Word (DOCX) hoặc ảnh PNG, JPEG; nội dung tệp này không phải "
            "các loại đó."))
    stem = Path(clean(filename).replace("\\", "/")).name.rsplit(".", 1)[0] or "tep"
    return Accepted(kind, size, f"{stem[:200]}{kind.extension}")


@dataclass(frozen=True)
class StoredFile:
    path: Path
    name: str
    kind: FileKind


def stored_file(folder: Path, stored_name: str | None, name: str | None,
                mime: str | None) -> StoredFile | None:
    """A kept file as its record describes it; None if there is none or it has gone."""
    if not stored_name or not (folder / stored_name).is_file():
        return None
    return StoredFile(folder / stored_name, name or stored_name, KINDS[mime])


def sniff(stream: BinaryIO) -> FileKind | None:
    """PDF, DOCX, PNG or JPEG by the file's own bytes; None for anything else
    (an .exe renamed .pdf, a ZIP that is not a Word document …)."""
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04") and _is_word_document(stream):
        return DOCX
    return None


# What an accepted Office file (a zip: DOCX, XLSX) may hold once unzipped: a zip bomb
# stops here.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024


def unzips_within_limit(stream: BinaryIO) -> bool:
    """Whether a zip stays under MAX_UNZIPPED_BYTES once unzipped (False for no zip)."""
    try:
        with zipfile.ZipFile(stream) as archive:
            return sum(part.file_size for part in archive.infolist()) <= MAX_UNZIPPED_BYTES
    except zipfile.BadZipFile:
        return False
    finally:
        stream.seek(0)


def _is_word_document(stream: BinaryIO) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    finally:
        stream.seek(0)
    return "[Content_Types].xml" in names and "word/document.xml" in names


def store(stream: BinaryIO, folder: Path) -> str:
    """Copy `stream` into `folder` under a new random name, whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16)
    with tempfile.NamedTemporaryFile(dir=folder, delete=False) as temporary:
        while chunk := stream.read(1 << 16):
            temporary.write(chunk)
    os.replace(temporary.name, folder / name)
    return name


def size_of(stream: BinaryIO) -> int:
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size
