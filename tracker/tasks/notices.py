"""What the people of a task are told, and who is told when a decision is needed."""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from tracker.notifications.models import NotificationKind
from tracker.notifications.services import enqueue
from tracker.org.leaders import unit_leaders
from tracker.org.models import Official
from tracker.tasks.models import Task
from tracker.tasks.policy import can_assign


def deciders_of(session: Session, task: Task) -> list[Official]:
    """Who decides on a task's extension or completion: whoever assigned it, if they
    still lead the unit; else the unit's chairman and vice-chairmen."""
    if task.assigned_by and task.assigned_by.active and can_assign(task.assigned_by, task.unit):
        return [task.assigned_by]
    return unit_leaders(session, task.unit)


def tell(session: Session, recipients: list[Official], kind: NotificationKind, task: Task,
         details: dict[str, Any], *, due: date | None = None, round_: int | None = None) -> None:
    """Notify `recipients` about `task`. `round_` (default: the task's version) tells
    each occasion apart, so a task completed, returned and completed again, or asked
    to be extended twice, is announced each time — and each occasion only once."""
    payload = {"title": task.title, "due": iso_day(task.due_date)} | details
    for official in recipients:
        enqueue(session, task.unit, official, kind, payload, task_id=task.id,
                due=due or task.due_date, offset=task.version if round_ is None else round_)


def announce_assignment(session: Session, task: Task) -> None:
    """Tell the lead and coordinators; someone already told is not told again."""
    source = task.source_document
    payload = {"title": task.title, "due": iso_day(task.due_date),
               "document": source.reference if source else None}
    for official, role in [(task.lead, "lead")] + [(c, "coordinator") for c in task.coordinators]:
        enqueue(session, task.unit, official, NotificationKind.ASSIGNED,
                payload | {"role": role}, task_id=task.id)


def iso_day(day: date | None) -> str | None:
    return day.isoformat() if day else None
