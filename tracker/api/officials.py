"""The unit's officials: to choose leads and filters from, and, for the unit's admin,
creating and changing accounts, new passwords and unlocking."""

from typing import Any

from flask import request
from flask_babel import lazy_gettext as _l

from tracker.api.core import Endpoint, endpoint, load_body, official
from tracker.api.schemas import (
    OfficialDetailOut,
    OfficialIn,
    OfficialList,
    OfficialOut,
    OfficialPasswordOut,
    OfficialUpdateIn,
    PasswordResetIn,
)
from tracker.core.errors import ValidationFailed
from tracker.core.text import name_sort_key
from tracker.core.validation import MAX_ID
from tracker.extensions import db
from tracker.org.accounts import reset_password, unlock
from tracker.org.models import Department, Unit
from tracker.org.queries import units_managed_by
from tracker.org.services import (
    create_official,
    get_managed_official,
    get_official,
    list_officials,
    set_active,
    update_official,
)
from tracker.org.units import new_password

_MAX = f"int(max={MAX_ID})"
_ONE = f"/officials/<{_MAX}:official_id>"


@endpoint("/officials", "GET", Endpoint(
    _l("Cán bộ, công chức của đơn vị, theo thứ tự tên"), response=OfficialList))
def officials_list():
    people = sorted(list_officials(db.session, official().unit),
                    key=lambda o: name_sort_key(o.full_name))
    return OfficialList().dump({"items": people})


@endpoint(_ONE, "GET", Endpoint(_l("Một cán bộ, công chức"), response=OfficialOut))
def official_get(official_id: int):
    return OfficialOut().dump(get_official(db.session, official(), official_id))


@endpoint("/officials", "POST", Endpoint(
    _l("Tạo tài khoản cán bộ (quản trị của đơn vị); mật khẩu được tạo trả về một lần"),
    body=OfficialIn, response=OfficialPasswordOut, status=201))
def official_create():
    data = load_body()
    unit = _unit(data.pop("unit", None))
    password = data.pop("password", None) or None
    generated = None if password else new_password()
    person = create_official(db.session, official(), unit, username=data.pop("username"),
                             password=password or generated, must_change_password=True,
                             **_details(data))
    db.session.commit()
    return OfficialPasswordOut().dump({"official": person, "password": generated}), 201


@endpoint(_ONE, "PATCH", Endpoint(
    _l("Sửa thông tin, vai trò; ngừng hoặc cho hoạt động lại (active): chỉ gửi các trường "
       "cần sửa"), body=OfficialUpdateIn, response=OfficialDetailOut, partial=True))
def official_update(official_id: int):
    person = get_managed_official(db.session, official(), official_id)
    data = load_body()
    active = data.pop("active", None)
    if data:
        update_official(db.session, official(), person, **_details(data))
    if active is not None:
        set_active(db.session, official(), person, active)
    db.session.commit()
    return OfficialDetailOut().dump(person)


@endpoint(f"{_ONE}/password-reset", "POST", Endpoint(
    _l("Đặt lại mật khẩu (quản trị): cán bộ bị đăng xuất, khóa API bị thu hồi, phải đổi "
       "mật khẩu khi đăng nhập"), body=PasswordResetIn, response=OfficialPasswordOut))
def official_password_reset(official_id: int):
    person = get_managed_official(db.session, official(), official_id)
    data = load_body() if request.get_data() else {}  # no body: a generated password
    generated = reset_password(db.session, official(), person, data.get("password") or None)
    db.session.commit()
    return OfficialPasswordOut().dump({"official": person, "password": generated})


@endpoint(f"{_ONE}/unlock", "POST", Endpoint(
    _l("Mở khóa đăng nhập sau nhiều lần sai mật khẩu (quản trị)"), response=OfficialDetailOut))
def official_unlock(official_id: int):
    person = get_managed_official(db.session, official(), official_id)
    unlock(db.session, official(), person)
    db.session.commit()
    return OfficialDetailOut().dump(person)


def _unit(unit_id: int | None) -> Unit:
    """The caller's unit, or one below it that the caller runs.

    :raise ValidationFailed: on `unit`, any other.
    """
    if unit_id is None:
        return official().unit
    unit = next((u for u in units_managed_by(official()) if u.id == unit_id), None)
    if unit is None:
        raise ValidationFailed.on("unit", _l("Không tìm thấy đơn vị."))
    return unit


def _details(data: dict[str, Any]) -> dict[str, Any]:
    """The service's fields from the loaded body: the department's id becomes the department.

    :raise ValidationFailed: on `department`, an id no department has.
    """
    if data.get("department") is not None:
        department = db.session.get(Department, data["department"])
        if department is None:
            raise ValidationFailed.on("department", _l("Không tìm thấy bộ phận."))
        data["department"] = department
    return data
