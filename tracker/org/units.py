"""Units (đơn vị): creating them and finding one by its code."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.actor import Actor
from tracker.core.clock import DEFAULT_TIMEZONE
from tracker.core.db import refusing_duplicates
from tracker.core.errors import NotFound, PermissionDenied
from tracker.core.text import clean
from tracker.core.validation import Problems
from tracker.org.models import Unit, UnitLevel, UnitSettings


def create_unit(
    session: Session,
    actor: Actor,
    *,
    code: str,
    name: str,
    place_name: str,
    level: UnitLevel | str,
    parent: Unit | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> Unit:
    """Create a unit. Only the system (command line) creates units.

    :raise PermissionDenied: for any official.
    :raise ValidationFailed: empty name, unknown level, code already used.
    """
    if not actor.is_system:
        raise PermissionDenied(_l("Chỉ quản trị hệ thống được tạo đơn vị."))
    code, name = clean(code).lower(), clean(name)
    problems = Problems()
    problems.require("code", code)
    problems.require("name", name)
    level = problems.enum(UnitLevel, level, "level", _l("Cấp đơn vị không hợp lệ."))
    if code and session.scalar(select(Unit.id).where(Unit.code == code)):
        problems.add("code", _l("Mã đơn vị %(code)s đã có.", code=code))
    problems.raise_if_any()
    unit = Unit(
        code=code,
        name=name,
        place_name=clean(place_name) or name,
        level=level,
        parent_id=parent.id if parent else None,
        timezone=timezone,
        settings=UnitSettings(),
    )
    with refusing_duplicates(session, field="code",
                             message=_l("Mã đơn vị %(code)s đã có.", code=code)):
        session.add(unit)
    return unit


def get_unit(session: Session, code: str) -> Unit:
    unit = session.scalar(select(Unit).where(Unit.code == clean(code).lower()))
    if unit is None:
        raise NotFound(_l("Không tìm thấy đơn vị %(code)s.", code=code))
    return unit
