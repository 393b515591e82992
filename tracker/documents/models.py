from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.clock import now_utc
from tracker.core.db import UTCDateTime, enum_column
from tracker.core.reform_areas import ReformArea
from tracker.documents.types import DocumentType, cite, format_reference
from tracker.extensions import db
from tracker.org.models import Official, Unit


class Document(db.Model):
    """A document in a unit's registry: one the unit issued or one it received.

    Numbers restart every 1 January per issuer, so a document is identified by
    type, number, symbol, issuer and year together, never by "14/KH-UBND" alone.
    """

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("unit_id", "doc_type", "issuer_key", "number", "symbol", "year"),
    )
    __audit_fields__ = (
        "doc_type", "number", "symbol", "issuer", "issued_on", "title", "reform_area",
        "implements_id", "attachment_name",
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    doc_type: Mapped[DocumentType] = mapped_column(enum_column(DocumentType, 8))
    number: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(60))
    # The issuer's name as written on the document: names change (units merge),
    # documents keep the name they were issued under.
    issuer: Mapped[str] = mapped_column(String(200))
    issuer_key: Mapped[str] = mapped_column(String(200))
    # Set when the issuer is the registering unit itself (section I of the report).
    issued_by_unit: Mapped[bool] = mapped_column(default=False)
    issued_on: Mapped[date] = mapped_column(index=True)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    title_key: Mapped[str] = mapped_column(Text)
    reference_key: Mapped[str] = mapped_column(String(80), index=True)
    reform_area: Mapped[ReformArea | None] = mapped_column(enum_column(ReformArea, 30))
    implements_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    attachment_name: Mapped[str | None] = mapped_column(String(255))
    attachment_path: Mapped[str | None] = mapped_column(String(255))
    attachment_type: Mapped[str | None] = mapped_column(String(100))
    attachment_size: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)

    unit: Mapped[Unit] = relationship()
    implements: Mapped["Document | None"] = relationship(remote_side=[id])
    created_by: Mapped[Official | None] = relationship()

    @property
    def reference(self) -> str:
        return format_reference(self.number, self.symbol)

    @property
    def citation(self) -> str:
        """How a report cites it: "Kế hoạch số 14/KH-UBND ngày 01/02/2023"."""
        return cite(self.doc_type, self.reference, self.issued_on)

    def __repr__(self) -> str:
        return f"<Document {self.reference} {self.year}>"
