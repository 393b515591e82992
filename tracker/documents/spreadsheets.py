"""The document registry in Excel: the list exported with the registry page's filters, and
how a sheet cites a document ("Kế hoạch số 14/KH-UBND ngày 01/02/2023") and finds it back.

Sheet names, headers and values are Vietnamese whoever exports (the labels are read in
Vietnamese): a workbook is a file passed between officials and read back, not a page.
"""

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.actor import Actor
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.reform_areas import ReformArea
from tracker.core.spreadsheets import (
    CellValueError,
    Column,
    add_table,
    new_workbook,
    workbook_bytes,
)
from tracker.core.text import clean, fold
from tracker.documents.models import Document
from tracker.documents.queries import DocumentFilters, list_documents
from tracker.documents.types import DocumentType, format_reference
from tracker.org.models import Unit
from tracker.org.policy import can_view_unit

DOCUMENT_SHEET = "Văn bản"
MAX_EXPORT_ROWS = 10_000
COLUMNS = (
    Column("STT", 6), Column("Loại văn bản", 14), Column("Số, ký hiệu", 18),
    Column("Ngày ban hành", 14), Column("Cơ quan ban hành", 28), Column("Trích yếu", 60),
    Column("Lĩnh vực CCHC", 30), Column("Nguồn", 18), Column("Triển khai văn bản", 40),
)


def export_documents(session: Session, actor: Actor, unit: Unit,
                     filters: DocumentFilters) -> bytes:
    """The unit's documents matching `filters` (every page), as an .xlsx workbook.

    :raise PermissionDenied: the actor may not see the unit.
    :raise ValidationFailed: more documents than one file holds.
    """
    if not can_view_unit(actor, unit):
        raise PermissionDenied(_l("Không được xem sổ văn bản của đơn vị này."))
    found = list_documents(session, unit, filters, page=1, per_page=MAX_EXPORT_ROWS)
    if found.total > MAX_EXPORT_ROWS:
        raise ValidationFailed.on("filters", _l(
            "Có %(count)d văn bản, quá %(max)d văn bản một tệp: hãy lọc bớt.",
            count=found.total, max=MAX_EXPORT_ROWS))
    _load_implemented(session, found.documents)
    with force_locale("vi"):
        types, areas = type_labels(), {area: area.label for area in ReformArea}
        sources = {True: str(_l("Đơn vị ban hành")), False: str(_l("Cấp trên, nơi khác"))}
    workbook = new_workbook()
    add_table(workbook, DOCUMENT_SHEET, COLUMNS, (
        [number, types[d.doc_type], d.reference, d.issued_on, d.issuer, d.title,
         areas.get(d.reform_area, ""), sources[d.issued_by_unit],
         d.implements.citation if d.implements else ""]
        for number, d in enumerate(found.documents, start=1)))
    return workbook_bytes(workbook)


def type_labels() -> dict[DocumentType, str]:
    """Each type's name in the current language ("Kế hoạch" under force_locale("vi"))."""
    return {doc_type: doc_type.label for doc_type in DocumentType}


def _load_implemented(session: Session, documents: list[Document]) -> None:
    """Load the documents these implement in one query: each `implements` is then found
    in the session, not fetched one by one."""
    ids = {d.implements_id for d in documents if d.implements_id is not None}
    if ids:
        list(session.scalars(select(Document).where(Document.id.in_(ids))))


# "Kế hoạch số 14/KH-UBND ngày 01/02/2023", "14/KH-UBND", "số 31-CT/TU năm 2021", folded.
_CITATION = re.compile(
    r"^(?:(?P<kind>[^\d]*?)\s*so\s*:?\s*)?(?P<number>\d{1,7})[/-](?P<symbol>\S+?)"
    r"(?:\s+ngay\s+(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4}))?"
    r"(?:\s+nam\s+(?P<only_year>\d{4}))?$")


class RegistryLookup:
    """Finds a unit's document from how a sheet cites it, in one query for the whole sheet."""

    def __init__(self, session: Session, unit: Unit, types: dict[DocumentType, str]) -> None:
        self._by_reference: dict[str, list[Document]] = defaultdict(list)
        for document in session.scalars(select(Document).where(Document.unit_id == unit.id)):
            self._by_reference[document.reference_key].append(document)
        # By name only: folded codes collide (HĐ and HD, ĐA and DA), names do not.
        self._types = {fold(label): doc_type for doc_type, label in types.items()}

    def find(self, text: str, issuer: str = "") -> Document:
        """The one document `text` cites ("Kế hoạch số 14/KH-UBND ngày 01/02/2023", or less
        when that is enough), `issuer` telling apart two issuers' documents of one number.

        :raise CellValueError: no such document, several, or text that cites none.
        """
        match = _CITATION.match(fold(text).rstrip("."))
        if match is None:
            raise CellValueError(_l(
                "Không đọc được văn bản “%(text)s”: ghi như “Kế hoạch số 14/KH-UBND ngày "
                "01/02/2023” hoặc “14/KH-UBND”.", text=text))
        candidates = self._by_reference.get(
            fold(format_reference(int(match["number"]), match["symbol"])), [])
        found = list(self._narrowed(candidates, match, issuer))
        if not found:
            raise CellValueError(_l(
                "Sổ văn bản của đơn vị không có văn bản “%(text)s”.", text=text))
        if len(found) > 1:
            raise CellValueError(_l(
                "Có %(count)d văn bản khớp “%(text)s”: ghi thêm ngày ban hành hoặc cơ quan ban "
                "hành.", count=len(found), text=text))
        return found[0]

    def _narrowed(self, candidates: list[Document], match: re.Match,
                  issuer: str) -> Iterator[Document]:
        kind = clean(match["kind"])
        if kind and kind not in self._types:
            raise CellValueError(_l("Không rõ loại văn bản “%(kind)s”.", kind=match["kind"]))
        issued_on = _day(match)
        for document in candidates:
            if kind and document.doc_type is not self._types[kind]:
                continue
            if issued_on and document.issued_on != issued_on:
                continue
            if match["only_year"] and document.year != int(match["only_year"]):
                continue
            if issuer and document.issuer_key != fold(issuer):
                continue
            yield document


def _day(match: re.Match) -> date | None:
    if not match["day"]:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise CellValueError(_l("Ngày ban hành không tồn tại.")) from None
