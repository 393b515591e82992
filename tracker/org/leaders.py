"""Who leads a unit (its active chairman and vice-chairmen, Role.leads_unit) and who
compiles its report."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.roles import Role
from tracker.org.models import Official, Unit

LEADING_ROLES = tuple(role for role in Role if role.leads_unit)


def unit_leaders(session: Session, unit: Unit) -> list[Official]:
    """The unit's active chairman and vice-chairmen, in the order they were added."""
    return officials_in_roles(session, unit, LEADING_ROLES)


def officials_in_roles(session: Session, unit: Unit, roles: Sequence[Role]) -> list[Official]:
    """The unit's active officials in `roles`, in the order they were added."""
    return list(session.scalars(
        select(Official)
        .where(Official.unit_id == unit.id, Official.active.is_(True), Official.role.in_(roles))
        .order_by(Official.id)
    ))


def report_compilers(session: Session, unit: Unit) -> list[Official]:
    """Who compiles the unit's report and is reminded of it: the officials of its office
    (Văn phòng, a unit setting); the unit's leaders when no office is set."""
    department_id = unit.settings.office_department_id if unit.settings else None
    if not department_id:
        return unit_leaders(session, unit)
    return list(session.scalars(select(Official).where(
        Official.unit_id == unit.id, Official.active.is_(True),
        Official.department_id == department_id).order_by(Official.id)))
