"""Officials (cán bộ, công chức): their accounts, passwords, deactivation."""

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from tracker.audit.services import record_created, record_event, record_updated, snapshot
from tracker.core.actor import Actor
from tracker.core.db import refusing_duplicates
from tracker.core.errors import NotFound
from tracker.core.roles import Role
from tracker.core.text import clean, fold
from tracker.core.validation import Problems
from tracker.org.models import Department, Official, Unit
from tracker.org.policy import can_view_unit, require_officials_manager
from tracker.org.sessions import revoke_credentials

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,59}$")
MIN_PASSWORD_LENGTH = 8


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
    require_officials_manager(actor, unit)
    problems = Problems()
    username = _checked_username(session, username, problems)
    email = _checked_email(session, email, problems)
    full_name = clean(full_name)
    problems.require("full_name", full_name)
    if password_hash is None:
        _check_password(password or "", problems)
    role = problems.enum(Role, role, "role", _l("Vai trò không hợp lệ."))
    if department is not None and department.unit_id != unit.id:
        problems.add("department", _l("Bộ phận không thuộc đơn vị này."))
    problems.raise_if_any()
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
        require_officials_manager(actor, official.unit)
    problems = Problems()
    _check_password(password, problems)
    problems.raise_if_any(_l("Mật khẩu chưa hợp lệ."))
    official.password_hash = generate_password_hash(password)
    revoke_credentials(session, official, keep_current=keep_current_session)
    record_event(session, actor, official, "set_password", unit_id=official.unit_id)


def set_active(session: Session, actor: Actor, official: Official, active: bool) -> None:
    """Deactivate an official (who then cannot sign in, and whose sessions and tokens
    end at once) or activate them again.

    :raise PermissionDenied: unless the actor manages the official's unit.
    """
    require_officials_manager(actor, official.unit)
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


def list_officials(session: Session, unit: Unit | None = None) -> list[Official]:
    query = select(Official).order_by(Official.unit_id, Official.id)
    if unit is not None:
        query = query.where(Official.unit_id == unit.id)
    return list(session.scalars(query))


def _checked_username(session: Session, username: str, problems: Problems) -> str:
    username = clean(username).lower()
    if not USERNAME_PATTERN.match(username):
        problems.add("username",
                     _l("Tên đăng nhập gồm 3–60 chữ cái không dấu, chữ số hoặc . _ -"))
    elif session.scalar(select(func.count()).where(Official.username == username)):
        problems.add("username", _l("Tên đăng nhập %(username)s đã có.", username=username))
    return username


def _checked_email(session: Session, email: str | None, problems: Problems) -> str | None:
    email = clean(email).lower()
    if not email:
        return None
    try:
        email = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        problems.add("email", _l("Địa chỉ e-mail không hợp lệ."))
        return email
    if session.scalar(select(func.count()).where(Official.email == email)):
        problems.add("email", _l("E-mail %(email)s đã được dùng.", email=email))
    return email


def _check_password(password: str, problems: Problems) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        problems.add("password", _l("Mật khẩu cần ít nhất %(n)d ký tự.", n=MIN_PASSWORD_LENGTH))
