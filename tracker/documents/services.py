"""Registering, correcting and removing documents."""

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.audit.services import record_created, record_deleted, record_updated, snapshot
from tracker.core.actor import Actor
from tracker.core.clock import today_in
from tracker.core.db import refusing_duplicates
from tracker.core.errors import NotFound, PermissionDenied, ValidationFailed
from tracker.core.reform_areas import ReformArea
from tracker.core.text import clean, fold
from tracker.core.validation import Problems
from tracker.documents.models import Document
from tracker.documents.policy import can_edit_registry
from tracker.documents.types import SYMBOL_PATTERN, DocumentType, format_reference
from tracker.org.models import Unit
from tracker.org.policy import can_view_unit

EDITABLE_FIELDS = (
    "doc_type", "number", "symbol", "issuer", "issued_on", "title", "reform_area",
    "implements", "issued_by_unit",
)


def register_document(
    session: Session,
    actor: Actor,
    unit: Unit,
    *,
    doc_type: DocumentType | str,
    number: int,
    symbol: str,
    issuer: str,
    issued_on: date,
    title: str,
    reform_area: ReformArea | str | None = None,
    implements: Document | None = None,
    issued_by_unit: bool | None = None,
) -> Document:
    """Add a document to the unit's registry.

    `issued_by_unit` defaults to whether `issuer` is the unit's own name.

    :raise PermissionDenied: unless the actor leads the unit (chairman, vice-chairman).
    :raise ValidationFailed: missing or malformed fields, an issue date in the
        future, a document already registered (same type, number, symbol, issuer, year).
    """
    require_editor(actor, unit)
    document = Document(unit=unit)
    fields = {
        "doc_type": doc_type, "number": number, "symbol": symbol, "issuer": issuer,
        "issued_on": issued_on, "title": title, "reform_area": reform_area,
        "implements": implements, "issued_by_unit": issued_by_unit,
    }
    valid = _validated(session, unit, document, fields)
    with refusing_duplicates(session, field="number", message=_duplicate_message(valid)):
        _assign(document, valid)
        session.add(document)
    record_created(session, actor, document, unit_id=unit.id)
    return document


def update_document(
    session: Session, actor: Actor, document: Document, **changes: Any
) -> Document:
    """Correct a registered document; `changes` takes the fields of `register_document`.

    :raise PermissionDenied, ValidationFailed: as `register_document`.
    """
    require_editor(actor, document.unit)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed.on(sorted(unknown)[0], _l("Trường không được sửa."))
    before = snapshot(document)
    fields = {name: getattr(document, name) for name in EDITABLE_FIELDS} | changes
    valid = _validated(session, document.unit, document, fields)
    with refusing_duplicates(session, field="number", message=_duplicate_message(valid)):
        _assign(document, valid)
    record_updated(session, actor, document, before, unit_id=document.unit_id)
    return document


def delete_document(session: Session, actor: Actor, document: Document) -> None:
    """Remove a document registered by mistake.

    :raise ValidationFailed: when a task or another document refers to it
        (the foreign keys refuse; the savepoint keeps the rest of the transaction).
    """
    require_editor(actor, document.unit)
    try:
        with session.begin_nested():
            record_deleted(session, actor, document, unit_id=document.unit_id)
            session.delete(document)
    except IntegrityError:
        raise ValidationFailed.on(
            "document",
            _l("Văn bản đang được nhiệm vụ hoặc văn bản khác tham chiếu, không xóa được."),
        ) from None


def get_document(session: Session, actor: Actor, document_id: int) -> Document:
    """:raise NotFound: no such document, or one the actor may not see."""
    document = session.get(Document, document_id)
    if document is None or not can_view_unit(actor, document.unit):
        raise NotFound(_l("Không tìm thấy văn bản."))
    return document


def require_editor(actor: Actor, unit: Unit) -> None:
    if not can_edit_registry(actor, unit):
        raise PermissionDenied(
            _l("Chỉ Chủ tịch, Phó Chủ tịch của đơn vị được đăng ký và sửa văn bản.")
        )


def _validated(
    session: Session, unit: Unit, document: Document, fields: dict[str, Any]
) -> dict[str, Any]:
    problems = Problems()
    clean_fields = {
        "doc_type": problems.enum(
            DocumentType, fields["doc_type"], "doc_type", _l("Loại văn bản không hợp lệ.")
        ),
        "reform_area": problems.enum(
            ReformArea, fields["reform_area"] or None, "reform_area", _l("Lĩnh vực không hợp lệ.")
        ),
        "symbol": clean(fields["symbol"]).replace(" ", ""),
        "issuer": clean(fields["issuer"]),
        "title": clean(fields["title"]),
        "number": fields["number"],
        "issued_on": fields["issued_on"],
        "implements": fields["implements"],
    }
    for name in ("symbol", "issuer", "title", "number", "issued_on"):
        problems.require(name, clean_fields[name])
    _check_number_and_dates(unit, clean_fields, problems)
    _check_implements(clean_fields, unit, document, problems)
    problems.raise_if_any()
    _refuse_duplicate(session, unit, document, clean_fields)
    own = fields["issued_by_unit"]
    clean_fields["issued_by_unit"] = fold(clean_fields["issuer"]) == fold(unit.name) \
        if own is None else bool(own)
    return clean_fields


def _assign(document: Document, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(document, name, value)
    document.issuer_key = fold(document.issuer)
    document.year = document.issued_on.year
    document.title_key = fold(document.title)
    document.reference_key = fold(document.reference)


def _check_number_and_dates(unit: Unit, fields: dict[str, Any], problems: Problems) -> None:
    number, symbol, issued_on = fields["number"], fields["symbol"], fields["issued_on"]
    if number is not None and not (isinstance(number, int) and 0 < number < 10**7):
        problems.add("number", _l("Số văn bản phải là số nguyên dương."))
    if symbol and not SYMBOL_PATTERN.match(symbol):
        problems.add("symbol", _l("Ký hiệu không hợp lệ (ví dụ: KH-UBND, 2019/NĐ-CP)."))
    if issued_on and issued_on > today_in(unit.timezone):
        problems.add("issued_on", _l("Ngày ban hành không được ở tương lai."))


def _check_implements(
    fields: dict[str, Any], unit: Unit, document: Document, problems: Problems
) -> None:
    implements, issued_on = fields["implements"], fields["issued_on"]
    if implements is None:
        return
    if implements.unit_id != unit.id:
        problems.add("implements", _l("Văn bản được triển khai phải thuộc sổ văn bản của đơn vị."))
    elif document.id is not None and implements.id == document.id:
        problems.add("implements", _l("Văn bản không thể triển khai chính nó."))
    elif issued_on and implements.issued_on > issued_on:
        problems.add("implements", _l("Văn bản được triển khai phải ban hành trước."))


def _refuse_duplicate(
    session: Session, unit: Unit, document: Document, fields: dict[str, Any]
) -> None:
    query = select(Document.id).where(
        Document.unit_id == unit.id,
        Document.doc_type == fields["doc_type"],
        Document.number == fields["number"],
        Document.symbol == fields["symbol"],
        Document.issuer_key == fold(fields["issuer"]),
        Document.year == fields["issued_on"].year,
    )
    if document.id is not None:
        query = query.where(Document.id != document.id)
    if session.scalar(query) is not None:
        raise ValidationFailed.on("number", _duplicate_message(fields))


def _duplicate_message(fields: dict[str, Any]):
    return _l("Văn bản %(ref)s của %(issuer)s năm %(year)d đã được đăng ký.",
              ref=format_reference(fields["number"], fields["symbol"]),
              issuer=fields["issuer"], year=fields["issued_on"].year)
