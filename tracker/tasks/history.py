"""Who did what to a task, read back from the audit log in the task's own terms:
officials by name, dates as dates, areas and states as their labels."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.audit.models import AuditEntry
from tracker.core.reform_areas import ReformArea
from tracker.org.models import Official
from tracker.tasks.models import Task, TaskState

_PEOPLE = {"lead_id", "coordinator_ids", "follower_ids"}
_DATES = {"due_date", "completed_on", "cancelled_on"}
# Changes a reader follows on the task page; the rest stay in the audit log.
SHOWN_FIELDS = ("title", "reform_area", "lead_id", "coordinator_ids", "follower_ids",
                "due_date", "due_wording", "state", "completed_on", "awaiting_confirmation",
                "cancel_reason")


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Change:
    at: datetime
    actor: str | None  # None: the system (the scheduler, the command line)
    action: str
    fields: list[FieldChange]


def task_history(session: Session, task: Task) -> list[Change]:
    """The task's audit entries, newest first, in two queries."""
    entries = list(session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == Task.__tablename__, AuditEntry.entity_id == task.id)
        .order_by(AuditEntry.id.desc())))
    names = _names(session, entries)
    return [Change(entry.at, names.get(entry.actor_id), entry.action, [
        FieldChange(field, _value(field, before, names), _value(field, after, names))
        for field, (before, after) in sorted(entry.changes.items(), key=_shown_order)
        if field in SHOWN_FIELDS]) for entry in entries]


def _names(session: Session, entries: list[AuditEntry]) -> dict[int, str]:
    ids = {entry.actor_id for entry in entries if entry.actor_id}
    for entry in entries:
        for field in _PEOPLE & entry.changes.keys():
            for value in entry.changes[field]:
                ids.update(value if isinstance(value, list) else [value] if value else [])
    rows = session.execute(select(Official.id, Official.full_name).where(Official.id.in_(ids)))
    return dict(rows.all())


def _value(field: str, value: Any, names: dict[int, str]) -> Any:
    if value is None:
        return None
    if field in _PEOPLE:
        people = value if isinstance(value, list) else [value]
        return ", ".join(names.get(i, "?") for i in people)
    if field in _DATES:
        return date.fromisoformat(value)
    if field == "reform_area":
        return ReformArea(value).label
    if field == "state":
        return TaskState(value).label
    return value


def _shown_order(item: tuple[str, Any]) -> int:
    field = item[0]
    return SHOWN_FIELDS.index(field) if field in SHOWN_FIELDS else len(SHOWN_FIELDS)
