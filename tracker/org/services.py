"""Officials (cán bộ, công chức): their accounts, details, roles, passwords, deactivation.
Reading them for lists is `tracker.org.queries`; resetting and unlocking, `accounts`."""

import re
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from tracker.audit.services import record_created, record_event, record_updated, snapshot
from tracker.core.actor import Actor
from tracker.core.db import refusing_duplicates
from tracker.core.errors import NotFound, ValidationFailed
from tracker.core.roles import Role
from tracker.core.text import clean, fold
from tracker.core.validation import Problems
from tracker.org.models import Department, Official, Unit
from tracker.org.policy import can_view_unit, require_officials_manager
from tracker.org.sessions import revoke_credentials

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,59}$")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 .()-]{2,28}$")
MIN_PASSWORD_LENGTH = 8
# The columns' sizes: a longer value is refused with a message, never cut or failed on.
MAX_LENGTHS = {"full_name": 120, "position": 150, "phone": 30}
# What `update_official` changes; deactivating is `set_active`, passwords `set_password`.
EDITABLE_FIELDS = ("full_name", "position", "department", "email", "phone", "role")
# A unit must keep someone who runs its accounts and someone who signs its reports.
_ROLES_A_UNIT_KEEPS = {
    Role.ADMIN: _l("Đây là quản trị duy nhất còn hoạt động của đơn vị: hãy giao vai trò "
                   "quản trị cho một người khác trước."),
    Role.CHAIRMAN: _l("Đây là Chủ tịch duy nhất còn hoạt động của đơn vị: hãy giao vai trò "
                      "Chủ tịch cho một người khác trước."),
}
_TAKEN = _l("Tên đăng nhập hoặc e-mail vừa được người khác dùng.")


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
    must_change_password: bool = False,
) -> Official:
    """Create an official who can sign in, with `password` or, for accounts that share
    one (the demo's), the `password_hash` of an official created before. An account the
    admin gives a password to is made `must_change_password`.

    :raise PermissionDenied: unless the actor manages the unit's officials.
    :raise ValidationFailed: bad or taken username or e-mail, short password, empty or
        too long name, bad phone, unknown role, a department of another unit or closed.
    """
    require_officials_manager(actor, unit)
    problems = Problems()
    username = _checked_username(session, username, problems)
    if password_hash is None:
        _check_password(password or "", problems)
    values = _checked_details(session, unit, None, {
        "full_name": full_name, "position": position, "email": email, "phone": phone,
        "role": role, "department": department}, problems)
    problems.raise_if_any()
    official = Official(
        unit_id=unit.id, username=username, **values,
        password_hash=password_hash or generate_password_hash(password),
        must_change_password=must_change_password,
    )
    with refusing_duplicates(session, field="username", message=_TAKEN):
        session.add(official)
    record_created(session, actor, official, unit_id=unit.id)
    return official


def update_official(session: Session, actor: Actor, official: Official, **changes: Any) -> Official:
    """Change an official's details or role (only the fields given). A new role ends their
    sessions and revokes their API tokens: what they may do changed under them.

    :raise PermissionDenied: unless the actor manages the official's unit.
    :raise ValidationFailed: as `create_official`; a field that cannot be changed here;
        taking the role of the unit's last active admin or only active chairman.
    """
    require_officials_manager(actor, official.unit)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed.on(sorted(unknown)[0], _l("Trường không được sửa."))
    problems = Problems()
    values = _checked_details(session, official.unit, official, changes, problems)
    if values.get("role") not in (None, official.role):
        _check_unit_keeps_role(session, official, problems, "role")
    problems.raise_if_any()
    before = snapshot(official)
    with refusing_duplicates(session, field="email", message=_TAKEN):
        for name, value in values.items():
            setattr(official, name, value)
    if official.role.value != before["role"]:
        revoke_credentials(session, official)
    record_updated(session, actor, official, before, unit_id=official.unit_id)
    return official


def set_password(
    session: Session, actor: Actor, official: Official, password: str, *,
    keep_current_session: bool = False, must_change: bool = False,
) -> None:
    """Change or reset a password: every session signed in with the old one ends (the
    official's current one stays with `keep_current_session`) and every API token is
    revoked, since whoever knew the old password may have made one. `must_change`: the
    official is sent to change it at their next page (someone else chose it).

    :raise PermissionDenied: unless the actor is the official or manages the unit.
    :raise ValidationFailed: password too short.
    """
    if actor.id != official.id:
        require_officials_manager(actor, official.unit)
    problems = Problems()
    _check_password(password, problems)
    problems.raise_if_any(_l("Mật khẩu chưa hợp lệ."))
    before = official.must_change_password
    official.password_hash = generate_password_hash(password)
    official.must_change_password = must_change
    revoke_credentials(session, official, keep_current=keep_current_session)
    changes = {"must_change_password": [before, must_change]} if before != must_change else {}
    record_event(session, actor, official, "reset_password" if must_change else "set_password",
                 changes, unit_id=official.unit_id)


def set_active(session: Session, actor: Actor, official: Official, active: bool) -> None:
    """Deactivate an official (who then cannot sign in, and whose sessions and tokens
    end at once) or activate them again. Their tasks and history stay.

    :raise PermissionDenied: unless the actor manages the official's unit.
    :raise ValidationFailed: deactivating the unit's last active admin or only chairman.
    """
    require_officials_manager(actor, official.unit)
    if not active and official.active:
        problems = Problems()
        _check_unit_keeps_role(session, official, problems, "active")
        problems.raise_if_any()
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


def get_official(session: Session, actor: Actor, official_id: int) -> Official:
    """:raise NotFound: no such official, or one of a unit the actor may not see."""
    official = session.get(Official, official_id)
    if official is None or not can_view_unit(actor, official.unit):
        raise NotFound(_l("Không tìm thấy cán bộ."))
    return official


def get_managed_official(session: Session, actor: Actor, official_id: int) -> Official:
    """An official whose account the actor manages.

    :raise NotFound: as `get_official`.
    :raise PermissionDenied: one the actor sees but does not manage.
    """
    official = get_official(session, actor, official_id)
    require_officials_manager(actor, official.unit)
    return official


def list_officials(session: Session, unit: Unit | None = None) -> list[Official]:
    query = select(Official).order_by(Official.unit_id, Official.id)
    if unit is not None:
        query = query.where(Official.unit_id == unit.id)
    return list(session.scalars(query))


def _checked_details(session: Session, unit: Unit, official: Official | None,
                     fields: dict[str, Any], problems: Problems) -> dict[str, Any]:
    """The model's values of the given detail fields, each checked (`official`: the one
    being changed, whose own e-mail and closed department are no clash)."""
    values: dict[str, Any] = {}
    for name in ("full_name", "position", "phone"):
        if name in fields:
            values[name] = _checked_text(name, fields[name], problems)
    if "full_name" in values:
        problems.require("full_name", values["full_name"])
        values["name_key"] = fold(values["full_name"])
    if "phone" in values:
        values["phone"] = values["phone"] or None
        if values["phone"] and not PHONE_PATTERN.match(values["phone"]):
            problems.add("phone", _l("Số điện thoại chỉ gồm chữ số, dấu cách và + . - ( )."))
    if "email" in fields:
        values["email"] = _checked_email(session, fields["email"], problems, official)
    if "role" in fields:
        values["role"] = problems.enum(Role, fields["role"], "role", _l("Vai trò không hợp lệ."))
    if "department" in fields:
        values["department"] = _checked_department(unit, official, fields["department"], problems)
    return values


def _checked_text(name: str, value: Any, problems: Problems) -> str:
    text = clean(value if isinstance(value, str) else "")
    if len(text) > MAX_LENGTHS[name]:
        problems.add(name, _l("Tối đa %(max)d ký tự.", max=MAX_LENGTHS[name]))
    return text


def _checked_department(unit: Unit, official: Official | None, department: Department | None,
                        problems: Problems) -> Department | None:
    if department is None:
        return None
    if department.unit_id != unit.id:
        problems.add("department", _l("Bộ phận không thuộc đơn vị này."))
    elif not department.active and (official is None or official.department is not department):
        problems.add("department", _l("Bộ phận %(name)s đã ngừng hoạt động.",
                                      name=department.name))
    return department


def _check_unit_keeps_role(session: Session, official: Official, problems: Problems,
                           field: str) -> None:
    """Refuse taking an active admin's or chairman's role (or account) when no other
    active official of the unit holds it."""
    message = _ROLES_A_UNIT_KEEPS.get(official.role)
    if message is None or not official.active:
        return
    others = session.scalar(select(func.count()).where(
        Official.unit_id == official.unit_id, Official.role == official.role,
        Official.active.is_(True), Official.id != official.id))
    if not others:
        problems.add(field, message)


def _checked_username(session: Session, username: str, problems: Problems) -> str:
    username = clean(username).lower()
    if not USERNAME_PATTERN.match(username):
        problems.add("username",
                     _l("Tên đăng nhập gồm 3–60 chữ cái không dấu, chữ số hoặc . _ -"))
    elif session.scalar(select(func.count()).where(Official.username == username)):
        problems.add("username", _l("Tên đăng nhập %(username)s đã có.", username=username))
    return username


def _checked_email(session: Session, email: Any, problems: Problems,
                   official: Official | None = None) -> str | None:
    email = clean(email if isinstance(email, str) else "").lower()
    if not email:
        return None
    try:
        email = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        problems.add("email", _l("Địa chỉ e-mail không hợp lệ."))
        return email
    taken = select(func.count()).where(Official.email == email)
    if official is not None:
        taken = taken.where(Official.id != official.id)
    if session.scalar(taken):
        problems.add("email", _l("E-mail %(email)s đã được dùng.", email=email))
    return email


def _check_password(password: str, problems: Problems) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        problems.add("password", _l("Mật khẩu cần ít nhất %(n)d ký tự.", n=MIN_PASSWORD_LENGTH))
