"""Filling a unit's registry from a text that cites documents (an old report, a plan): find
the references, say which are already registered, register the chosen ones in one step."""

import codecs
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

import docx
from docx.table import Table
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.actor import Actor
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.files import DOCX, size_of, sniff, unzips_within_limit
from tracker.core.text import fold, has_control_characters
from tracker.core.validation import Problems
from tracker.documents.models import Document
from tracker.documents.references import FoundReference, extract_references
from tracker.documents.services import register_document, require_editor
from tracker.org.models import Unit
from tracker.org.policy import can_view_unit

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 300_000  # a long annual report is about a third of this
_OLE2 = b"\xd0\xcf\x11\xe0"  # the old binary .doc
# A text file saved from Word keeps its manual line breaks and page breaks as VT and FF.
_LAYOUT_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
# Issuers whose symbol names them beyond doubt; "-UBND" is taken for the unit's own.
_ISSUER_BY_SYMBOL = {"CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ"}


@dataclass(frozen=True)
class Candidate:
    """A reference found in the text, as the import page offers it."""

    found: FoundReference
    registered: Document | None  # the registry's document with the same identity
    issuer: str  # the text's, else the registered document's, else a default by the symbol
    issuer_proposed: bool  # `issuer` is a default, not what the text says


def read_text(filename: str, stream: BinaryIO) -> str:
    """The text of an uploaded file: plain text (UTF-8, or UTF-16 with its BOM) or a Word
    document (DOCX), judged by its bytes, not its name.

    :raise ValidationFailed: on "upload": an empty file, one over 10 MB, one that is neither,
        one whose text is longer than an import takes or holds a control character.
    """
    size = size_of(stream)
    if size == 0:
        raise ValidationFailed.on("upload", _l("Tệp rỗng."))
    if size > MAX_FILE_BYTES:
        raise ValidationFailed.on("upload", _l("Tệp lớn hơn 10 MB."))
    head = stream.read(4)
    stream.seek(0)
    if head == _OLE2:
        raise ValidationFailed.on("upload", _l(
            "Tệp Word cũ (.doc) chưa đọc được: hãy lưu lại dưới dạng .docx rồi tải lên."))
    kind = sniff(stream)
    if kind is DOCX:
        text = _docx_text(stream)
    elif kind is None and not head.startswith(b"PK"):
        text = _plain_text(stream.read())
    else:
        raise ValidationFailed.on("upload", _l(
            "Chỉ nhận tệp văn bản .txt (UTF-8) hoặc Word .docx; nội dung tệp %(name)s không "
            "phải các loại đó.", name=filename))
    _check_length(text, "upload")
    return _checked_characters(text.translate(_LAYOUT_BREAKS))


def find_references(session: Session, actor: Actor, unit: Unit, text: str) -> list[Candidate]:
    """The documents `text` cites, each marked as registered in the unit or new.

    :raise PermissionDenied: unless the actor may see the unit.
    :raise ValidationFailed: on "text": empty, or longer than an import takes.
    """
    if not can_view_unit(actor, unit):
        raise PermissionDenied(_l("Bạn không xem được sổ văn bản của đơn vị này."))
    if not text.strip():
        raise ValidationFailed.on("text", _l("Hãy dán nội dung hoặc chọn một tệp."))
    _check_length(text, "text")
    known = [unit.name, *(above.name for above in unit.ancestors())]
    founds = extract_references(text, known_issuers=known)
    registry = _registry_with_numbers(session, unit, {found.number for found in founds})
    return [_candidate(unit, found, _registered(registry, found)) for found in founds]


def register_references(
    session: Session, actor: Actor, unit: Unit, rows: Sequence[Mapping[str, Any]]
) -> list[Document]:
    """Register every row (the fields of `register_document`), or none of them.

    :raise PermissionDenied: unless the actor leads the unit.
    :raise ValidationFailed: when any row breaks a rule of `register_document`; its
        messages are keyed "rows-<index>-<field>", and nothing is written.
    """
    require_editor(actor, unit)
    if not rows:
        raise ValidationFailed.on("rows", _l("Hãy chọn ít nhất một văn bản để đăng ký."))
    problems, documents = Problems(), []
    savepoint = session.begin_nested()
    for index, row in enumerate(rows):
        try:
            documents.append(register_document(session, actor, unit, **row))
        except ValidationFailed as refused:
            for name, messages in refused.errors.items():
                for message in messages:
                    problems.add(f"rows-{index}-{name}", message)
    if problems.errors:
        savepoint.rollback()
        problems.raise_if_any(nothing_registered(len({k.split("-")[1] for k in problems.errors})))
    savepoint.commit()
    return documents


def nothing_registered(rows: int) -> Any:
    """Why a batch was refused: `rows` of its rows break a rule."""
    return _l("Chưa đăng ký văn bản nào: %(count)d dòng chưa hợp lệ, hãy sửa rồi đăng ký lại.",
              count=rows)


def _candidate(unit: Unit, found: FoundReference, registered: Document | None) -> Candidate:
    if found.issuer:
        return Candidate(found, registered, found.issuer, False)
    if registered is not None:
        return Candidate(found, registered, registered.issuer, True)
    return Candidate(found, None, _issuer_by_symbol(unit, found.symbol), True)


def _registry_with_numbers(session: Session, unit: Unit, numbers: set[int]) -> list[Document]:
    """The unit's documents that bear any of `numbers`, newest first: one query for all the
    references of a text."""
    if not numbers:
        return []
    return list(session.scalars(
        select(Document).where(Document.unit_id == unit.id, Document.number.in_(numbers))
        .order_by(Document.issued_on.desc(), Document.id.desc())))


def _registered(registry: list[Document], found: FoundReference) -> Document | None:
    """The registry's document with the identity `register_document` refuses twice (type,
    number, symbol, issuer, year), as far as the text gives it; a loose issuer ("UBND
    tỉnh") matches the full name it begins."""
    issuer = fold(found.issuer) if found.issuer else None
    return next((
        document for document in registry
        if (document.doc_type, document.number, document.symbol)
        == (found.doc_type, found.number, found.symbol)
        and (found.year is None or document.year == found.year)
        and (issuer is None or document.issuer_key == issuer
             or document.issuer_key.startswith(f"{issuer} "))
    ), None)


def _issuer_by_symbol(unit: Unit, symbol: str) -> str:
    """A default for the page to offer (clearly marked, the user may change it)."""
    last = symbol.rsplit("-", 1)[-1]
    if last == "UBND" and "-" in symbol:
        return unit.name
    return _ISSUER_BY_SYMBOL.get(last, "") if "-" in symbol else ""


def _docx_text(stream: BinaryIO) -> str:
    if not unzips_within_limit(stream):
        raise ValidationFailed.on("upload", _l("Tệp Word quá lớn khi giải nén."))
    try:
        document = docx.Document(stream)
    except Exception:  # python-docx raises many kinds on a damaged file; all mean the same
        raise ValidationFailed.on("upload", _l("Tệp Word bị hỏng, không đọc được.")) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += _table_lines(block)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _table_lines(table: Table) -> list[str]:
    lines, seen = [], set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:  # a merged cell is listed once per column it spans
                seen.add(id(cell._tc))
                lines += [paragraph.text for paragraph in cell.paragraphs]
    return lines


def _plain_text(data: bytes) -> str:
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        if b"\x00" not in data:
            return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    raise ValidationFailed.on("upload", _l(
        "Tệp văn bản phải mã hóa UTF-8 (hãy lưu lại với mã hóa UTF-8, hoặc dùng tệp .docx)."))


def _checked_characters(text: str) -> str:
    # Split on \n only: splitlines() would also break at some control characters (FS, GS,
    # NEL …) and so hide them.
    for number, line in enumerate(text.split("\n"), start=1):
        if has_control_characters(line):
            raise ValidationFailed.on("upload", _l(
                "Dòng %(line)d của tệp có ký tự điều khiển không hợp lệ (như NUL); hãy xóa ký "
                "tự đó rồi tải lên lại.", line=number))
    return text


def _check_length(text: str, field: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        limit = format(MAX_TEXT_CHARS, ",").replace(",", ".")  # 300.000, as Vietnamese writes it
        raise ValidationFailed.on(field, _l("Nội dung dài hơn %(max)s ký tự; hãy chia nhỏ.",
                                            max=limit))
