from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.clock import now_utc
from tracker.core.db import UTCDateTime, enum_column
from tracker.core.reform_areas import ReformArea
from tracker.documents.models import Document
from tracker.extensions import db
from tracker.org.models import Official, Unit


class Recurrence(StrEnum):
    """Deliverables that repeat: each occurrence is a task of its own."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"

    @property
    def months(self) -> int:
        return {"monthly": 1, "quarterly": 3, "yearly": 12}[self.value]

    @property
    def label(self) -> str:
        return str(_RECURRENCE_LABELS[self])


class TaskState(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return str(_STATE_LABELS[self])


_RECURRENCE_LABELS = {
    Recurrence.MONTHLY: _l("Hằng tháng"),
    Recurrence.QUARTERLY: _l("Hằng quý"),
    Recurrence.YEARLY: _l("Hằng năm"),
}
_STATE_LABELS = {
    TaskState.OPEN: _l("Đang thực hiện"),
    TaskState.DONE: _l("Đã hoàn thành"),
    TaskState.CANCELLED: _l("Đã hủy / tạm dừng"),
}


task_coordinators = Table(
    "task_coordinators",
    db.metadata,
    Column("task_id", ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
    Column("official_id", ForeignKey("officials.id"), primary_key=True, index=True),
)

task_followers = Table(
    "task_followers",
    db.metadata,
    Column("task_id", ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
    Column("official_id", ForeignKey("officials.id"), primary_key=True, index=True),
)


class Task(db.Model):
    """One piece of work a document assigns (or the chairman assigns directly)."""

    __tablename__ = "tasks"
    __table_args__ = (
        # Holds every column the task's class reads: counts by class read the index alone.
        Index("ix_tasks_unit_classes", "unit_id", "state", "due_date", "completed_on",
              "cancelled_on"),
        # The dashboard's one pass (by area, lead and class) reads this index alone.
        Index("ix_tasks_unit_area_lead_classes", "unit_id", "reform_area", "lead_id", "state",
              "due_date", "completed_on", "cancelled_on"),
        Index("ix_tasks_lead_state", "lead_id", "state"),
        Index("ix_tasks_unit_state_next_scan", "unit_id", "state", "next_scan_on"),
        # The daily scan's look for series to continue reads the unit's recurring tasks
        # alone, not every task of the unit.
        Index("ix_tasks_unit_recurring", "unit_id", "due_date",
              sqlite_where=text("recurrence IS NOT NULL"),
              postgresql_where=text("recurrence IS NOT NULL")),
        # Search within a unit: a trigram GIN index on PostgreSQL (LIKE '%…%' served from
        # it), on SQLite a covering index the unit's LIKE scan reads instead of the rows.
        Index("ix_tasks_unit_search_text", "unit_id", "search_text", postgresql_using="gin",
              postgresql_ops={"search_text": "gin_trgm_ops"}),
        CheckConstraint("progress_percent BETWEEN 0 AND 100", name="progress_range"),
        CheckConstraint("state <> 'done' OR completed_on IS NOT NULL", name="done_has_date"),
        CheckConstraint(
            "state <> 'cancelled' OR (cancelled_on IS NOT NULL AND cancel_reason IS NOT NULL)",
            name="cancelled_has_reason",
        ),
    )
    __audit_fields__ = (
        "title", "description", "reform_area", "document_id", "lead_id", "coordinator_ids",
        "follower_ids", "due_date", "due_wording", "recurrence", "state", "progress_percent",
        "completed_on", "result", "awaiting_confirmation", "cancelled_on", "cancel_reason",
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    reform_area: Mapped[ReformArea] = mapped_column(enum_column(ReformArea, 30))
    title: Mapped[str] = mapped_column(Text)
    title_key: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    # What search reads: the folded title, description, document and lead (search_text.py).
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    lead_id: Mapped[int] = mapped_column(ForeignKey("officials.id"))
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    # No due date: an ongoing ("thường xuyên") task.
    due_date: Mapped[date | None] = mapped_column()
    # The deadline as the plan wrote it ("Quý II/2023"), shown beside the date.
    due_wording: Mapped[str | None] = mapped_column(Text)
    state: Mapped[TaskState] = mapped_column(enum_column(TaskState), default=TaskState.OPEN)
    progress_percent: Mapped[int] = mapped_column(Integer, default=0)
    completed_on: Mapped[date | None] = mapped_column()
    result: Mapped[str | None] = mapped_column(Text)
    cancelled_on: Mapped[date | None] = mapped_column()
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    recurrence: Mapped[Recurrence | None] = mapped_column(enum_column(Recurrence))
    # The occurrence this one follows; unique, so each occurrence has one successor.
    recurs_from_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"), unique=True)
    # The task of the unit above that this one is the unit's copy of (assigned down).
    parent_task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"), index=True)
    # Done by the lead, waiting for whoever assigned it to confirm (a unit setting).
    awaiting_confirmation: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The day the daily scan first found the task overdue; cleared when the due date moves.
    overdue_flagged_on: Mapped[date | None] = mapped_column()
    # The next day the daily scan may owe a reminder for it; null: work it out now.
    next_scan_on: Mapped[date | None] = mapped_column()
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)

    __mapper_args__ = {"version_id_col": version}

    unit: Mapped[Unit] = relationship()
    document: Mapped[Document | None] = relationship()
    lead: Mapped[Official] = relationship(foreign_keys=[lead_id])
    assigned_by: Mapped[Official | None] = relationship(foreign_keys=[assigned_by_id])
    coordinators: Mapped[list[Official]] = relationship(secondary=task_coordinators)
    followers: Mapped[list[Official]] = relationship(secondary=task_followers)
    progress_updates: Mapped[list["ProgressUpdate"]] = relationship(
        back_populates="task", order_by="ProgressUpdate.created_at"
    )
    extension_requests: Mapped[list["ExtensionRequest"]] = relationship(
        back_populates="task", order_by="ExtensionRequest.id"
    )
    parent: Mapped["Task | None"] = relationship(
        remote_side=[id], foreign_keys=[parent_task_id], back_populates="copies")
    copies: Mapped[list["Task"]] = relationship(
        foreign_keys=[parent_task_id], back_populates="parent", order_by="Task.id")

    @property
    def source_document(self) -> Document | None:
        """The document the task carries out: its own, or for a copy of a task from
        above, the document of the unit above (which is not in the unit's registry)."""
        if self.document is None and self.parent is not None:
            return self.parent.document
        return self.document

    @property
    def coordinator_ids(self) -> list[int]:
        return sorted(official.id for official in self.coordinators)

    @property
    def follower_ids(self) -> list[int]:
        return sorted(official.id for official in self.followers)

    def __repr__(self) -> str:
        return f"<Task {self.id} {self.state}>"


class ProgressUpdate(db.Model):
    """A step reported on a task: the percent reached and what was done."""

    __tablename__ = "progress_updates"
    __audit_fields__ = ("task_id", "percent", "note")

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    # Null for a note that does not change the percent (a coordinator's note).
    percent: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    # An evidence file (minutes, a photo, a scanned report), kept like documents' files.
    evidence_name: Mapped[str | None] = mapped_column(String(255))
    evidence_path: Mapped[str | None] = mapped_column(String(255))
    evidence_type: Mapped[str | None] = mapped_column(String(100))
    evidence_size: Mapped[int | None] = mapped_column(Integer)

    task: Mapped[Task] = relationship(back_populates="progress_updates")
    author: Mapped[Official | None] = relationship()


class ExtensionState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ExtensionRequest(db.Model):
    """A lead's request to move a task's due date (gia hạn) and its decision.

    The requests of a task are its history of due dates: each keeps the date in force
    when it was asked for and the one granted.
    """

    __tablename__ = "extension_requests"
    __table_args__ = (
        # At most one request of a task waits for a decision, whatever races.
        Index("uq_extension_requests_pending", "task_id", unique=True,
              sqlite_where=text("state = 'pending'"),
              postgresql_where=text("state = 'pending'")),
    )
    __audit_fields__ = ("state", "proposed_due_date", "granted_due_date", "reason",
                        "decision_note")

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("officials.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    due_date_before: Mapped[date] = mapped_column()
    proposed_due_date: Mapped[date] = mapped_column()
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[ExtensionState] = mapped_column(
        enum_column(ExtensionState), default=ExtensionState.PENDING)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    granted_due_date: Mapped[date | None] = mapped_column()
    decision_note: Mapped[str | None] = mapped_column(Text)

    task: Mapped[Task] = relationship(back_populates="extension_requests")
    requested_by: Mapped[Official] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[Official | None] = relationship(foreign_keys=[decided_by_id])
