"""An official's own open tasks ("Việc của tôi"): those they lead and those they
coordinate, apart, each the most urgent first and a page at most, with the true counts."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, load_only, selectinload
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import ScalarSelect

from tracker.core.paging import PER_PAGE, Page
from tracker.org.models import Official
from tracker.tasks.models import Task, TaskState
from tracker.tasks.queries import coordinated_by


@dataclass(frozen=True)
class OwnTasks:
    leading: Page[Task]
    coordinating: Page[Task]


def own_open_tasks(session: Session, official: Official, *, limit: int = PER_PAGE) -> OwnTasks:
    """The first `limit` open tasks the official leads and those they coordinate in their
    unit, overdue first, then due soon, then the rest by due date, ongoing last — which is
    the order of the due date, ongoing last, and the task list's by due date — with how
    many there are of each; the same queries however many tasks they have."""
    leading, coordinating = _leading(official), _coordinating(official)
    counts = session.execute(select(_count(leading), _count(coordinating))).one()
    return OwnTasks(
        leading=Page(_first(session, leading, limit), counts[0], 1, limit),
        coordinating=Page(_first(session, coordinating, limit), counts[1], 1, limit),
    )


def _leading(official: Official) -> list[ColumnElement[bool]]:
    return [*_open_in_unit(official), Task.lead_id == official.id]


def _coordinating(official: Official) -> list[ColumnElement[bool]]:
    return [*_open_in_unit(official), coordinated_by(official.id)]


def _open_in_unit(official: Official) -> list[ColumnElement[bool]]:
    return [Task.unit_id == official.unit_id, Task.state == TaskState.OPEN]


def _count(conditions: list[ColumnElement[bool]]) -> ScalarSelect[int]:
    return select(func.count()).select_from(Task).where(*conditions).scalar_subquery()


def _first(session: Session, conditions: list[ColumnElement[bool]], limit: int) -> list[Task]:
    query = (
        select(Task).where(*conditions)
        # Ongoing tasks (no due date) last: PostgreSQL reads an index on the due date so.
        .order_by(Task.due_date.asc().nulls_last(), Task.id)
        .options(_TABLE_COLUMNS, joinedload(Task.lead), joinedload(Task.document),
                 selectinload(Task.coordinators))
        .limit(limit)
    )
    return list(session.scalars(query))


# What a table of tasks (templates/macros/tasks.html) reads of a task; the long texts
# (description, result, what search reads) stay in the database.
_TABLE_COLUMNS = load_only(
    Task.title, Task.unit_id, Task.document_id, Task.lead_id, Task.due_date, Task.state,
    Task.progress_percent, Task.completed_on, Task.cancelled_on, Task.awaiting_confirmation)
