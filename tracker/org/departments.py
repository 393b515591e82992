"""A unit's departments (bộ phận): created, renamed, reordered, closed and reopened by the
unit's admin; found by id, or by code or name for the commands."""

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.audit.services import record_created, record_updated, snapshot
from tracker.core.actor import Actor
from tracker.core.db import refusing_duplicates
from tracker.core.errors import NotFound
from tracker.core.text import clean, fold
from tracker.core.validation import REQUIRED, Problems
from tracker.org.models import Department, Official, Unit
from tracker.org.policy import can_view_unit, require_unit_admin

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,19}$")
MAX_NAME_LENGTH = 150
_TAKEN = _l("Bộ phận này vừa được người khác tạo hoặc đổi tên.")


def create_department(
    session: Session, actor: Actor, unit: Unit, *, name: str, code: str | None = None,
    position: int | None = None,
) -> Department:
    """Add a department, last in the unit's order unless `position` is given.

    :raise PermissionDenied: unless the actor is the unit's admin.
    :raise ValidationFailed: empty, too long or taken name; malformed or taken code.
    """
    require_unit_admin(actor, unit)
    problems = Problems()
    name = _checked_name(session, unit, name, problems)
    code = _checked_code(session, unit, code, problems)
    problems.raise_if_any()
    if position is None:
        position = 1 + (session.scalar(select(func.max(Department.position))
                                       .where(Department.unit_id == unit.id)) or 0)
    with refusing_duplicates(session, field="name", message=_TAKEN):
        department = Department(unit=unit, name=name, code=code, position=position)
        session.add(department)
    record_created(session, actor, department, unit_id=unit.id)
    return department


def update_department(
    session: Session, actor: Actor, department: Department, **changes: Any
) -> Department:
    """Rename, recode, move (`position`, 1 = first) or close / reopen (`active`).

    :raise PermissionDenied: unless the actor is the department's unit's admin.
    :raise ValidationFailed: bad name or code, a position that is not a whole number
        from 1, closing a department that holds active officials or compiles the report.
    """
    unit = department.unit
    require_unit_admin(actor, unit)
    before = snapshot(department)
    problems = Problems()
    values: dict[str, Any] = {}
    if "name" in changes:
        values["name"] = _checked_name(session, unit, changes["name"], problems, department)
    if "code" in changes:
        values["code"] = _checked_code(session, unit, changes["code"], problems, department)
    if "active" in changes:
        values["active"] = _checked_active(session, department, changes["active"], problems)
    position = changes.get("position")
    if position is not None and (isinstance(position, bool) or not isinstance(position, int)
                                 or position < 1):
        problems.add("position", _l("Thứ tự là một số nguyên từ 1."))
    problems.raise_if_any()
    with refusing_duplicates(session, field="name", message=_TAKEN):
        for name, value in values.items():
            setattr(department, name, value)
        if position is not None:
            _move_to(unit, department, position)
    record_updated(session, actor, department, before, unit_id=unit.id)
    return department


def move_department(session: Session, actor: Actor, department: Department, step: int) -> None:
    """One place up (`step` -1) or down (+1) in the unit's order; the ends stay put."""
    ordered = _ordered(department.unit)
    index = ordered.index(department) + step
    update_department(session, actor, department, position=min(max(index, 0), len(ordered) - 1) + 1)


def get_department(session: Session, actor: Actor, department_id: int) -> Department:
    """:raise NotFound: no such department, or one of a unit the actor may not see."""
    department = session.get(Department, department_id)
    if department is None or not can_view_unit(actor, department.unit):
        raise NotFound(_l("Không tìm thấy bộ phận."))
    return department


def find_department(session: Session, unit: Unit, handle: str) -> Department:
    """The unit's department with this code, else this name (diacritics and case aside).

    :raise NotFound: none, or two names that fold alike.
    """
    wanted = clean(handle)
    by_code = [d for d in unit.departments if d.code and d.code == wanted.lower()]
    matches = by_code or [d for d in unit.departments if fold(d.name) == fold(wanted)]
    if len(matches) != 1:
        raise NotFound(_l("Không tìm thấy bộ phận %(name)s trong đơn vị.", name=wanted))
    return matches[0]


def department_members(session: Session, department: Department) -> list[Official]:
    """The department's officials, active ones first, by name key."""
    return list(session.scalars(
        select(Official).where(Official.department_id == department.id)
        .order_by(Official.active.desc(), Official.name_key)))


def _checked_name(session: Session, unit: Unit, name: Any, problems: Problems,
                  department: Department | None = None) -> str:
    name = clean(name if isinstance(name, str) else "")
    if not name:
        problems.add("name", REQUIRED)
    elif len(name) > MAX_NAME_LENGTH:
        problems.add("name", _l("Tên bộ phận tối đa %(n)d ký tự.", n=MAX_NAME_LENGTH))
    elif _taken(session, unit, Department.name, name, department):
        problems.add("name", _l("Bộ phận %(name)s đã có.", name=name))
    return name


def _checked_code(session: Session, unit: Unit, code: Any, problems: Problems,
                  department: Department | None = None) -> str | None:
    code = clean(code if isinstance(code, str) else "").lower()
    if not code:
        return None
    if not CODE_PATTERN.match(code):
        problems.add("code", _l("Mã bộ phận gồm tối đa 20 chữ cái không dấu, chữ số hoặc "
                                "dấu gạch ngang, ví dụ vp."))
    elif _taken(session, unit, Department.code, code, department):
        problems.add("code", _l("Mã bộ phận %(code)s đã có.", code=code))
    return code


def _taken(session: Session, unit: Unit, column: Any, value: str,
           department: Department | None) -> bool:
    query = select(Department.id).where(Department.unit_id == unit.id, column == value)
    if department is not None:
        query = query.where(Department.id != department.id)
    return session.scalar(query) is not None


def _checked_active(session: Session, department: Department, active: Any,
                    problems: Problems) -> bool:
    if not isinstance(active, bool):
        problems.add("active", _l("Cần true hoặc false."))
        return department.active
    if active or not department.active:
        return active
    members = session.scalar(select(func.count()).where(
        Official.department_id == department.id, Official.active.is_(True)))
    if members:
        problems.add("active", _l("Bộ phận còn %(n)d cán bộ đang làm việc: chuyển họ sang bộ "
                                  "phận khác trước khi ngừng.", n=members))
    settings = department.unit.settings
    if settings is not None and settings.office_department_id == department.id:
        problems.add("active", _l("Đây là bộ phận tổng hợp báo cáo của đơn vị: chọn bộ phận "
                                  "khác trong Cài đặt trước khi ngừng."))
    return active


def _ordered(unit: Unit) -> list[Department]:
    return sorted(unit.departments, key=lambda d: (d.position, d.id))


def _move_to(unit: Unit, department: Department, position: int) -> None:
    ordered = [d for d in _ordered(unit) if d is not department]
    ordered.insert(min(position, len(ordered) + 1) - 1, department)
    for number, each in enumerate(ordered, 1):
        each.position = number
