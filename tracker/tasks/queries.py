"""Reading tasks for pages and reports. Counts are computed in the database."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from tracker.org.models import Official, Unit
from tracker.tasks.models import Task, TaskState
from tracker.tasks.status import TaskClass, task_class_sql


def count_by_class(session: Session, unit: Unit, day: date) -> dict[TaskClass, int]:
    """How many of the unit's tasks fall in each class on `day` (every class present)."""
    task_class = task_class_sql(day)
    rows = session.execute(
        select(task_class, func.count()).where(Task.unit_id == unit.id).group_by(task_class)
    )
    counts = dict.fromkeys(TaskClass, 0)
    counts.update({TaskClass(name): count for name, count in rows})
    return counts


def open_tasks(
    session: Session, unit: Unit, *, lead: Official | None = None, limit: int = 20
) -> list[Task]:
    """Open tasks, the earliest due first and ongoing ones last, with what a list shows."""
    query = (
        select(Task)
        .where(Task.unit_id == unit.id, Task.state == TaskState.OPEN)
        .order_by(Task.due_date.is_(None), Task.due_date, Task.id)
        .options(selectinload(Task.lead), selectinload(Task.document))
        .limit(limit)
    )
    if lead is not None:
        query = query.where(Task.lead_id == lead.id)
    return list(session.scalars(query))
