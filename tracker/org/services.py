"""Units, departments and officials: creating them, passwords, deactivation."""

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from tracker.audit.services import record_created, record_event, record_updated, snapshot
from tracker.core.actor import Actor
from tracker.core.clock import DEFAULT_TIMEZONE
from tracker.core.db import refusing_duplicates
from tracker.core.errors import NotFound, PermissionDenied, ValidationFailed
from tracker.core.roles import Role
from tracker.core.text import clean, fold
from tracker.org.models import Department, Official, Unit, UnitLevel, UnitSettings
from tracker.org.policy import can_manage_officials, can_view_unit
from tracker.org.sessions import revoke_credentials

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,59}$")
MIN_PASSWORD_LENGTH = 8


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
    if not code or not name:
        raise ValidationFailed.on("name" if code else "code", _l("Trường này là bắt buộc."))
    if session.scalar(select(Unit.id).where(Unit.code == code)):
        raise ValidationFailed.on("code", _l("Mã đơn vị %(code)s đã có.", code=code))
    unit = Unit(
        code=code,
        name=name,
        place_name=clean(place_name) or name,
        level=_parse_enum(UnitLevel, level, "level", _l("Cấp đơn vị không hợp lệ.")),
        parent_id=parent.id if parent else None,
        timezone=timezone,
        settings=UnitSettings(),
    )
    with refusing_duplicates(session, field="code",
                             message=_l("Mã đơn vị %(code)s đã có.", code=code)):
        session.add(unit)
    return unit


def create_department(
    session: Session, actor: Actor, unit: Unit, *, name: str, position: int = 0
) -> Department:
    """:raise PermissionDenied: unless the actor manages the unit's officials."""
    _require_manager(actor, unit)
    name = clean(name)
    if not name:
        raise ValidationFailed.on("name", _l("Trường này là bắt buộc."))
    exists = select(Department.id).where(Department.unit_id == unit.id, Department.name == name)
    if session.scalar(exists):
        raise ValidationFailed.on("name", _l("Bộ phận %(name)s đã có.", name=name))
    with refusing_duplicates(session, field="name",
                             message=_l("Bộ phận %(name)s đã có.", name=name)):
        department = Department(unit_id=unit.id, name=name, position=position)
        session.add(department)
    return department


def create_official(
    session: Session,
    actor: Actor,
    unit: Unit,
    *,
    username: str,
    password: str | None = None,
    full_name: str,
    role: Role | str,
    position: str = "",
    email: str | None = None,
    phone: str | None = None,
    department: Department | None = None,
    password_hash: str | None = None,
) -> Official:
    """Create an official who can sign in, with `password` or, for accounts that share
    one (the demo's), the `password_hash` of an official created before.

    :raise PermissionDenied: unless the actor is the unit's admin (or the system).
    :raise ValidationFailed: bad or taken username or e-mail, short password,
        empty name, unknown role, a department of another unit.
    """
    _require_manager(actor, unit)
    errors: dict[str, list] = {}
    username = _checked_username(session, username, errors)
    email = _checked_email(session, email, errors)
    full_name = clean(full_name)
    if not full_name:
        errors["full_name"] = [_l("Trường này là bắt buộc.")]
    if password_hash is None:
        _check_password(password or "", errors)
    role = _parse_enum(Role, role, "role", _l("Vai trò không hợp lệ."), errors)
    if department is not None and department.unit_id != unit.id:
        errors["department"] = [_l("Bộ phận không thuộc đơn vị này.")]
    if errors:
        raise ValidationFailed(_l("Thông tin chưa hợp lệ."), errors=errors)
    official = Official(
        unit_id=unit.id,
        username=username,
        email=email,
        full_name=full_name,
        name_key=fold(full_name),
        position=clean(position),
        phone=clean(phone) or None,
        role=role,
        department=department,
        password_hash=password_hash or generate_password_hash(password),
    )
    taken = _l("Tên đăng nhập hoặc e-mail vừa được người khác dùng.")
    with refusing_duplicates(session, field="username", message=taken):
        session.add(official)
    record_created(session, actor, official, unit_id=unit.id)
    return official


def set_password(
    session: Session, actor: Actor, official: Official, password: str, *,
    keep_current_session: bool = False,
) -> None:
    """Change or reset a password: every session signed in with the old one ends (the
    official's current one stays with `keep_current_session`) and every API token is
    revoked, since whoever knew the old password may have made one.

    :raise PermissionDenied: unless the actor is the official or manages the unit.
    :raise ValidationFailed: password too short.
    """
    if actor.id != official.id:
        _require_manager(actor, official.unit)
    errors: dict[str, list] = {}
    _check_password(password, errors)
    if errors:
        raise ValidationFailed(_l("Mật khẩu chưa hợp lệ."), errors=errors)
    official.password_hash = generate_password_hash(password)
    revoke_credentials(session, official, keep_current=keep_current_session)
    record_event(session, actor, official, "set_password", unit_id=official.unit_id)


def set_active(session: Session, actor: Actor, official: Official, active: bool) -> None:
    """Deactivate an official (who then cannot sign in, and whose sessions and tokens
    end at once) or activate them again.

    :raise PermissionDenied: unless the actor manages the official's unit.
    """
    _require_manager(actor, official.unit)
    before = snapshot(official)
    official.active = active
    if not active:
        revoke_credentials(session, official)
    record_updated(session, actor, official, before, unit_id=official.unit_id)


def find_by_login(session: Session, login: str) -> Official | None:
    login = clean(login).lower()
    if not login:
        return None
    column = Official.email if "@" in login else Official.username
    return session.scalar(select(Official).where(column == login))


def get_unit(session: Session, code: str) -> Unit:
    unit = session.scalar(select(Unit).where(Unit.code == clean(code).lower()))
    if unit is None:
        raise NotFound(_l("Không tìm thấy đơn vị %(code)s.", code=code))
    return unit


def get_official(session: Session, actor: Actor, official_id: int) -> Official:
    """:raise NotFound: no such official, or one of a unit the actor may not see."""
    official = session.get(Official, official_id)
    if official is None or not can_view_unit(actor, official.unit):
        raise NotFound(_l("Không tìm thấy cán bộ."))
    return official


def get_department(session: Session, actor: Actor, department_id: int) -> Department:
    """:raise NotFound: no such department, or one of a unit the actor may not see."""
    department = session.get(Department, department_id)
    if department is None or not can_view_unit(actor, department.unit):
        raise NotFound(_l("Không tìm thấy bộ phận."))
    return department


def list_officials(session: Session, unit: Unit | None = None) -> list[Official]:
    query = select(Official).order_by(Official.unit_id, Official.id)
    if unit is not None:
        query = query.where(Official.unit_id == unit.id)
    return list(session.scalars(query))


def _require_manager(actor: Actor, unit: Unit) -> None:
    if not can_manage_officials(actor, unit):
        raise PermissionDenied(_l("Chỉ quản trị của đơn vị được quản lý cán bộ, công chức."))


def _checked_username(session: Session, username: str, errors: dict) -> str:
    username = clean(username).lower()
    if not USERNAME_PATTERN.match(username):
        errors["username"] = [
            _l("Tên đăng nhập gồm 3–60 chữ cái không dấu, chữ số hoặc . _ -")
        ]
    elif session.scalar(select(func.count()).where(Official.username == username)):
        errors["username"] = [_l("Tên đăng nhập %(username)s đã có.", username=username)]
    return username


def _checked_email(session: Session, email: str | None, errors: dict) -> str | None:
    email = clean(email).lower()
    if not email:
        return None
    try:
        email = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        errors["email"] = [_l("Địa chỉ e-mail không hợp lệ.")]
        return email
    if session.scalar(select(func.count()).where(Official.email == email)):
        errors["email"] = [_l("E-mail %(email)s đã được dùng.", email=email)]
    return email


def _check_password(password: str, errors: dict) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        errors["password"] = [
            _l("Mật khẩu cần ít nhất %(n)d ký tự.", n=MIN_PASSWORD_LENGTH)
        ]


def _parse_enum(enum_class, value, field, message, errors: dict | None = None):
    try:
        return enum_class(value)
    except ValueError:
        if errors is None:
            raise ValidationFailed.on(field, message) from None
        errors[field] = [message]
        return None
