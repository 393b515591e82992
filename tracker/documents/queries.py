"""Reading a unit's document registry."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.documents.models import Document
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
