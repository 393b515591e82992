"""Who leads a unit: its active chairman and vice-chairmen (Role.leads_unit)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.roles import Role
from tracker.org.models import Official, Unit

LEADING_ROLES = tuple(role for role in Role if role.leads_unit)


def unit_leaders(session: Session, unit: Unit) -> list[Official]:
    """The unit's active chairman and vice-chairmen, in the order they were added."""
    return list(session.scalars(
        select(Official)
        .where(Official.unit_id == unit.id, Official.active.is_(True),
               Official.role.in_(LEADING_ROLES))
        .order_by(Official.id)
    ))
