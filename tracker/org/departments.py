"""A unit's departments (bộ phận): creating them and finding one."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.actor import Actor
from tracker.core.db import refusing_duplicates
from tracker.core.errors import NotFound, ValidationFailed
from tracker.core.text import clean
from tracker.core.validation import REQUIRED
from tracker.org.models import Department, Unit
from tracker.org.policy import can_view_unit, require_officials_manager


def create_department(
    session: Session, actor: Actor, unit: Unit, *, name: str, position: int = 0
) -> Department:
    """:raise PermissionDenied: unless the actor manages the unit's officials."""
    require_officials_manager(actor, unit)
    name = clean(name)
    if not name:
        raise ValidationFailed.on("name", REQUIRED)
    exists = select(Department.id).where(Department.unit_id == unit.id, Department.name == name)
    if session.scalar(exists):
        raise ValidationFailed.on("name", _l("Bộ phận %(name)s đã có.", name=name))
    with refusing_duplicates(session, field="name",
                             message=_l("Bộ phận %(name)s đã có.", name=name)):
        department = Department(unit_id=unit.id, name=name, position=position)
        session.add(department)
    return department


def get_department(session: Session, actor: Actor, department_id: int) -> Department:
    """:raise NotFound: no such department, or one of a unit the actor may not see."""
    department = session.get(Department, department_id)
    if department is None or not can_view_unit(actor, department.unit):
        raise NotFound(_l("Không tìm thấy bộ phận."))
    return department
