"""Writing the audit log. Services call these in the same transaction as the change."""

from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from tracker.audit.models import AuditEntry
from tracker.core.actor import Actor


def snapshot(obj: Any) -> dict[str, Any]:
    """The audited fields of `obj` as JSON-ready values (the model's `__audit_fields__`)."""
    return {name: _plain(getattr(obj, name)) for name in type(obj).__audit_fields__}


def record_created(session: Session, actor: Actor, obj: Any, *, unit_id: int | None) -> None:
    after = snapshot(obj)
    _add(session, actor, obj, "create", {k: [None, v] for k, v in after.items()}, unit_id)


def record_updated(
    session: Session,
    actor: Actor,
    obj: Any,
    before: dict[str, Any],
    *,
    unit_id: int | None,
    action: str = "update",
) -> None:
    """Log the fields that differ from `before` (a `snapshot` taken before the change)."""
    after = snapshot(obj)
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if changes:
        _add(session, actor, obj, action, changes, unit_id)


def record_deleted(session: Session, actor: Actor, obj: Any, *, unit_id: int | None) -> None:
    before = snapshot(obj)
    _add(session, actor, obj, "delete", {k: [v, None] for k, v in before.items()}, unit_id)


def record_event(
    session: Session,
    actor: Actor,
    obj: Any,
    action: str,
    changes: dict[str, Any] | None = None,
    *,
    unit_id: int | None,
) -> None:
    """Log an action on `obj` that is not a plain field change (a password reset, say)."""
    _add(session, actor, obj, action, changes or {}, unit_id)


def _add(session, actor, obj, action, changes, unit_id) -> None:
    session.flush()  # the object needs its id before it can be referred to
    session.add(
        AuditEntry(
            actor_id=actor.id,
            unit_id=unit_id,
            entity_type=inspect(obj).mapper.class_.__tablename__,
            entity_id=obj.id,
            action=action,
            changes=changes,
        )
    )


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return sorted(_plain(v) for v in value)
    return value
