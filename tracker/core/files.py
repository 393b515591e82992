"""Uploaded files: what they really are (by their bytes, not their names) and where
they are kept (under a random name in a folder outside the web root)."""

import os
import secrets
import tempfile
import unicodedata
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
    # Shown in the browser rather than downloaded: images only. A PDF can carry
    # JavaScript, and a PDF/HTML polyglot could run in our origin if opened inline.
    inline: bool


PDF = FileKind("application/pdf", ".pdf", False)
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

    :raise ValidationFailed: on `field`: an empty file, one over 20 MB, one that is
        not really a PDF, a Word document (DOCX) or a PNG/JPEG image, whatever its name,
        or a Word document that unzips too large or holds macros.
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
    if kind is DOCX:
        _check_word_document(stream, field)
    stem = Path(display_name(filename).replace("\\", "/")).name.rsplit(".", 1)[0] or "tep"
    return Accepted(kind, size, f"{stem[:200]}{kind.extension}")


def display_name(filename: str | None) -> str:
    """A file name without control or format characters (NUL, line breaks, right-to-left
    overrides): they break the download's header or disguise the real extension."""
    return clean("".join(_REPLACED.get(unicodedata.category(char), char)
                         for char in filename or ""))


# Control characters become a space; invisible format characters and lone surrogates go.
_REPLACED = {"Cc": " ", "Cf": "", "Cs": ""}


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
    return StoredFile(folder / stored_name, display_name(name) or stored_name, KINDS[mime])


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
# stops here. A real one has a few dozen parts and unzips to a few MB.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000


def unzips_within_limit(stream: BinaryIO) -> bool:
    """Whether a zip stays under MAX_UNZIPPED_BYTES and MAX_ZIP_ENTRIES once unzipped
    (False for no zip)."""
    try:
        with zipfile.ZipFile(stream) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile:
        return False
    finally:
        stream.seek(0)
    return (len(parts) <= MAX_ZIP_ENTRIES
            and sum(part.file_size for part in parts) <= MAX_UNZIPPED_BYTES)


# Word keeps macros (VBA) in these parts; a .docm announces them in its content types.
_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
_MACRO_CONTENT_TYPE = b"macroenabled"


def _check_word_document(stream: BinaryIO, field: str) -> None:
    """:raise ValidationFailed: a DOCX that unzips too large (a zip bomb), that cannot be
        read, or that holds macros."""
    if not unzips_within_limit(stream):
        raise ValidationFailed.on(field, _l("Tệp Word quá lớn khi giải nén."))
    try:
        has_macros = _has_macros(stream)
    except Exception:  # zipfile raises many kinds on a damaged archive; all mean the same
        raise ValidationFailed.on(field, _l("Tệp Word bị hỏng, không đọc được.")) from None
    finally:
        stream.seek(0)
    if has_macros:
        raise ValidationFailed.on(field, _l(
            "Tệp Word có macro; chỉ nhận tệp Word không có macro (lưu lại dạng "
            "“Word Document (.docx)”)."))


def _has_macros(stream: BinaryIO) -> bool:
    with zipfile.ZipFile(stream) as archive:
        names = [name.lower() for name in archive.namelist()]
        # Bounded: unzips_within_limit has checked every part's size.
        content_types = archive.read("[Content_Types].xml").lower()
    return (any(name.rsplit("/", 1)[-1] in _MACRO_PARTS for name in names)
            or _MACRO_CONTENT_TYPE in content_types)


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
