"""Reading a unit's document registry."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.core.search import matches_words, search_words
from tracker.documents.models import Document
from tracker.documents.types import DocumentType
from tracker.org.models import Unit


def recent_documents(session: Session, unit: Unit, *, limit: int = 10) -> list[Document]:
    """The unit's documents, the most recently issued first."""
    query = (
        select(Document)
        .where(Document.unit_id == unit.id)
        .order_by(Document.issued_on.desc(), Document.number.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


@dataclass(frozen=True)
class DocumentFilters:
    doc_type: DocumentType | None = None
    year: int | None = None
    own: bool | None = None  # issued by the unit itself, or received from elsewhere
    text: str = ""  # every word in the title, the reference or the issuer, folded
    oldest_first: bool = False


@dataclass(frozen=True)
class DocumentPage:
    documents: list[Document]
    total: int


def list_documents(
    session: Session, unit: Unit, filters: DocumentFilters, *, page: int, per_page: int = 50
) -> DocumentPage:
    """The unit's documents matching `filters`, the most recently issued first."""
    condition = [Document.unit_id == unit.id]
    if filters.doc_type is not None:
        condition.append(Document.doc_type == filters.doc_type)
    if filters.year is not None:
        condition.append(Document.year == filters.year)
    if filters.own is not None:
        condition.append(Document.issued_by_unit == filters.own)
    if words := search_words(filters.text):
        condition.append(matches_words(words, Document.title_key, Document.reference_key,
                                       Document.issuer_key))
    total = session.scalar(select(func.count()).select_from(Document).where(*condition))
    order = [Document.issued_on, Document.number, Document.id]
    query = (
        select(Document).where(*condition)
        .order_by(*(order if filters.oldest_first else [c.desc() for c in order]))
        .limit(per_page).offset((page - 1) * per_page)
    )
    return DocumentPage(list(session.scalars(query)), total)


def registry_choices(session: Session, unit: Unit) -> list[Document]:
    """Every document of the unit, for choosing the one a new document implements."""
    query = select(Document).where(Document.unit_id == unit.id).order_by(
        Document.issued_on.desc(), Document.number.desc())
    return list(session.scalars(query))


def search_documents(session: Session, unit: Unit, text: str, limit: int = 10) -> list[Document]:
    """The unit's documents whose title or reference ("14/KH-UBND") holds every word of
    `text`, diacritics and case ignored; the most recently issued first."""
    words = search_words(text)
    if not words:
        return []
    query = (
        select(Document)
        .where(Document.unit_id == unit.id,
               matches_words(words, Document.title_key, Document.reference_key))
        .order_by(Document.issued_on.desc(), Document.number.desc())
        .limit(limit)
    )
    return list(session.scalars(query))
