from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.clock import now_utc
from tracker.core.db import UTCDateTime, enum_column
from tracker.core.periods import ReportingPeriod
from tracker.extensions import db
from tracker.org.models import Official, Unit


class ReportState(StrEnum):
    DRAFT = "draft"
    FINAL = "final"

    @property
    def label(self) -> str:
        return str(_STATE_LABELS[self])


_STATE_LABELS = {ReportState.DRAFT: _l("Dự thảo"), ReportState.FINAL: _l("Đã ban hành")}


class Report(db.Model):
    """A unit's CCHC report for one reporting period: a draft the office edits, then a
    final report whose content (and DOCX file) is frozen when the chairman signs it."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("unit_id", "period"),)
    __audit_fields__ = (
        "period", "state", "number", "report_date", "signer_id", "recipients", "figures",
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    period: Mapped[str] = mapped_column(String(8))  # "2023-Q1"
    state: Mapped[ReportState] = mapped_column(enum_column(ReportState), default=ReportState.DRAFT)
    # "Số: 15/BC-UBND": the number the registry gives when it is signed; blank until then.
    number: Mapped[int | None] = mapped_column(Integer)
    report_date: Mapped[date | None] = mapped_column()
    signer_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))
    recipients: Mapped[str] = mapped_column(Text, default="")
    # Figures entered by hand: {"dossiers": {...}} (see reports.figures).
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    generated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    final_content: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    final_docx: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Converted from final_docx at its first download, then kept (LibreOffice is optional).
    final_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}

    unit: Mapped[Unit] = relationship()
    signer: Mapped[Official | None] = relationship(foreign_keys=[signer_id])
    finalised_by: Mapped[Official | None] = relationship(foreign_keys=[finalised_by_id])
    sections: Mapped[list["ReportSection"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportSection.id"
    )

    @property
    def reporting_period(self) -> ReportingPeriod:
        return ReportingPeriod.parse(self.period)

    @property
    def is_final(self) -> bool:
        return self.state is ReportState.FINAL

    def section(self, key: str) -> "ReportSection | None":
        return next((s for s in self.sections if s.key == key), None)

    def __repr__(self) -> str:
        return f"<Report {self.unit_id} {self.period}>"


class ReportSection(db.Model):
    """The text of one point of a draft. `generated_text` is what the data gave the last
    time it was generated; once the office edits the text, generation never overwrites it
    and `edited_from` keeps the generated text the edit started from, so the draft can
    show that the data changed since."""

    __tablename__ = "report_sections"
    __table_args__ = (UniqueConstraint("report_id", "key"),)
    __audit_fields__ = ("key", "text", "edited", "carried_over")

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text, default="")
    generated_text: Mapped[str] = mapped_column(Text, default="")
    edited: Mapped[bool] = mapped_column(default=False)
    edited_from: Mapped[str | None] = mapped_column(Text)
    # Prose taken as it was from the previous signed report, not yet edited or kept.
    carried_over: Mapped[bool] = mapped_column(default=False, server_default=false())

    report: Mapped[Report] = relationship(back_populates="sections")

    @property
    def stale(self) -> bool:
        """Edited, and the data has changed since the edit began."""
        return self.edited and self.generated_text != (self.edited_from or "")
