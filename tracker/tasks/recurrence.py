"""Recurring series: the next occurrence is assigned when one is done (tasks.services)
or, as here, once its due date has passed and the next period has started."""

from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from tracker.org.models import Unit
from tracker.tasks.models import Task, TaskState
from tracker.tasks.services import assign_next_occurrence

_SUCCESSORS = Task.__table__.alias("successor")
# Built once: the daily scan runs it for every unit, and building it (its alias above
# all) cost more than running it. `recurrence IS NOT NULL` is ix_tasks_unit_recurring's
# condition: the unit's recurring tasks are read from that index alone.
_LATEST_OF_SERIES = (
    select(Task)
    .outerjoin(_SUCCESSORS, _SUCCESSORS.c.recurs_from_id == Task.id)
    .where(Task.unit_id == bindparam("unit_id"), Task.recurrence.is_not(None),
           Task.state != TaskState.CANCELLED, Task.due_date < bindparam("day"),
           _SUCCESSORS.c.id.is_(None))
)


def assign_due_occurrences(session: Session, unit: Unit, day: date) -> list[Task]:
    """Assign the next occurrence of every series whose latest task fell due before `day`
    (open or done; a cancelled task ends its series). Idempotent: a task has one successor."""
    latest = session.scalars(_LATEST_OF_SERIES, {"unit_id": unit.id, "day": day}).all()
    return [task for task in (assign_next_occurrence(session, t) for t in latest) if task]
