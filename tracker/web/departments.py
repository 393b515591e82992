"""Bộ phận (`/departments`): the unit admin's page of departments — create, rename and
recode, reorder, close and reopen, with each department's officials."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select
from wtforms import IntegerField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from tracker.core.errors import ValidationFailed
from tracker.core.validation import REQUIRED
from tracker.extensions import db
from tracker.org.departments import (
    create_department,
    department_members,
    get_department,
    move_department,
    update_department,
)
from tracker.org.models import Department, Official
from tracker.org.policy import can_manage_unit
from tracker.web.access import restrict_pages
from tracker.web.forms import Form, show_errors

bp = Blueprint("departments", __name__, url_prefix="/departments")


class DepartmentForm(Form):
    name = StringField(_l("Tên bộ phận"), validators=[
        InputRequired(REQUIRED), Length(max=150, message=_l("Tối đa 150 ký tự."))])
    code = StringField(_l("Mã (không dấu, dùng trong dòng lệnh)"), validators=[
        Length(max=20, message=_l("Tối đa 20 ký tự."))])


class EditDepartmentForm(DepartmentForm):
    position = IntegerField(_l("Thứ tự"), validators=[
        Optional(), NumberRange(min=1, message=_l("Thứ tự là một số nguyên từ 1."))],
        invalid_value_message=_l("Nhập một số nguyên."))


restrict_pages(bp, can_manage_unit)


@bp.get("")
def index():
    return _render_index(DepartmentForm(formdata=None))


@bp.post("")
def create():
    form = DepartmentForm()
    if not form.validate_on_submit():
        return _render_index(form, status=422)
    try:
        department = create_department(db.session, current_user, current_user.unit,
                                       name=form.name.data, code=form.code.data)
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render_index(form, status=error.status_code)
    db.session.commit()
    flash(_l("Đã thêm bộ phận %(name)s.", name=department.name), "success")
    return redirect(url_for(".index"))


@bp.get("/<int:department_id>")
def detail(department_id: int):
    department = _own(department_id)
    form = EditDepartmentForm(formdata=None, obj=department,
                              data={"position": _place(department)})
    return _render_detail(department, form)


@bp.post("/<int:department_id>")
def update(department_id: int):
    department = _own(department_id)
    form = EditDepartmentForm()
    if not form.validate_on_submit():
        return _render_detail(department, form, status=422)
    try:
        update_department(db.session, current_user, department, name=form.name.data,
                          code=form.code.data, position=form.position.data)
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render_detail(_own(department_id), form, status=error.status_code)
    db.session.commit()
    flash(_l("Đã lưu bộ phận %(name)s.", name=department.name), "success")
    return redirect(url_for(".detail", department_id=department.id))


@bp.post("/<int:department_id>/up")
def move_up(department_id: int):
    move_department(db.session, current_user, _own(department_id), -1)
    db.session.commit()
    return redirect(url_for(".index"))


@bp.post("/<int:department_id>/down")
def move_down(department_id: int):
    move_department(db.session, current_user, _own(department_id), +1)
    db.session.commit()
    return redirect(url_for(".index"))


@bp.post("/<int:department_id>/close")
def close(department_id: int):
    return _set_active(department_id, False)


@bp.post("/<int:department_id>/reopen")
def reopen(department_id: int):
    return _set_active(department_id, True)


def _set_active(department_id: int, active: bool):
    department = _own(department_id)
    try:
        update_department(db.session, current_user, department, active=active)
    except ValidationFailed as error:
        db.session.rollback()
        department = _own(department_id)
        form = EditDepartmentForm(formdata=None, obj=department,
                                  data={"position": _place(department)})
        return _render_detail(department, form, status=error.status_code,
                              refusals=error.errors.get("active", [error.message]))
    db.session.commit()
    name = department.name
    flash(_l("Đã mở lại bộ phận %(name)s.", name=name) if active
          else _l("Đã ngừng bộ phận %(name)s.", name=name), "success")
    return redirect(url_for(".detail", department_id=department.id))


def _own(department_id: int) -> Department:
    """The admin's own unit's department; any other is not found (not just forbidden)."""
    department = get_department(db.session, current_user, department_id)
    if department.unit_id != current_user.unit_id:
        abort(404)
    return department


def _place(department: Department) -> int:
    ordered = sorted(department.unit.departments, key=lambda d: (d.position, d.id))
    return ordered.index(department) + 1


def _render_index(form: DepartmentForm, status: int = 200):
    unit = current_user.unit
    counts = dict(db.session.execute(
        select(Official.department_id, func.count()).where(
            Official.unit_id == unit.id, Official.active.is_(True))
        .group_by(Official.department_id)).all())
    ordered = sorted(unit.departments, key=lambda d: (d.position, d.id))
    return render_template("departments/index.html", departments=ordered, counts=counts,
                           office_id=unit.settings.office_department_id, form=form), status


def _render_detail(department: Department, form: EditDepartmentForm, status: int = 200,
                   refusals=()):
    return render_template(
        "departments/detail.html", department=department, form=form, refusals=refusals,
        members=department_members(db.session, department),
        is_office=department.unit.settings.office_department_id == department.id,
    ), status
