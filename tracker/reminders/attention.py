"""What a day's scan reads: the tasks that may owe something on the day, as plain rows
of the columns its rules use, and the active officials they name. Two queries a unit,
whatever its size, and no ORM object per task."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import CompoundSelect, bindparam, select, union_all
from sqlalchemy.orm import Session

from tracker.documents.models import Document
from tracker.documents.types import format_reference
from tracker.org.models import Official
from tracker.tasks.models import Task, TaskState, task_coordinators


@dataclass
class TaskRow:
    """A task as the scan sees it; the scan moves `next_scan_on` and `overdue_flagged_on`
    on, and writes them back beside the `version` it read."""

    id: int
    version: int
    title: str
    due_date: date
    lead_id: int
    assigned_by_id: int | None
    lead_name: str
    document: str | None  # its reference ("14/KH-UBND")
    overdue_flagged_on: date | None
    next_scan_on: date | None
    coordinator_ids: list[int] = field(default_factory=list)

    @property
    def official_ids(self) -> set[int]:
        return {self.lead_id, *self.coordinator_ids} | (
            {self.assigned_by_id} if self.assigned_by_id else set())


def _ids_needing_attention() -> CompoundSelect:
    """Two ranges of the index (unit, state, next scan day) joined: written as one OR,
    SQLite reads every open task of the unit instead (20 times slower at 1,000 a unit)."""
    open_here = (Task.unit_id == bindparam("unit_id"), Task.state == TaskState.OPEN)
    return union_all(select(Task.id).where(*open_here, Task.next_scan_on <= bindparam("day")),
                     select(Task.id).where(*open_here, Task.next_scan_on.is_(None)))


# Built once: a scan runs them for every unit, and building the statement each time cost
# more than running it. A task comes once with each of its coordinators (once alone
# without any): one query for both.
_TASKS = (
    select(Task.id, Task.version, Task.title, Task.due_date, Task.lead_id, Task.assigned_by_id,
           Official.full_name, Task.document_id, Document.number, Document.symbol,
           Task.overdue_flagged_on, Task.next_scan_on,
           task_coordinators.c.official_id.label("coordinator_id"))
    .join(Official, Official.id == Task.lead_id)
    .outerjoin(Document, Document.id == Task.document_id)
    .outerjoin(task_coordinators, task_coordinators.c.task_id == Task.id)
    .where(Task.id.in_(_ids_needing_attention()), Task.due_date.is_not(None))
    .order_by(Task.id, task_coordinators.c.official_id)
)
_ACTIVE_OFFICIALS = select(Official).where(Official.id.in_(bindparam("ids", expanding=True)),
                                           Official.active)


def tasks_needing_attention(session: Session, unit_id: int, day: date) -> list[TaskRow]:
    """The unit's open tasks with a due date whose next scan day has come (or that have
    none yet), by id."""
    tasks: dict[int, TaskRow] = {}
    for row in session.execute(_TASKS, {"unit_id": unit_id, "day": day}):
        task = tasks.get(row.id) or tasks.setdefault(row.id, _task_row(row))
        if row.coordinator_id is not None:
            task.coordinator_ids.append(row.coordinator_id)
    return list(tasks.values())


def active_officials_named(session: Session, tasks: list[TaskRow]) -> dict[int, Official]:
    """The active officials the tasks name (leads, coordinators, who assigned), by id."""
    ids = set().union(*(task.official_ids for task in tasks))
    if not ids:
        return {}
    found = session.scalars(_ACTIVE_OFFICIALS, {"ids": list(ids)})
    return {official.id: official for official in found}


def _task_row(row) -> TaskRow:
    document = format_reference(row.number, row.symbol) if row.document_id else None
    return TaskRow(id=row.id, version=row.version, title=row.title, due_date=row.due_date,
                   lead_id=row.lead_id, assigned_by_id=row.assigned_by_id,
                   lead_name=row.full_name, document=document,
                   overdue_flagged_on=row.overdue_flagged_on, next_scan_on=row.next_scan_on)
