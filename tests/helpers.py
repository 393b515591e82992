"""Small helpers shared by tests of several domains."""

from sqlalchemy import func, select

from tracker.audit.models import AuditEntry
from tracker.extensions import db


def count_rows(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def audit_actions(entity) -> list[str]:
    """The audit log's actions on one object, oldest first."""
    query = (
        select(AuditEntry.action)
        .where(AuditEntry.entity_type == entity.__tablename__, AuditEntry.entity_id == entity.id)
        .order_by(AuditEntry.id)
    )
    return list(db.session.scalars(query))
