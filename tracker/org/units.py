"""Units (đơn vị): created by the system, or since 2025 a commune by its province's admin
together with the commune's first admin; listed and found by their code."""

import re
import secrets
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tracker.audit.services import record_event
from tracker.core.actor import Actor
from tracker.core.clock import DEFAULT_TIMEZONE
from tracker.core.db import refusing_duplicates
from tracker.core.errors import NotFound, PermissionDenied
from tracker.core.roles import Role
from tracker.core.text import clean
from tracker.core.validation import Problems
from tracker.org.models import CommuneKind, Official, Unit, UnitLevel, UnitSettings
from tracker.org.policy import can_create_units_under, can_view_unit
from tracker.org.services import create_official

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
_UBND_PREFIX = re.compile(r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", re.IGNORECASE)


def create_unit(
    session: Session,
    actor: Actor,
    *,
    code: str,
    name: str,
    place_name: str,
    level: UnitLevel | str,
    parent: Unit | None = None,
    commune_kind: CommuneKind | str | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> Unit:
    """Create a unit with its default settings; a commune under a province (no district,
    as since 1 July 2025) gets the province's UBND and Sở Nội vụ as its Nơi nhận.

    :raise PermissionDenied: unless the actor is the system or, for a commune, the
        admin of the province it is created under.
    :raise ValidationFailed: empty or malformed code, code already used, empty name,
        unknown level or commune kind, a kind for a unit that is no commune.
    """
    if not can_create_units_under(actor, parent):
        raise PermissionDenied(_l("Chỉ quản trị hệ thống, hoặc quản trị của tỉnh đối với "
                                  "xã, phường trực thuộc, được tạo đơn vị."))
    problems = Problems()
    code = _checked_code(session, code, problems)
    name = clean(name)
    problems.require("name", name)
    level = problems.enum(UnitLevel, level, "level", _l("Cấp đơn vị không hợp lệ."))
    kind = _checked_kind(actor, level, commune_kind, problems)
    problems.raise_if_any()
    with refusing_duplicates(session, field="code",
                             message=_l("Mã đơn vị %(code)s đã có.", code=code)):
        unit = Unit(code=code, name=name, place_name=clean(place_name) or name, level=level,
                    commune_kind=kind, parent=parent, timezone=timezone,
                    settings=UnitSettings())
        session.add(unit)
        unit.settings.report_recipients = default_recipients(unit)
    return unit


@dataclass(frozen=True)
class NewCommune:
    unit: Unit
    admin: Official
    password: str | None  # generated, to be shown once; None when the creator chose it


def create_commune(
    session: Session, actor: Actor, province: Unit, *, unit: dict[str, Any],
    admin: dict[str, Any],
) -> NewCommune:
    """A commune under `province` and its first admin, in one step: both or neither.

    `unit`: code, name, place_name, commune_kind; `admin`: username, full_name, email,
    password (generated when empty). Field problems of the admin are named `admin_…`.

    :raise PermissionDenied: unless the actor is the system or the province's admin.
    :raise ValidationFailed: any field of the unit, else any field of the admin.
    """
    problems = Problems()
    new_unit = problems.gather(lambda: create_unit(
        session, actor, level=UnitLevel.COMMUNE, parent=province, **unit))
    password = clean(admin.pop("password", None) or "") or None
    generated = None if password else new_password()
    official = None
    if new_unit is not None:
        session.flush()
        official = problems.gather(lambda: create_official(
            session, actor, new_unit, role=Role.ADMIN, password=password or generated,
            must_change_password=True, **admin), prefix="admin_")
    problems.raise_if_any()
    record_event(session, actor, new_unit, "create", {
        "code": [None, new_unit.code], "name": [None, new_unit.name],
        "parent_id": [None, province.id], "admin": [None, official.username]},
        unit_id=new_unit.id)
    return NewCommune(new_unit, official, generated)


def list_units_below(session: Session, actor: Actor, parent: Unit) -> list[Unit]:
    """The units directly below `parent`, by name, with their officials loaded.

    :raise NotFound: a unit the actor may not see.
    """
    if not can_view_unit(actor, parent):
        raise NotFound(_l("Không tìm thấy đơn vị."))
    return list(session.scalars(select(Unit).where(Unit.parent_id == parent.id)
                                .options(selectinload(Unit.departments)).order_by(Unit.name)))


def unit_admins(session: Session, units: list[Unit]) -> dict[int, list[Official]]:
    """Each unit's active admins, in one query."""
    admins: dict[int, list[Official]] = {unit.id: [] for unit in units}
    rows = session.scalars(select(Official).where(
        Official.unit_id.in_(admins), Official.role == Role.ADMIN, Official.active.is_(True))
        .order_by(Official.id))
    for official in rows:
        admins[official.unit_id].append(official)
    return admins


def get_unit(session: Session, code: str) -> Unit:
    unit = session.scalar(select(Unit).where(Unit.code == clean(code).lower()))
    if unit is None:
        raise NotFound(_l("Không tìm thấy đơn vị %(code)s.", code=code))
    return unit


def default_recipients(unit: Unit) -> str:
    """Nơi nhận a new unit starts with: a commune under a province (the 2025 two levels)
    reports to the province's UBND through its Sở Nội vụ; others leave it to the report's
    default (the unit above, the leaders, Lưu: VT)."""
    parent = unit.parent
    if parent is None or parent.level != UnitLevel.PROVINCE or unit.level != UnitLevel.COMMUNE:
        return ""
    province = _UBND_PREFIX.sub("", parent.name)
    return "\n".join([parent.name, f"Sở Nội vụ {province}", f"CT, PCT {unit.name}", "Lưu: VT"])


def new_password() -> str:
    """A password to give once: 12 characters from 72 bits, no look-alike to misread."""
    alphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def _checked_code(session: Session, code: str, problems: Problems) -> str:
    code = clean(code).lower()
    if not code:
        problems.require("code", code)
    elif not CODE_PATTERN.match(code):
        problems.add("code", _l("Mã đơn vị gồm 2–40 chữ cái không dấu, chữ số hoặc dấu gạch "
                                "ngang, ví dụ pho-phong."))
    elif session.scalar(select(Unit.id).where(Unit.code == code)):
        problems.add("code", _l("Mã đơn vị %(code)s đã có.", code=code))
    return code


def _checked_kind(actor: Actor, level: UnitLevel | None, kind: Any,
                  problems: Problems) -> CommuneKind | None:
    if level != UnitLevel.COMMUNE:
        if kind:
            problems.add("commune_kind", _l("Chỉ xã, phường, đặc khu mới có loại này."))
        return None
    if not kind and actor.is_system:
        return CommuneKind.XA  # the command line's default, as most communes are
    if not kind:
        problems.require("commune_kind", kind)
        return None
    return problems.enum(CommuneKind, kind, "commune_kind",
                         _l("Chọn xã, phường hoặc đặc khu."))
