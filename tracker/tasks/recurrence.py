"""Recurring series: the next occurrence is assigned when one is done (tasks.services)
or, as here, once its due date has passed and the next period has started."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from tracker.org.models import Unit
from tracker.tasks.models import Task, TaskState
from tracker.tasks.services import assign_next_occurrence


def assign_due_occurrences(session: Session, unit: Unit, day: date) -> list[Task]:
    """Assign the next occurrence of every series whose latest task fell due before `day`
    (open or done; a cancelled task ends its series). Idempotent: a task has one successor."""
    successor = aliased(Task)
    latest = session.scalars(
        select(Task)
        .outerjoin(successor, successor.recurs_from_id == Task.id)
        .where(Task.unit_id == unit.id, Task.recurrence.is_not(None),
               Task.state != TaskState.CANCELLED, Task.due_date < day, successor.id.is_(None))
    ).all()
    return [task for task in (assign_next_occurrence(session, t) for t in latest) if task]
