"""The unit's departments: read by everyone in the unit, changed by its admin."""

from flask_babel import lazy_gettext as _l

from tracker.api.core import Endpoint, endpoint, load_body, official
from tracker.api.schemas import DepartmentIn, DepartmentList, DepartmentOut, DepartmentUpdateIn
from tracker.core.validation import MAX_ID
from tracker.extensions import db
from tracker.org.departments import create_department, get_department, update_department

_MAX = f"int(max={MAX_ID})"
_ONE = f"/departments/<{_MAX}:department_id>"


@endpoint("/departments", "GET", Endpoint(
    _l("Bộ phận đang hoạt động của đơn vị, theo thứ tự"), response=DepartmentList))
def departments_list():
    return DepartmentList().dump({"items": official().unit.active_departments})


@endpoint(_ONE, "GET", Endpoint(_l("Một bộ phận"), response=DepartmentOut))
def department_get(department_id: int):
    return DepartmentOut().dump(get_department(db.session, official(), department_id))


@endpoint("/departments", "POST", Endpoint(
    _l("Thêm bộ phận (quản trị của đơn vị)"), body=DepartmentIn, response=DepartmentOut,
    status=201))
def department_create():
    department = create_department(db.session, official(), official().unit, **load_body())
    db.session.commit()
    return DepartmentOut().dump(department), 201


@endpoint(_ONE, "PATCH", Endpoint(
    _l("Đổi tên, mã, thứ tự; ngừng hoặc mở lại bộ phận: chỉ gửi các trường cần sửa"),
    body=DepartmentUpdateIn, response=DepartmentOut, partial=True))
def department_update(department_id: int):
    department = get_department(db.session, official(), department_id)
    update_department(db.session, official(), department, **load_body())
    db.session.commit()
    return DepartmentOut().dump(department)
