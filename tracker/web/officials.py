"""The admin's pages for the unit's officials: the list, creating and editing an account,
deactivating and reactivating it, a new password, unlocking it."""

from datetime import timedelta
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from tracker.core.errors import ValidationFailed
from tracker.core.roles import Role
from tracker.core.validation import MAX_PAGE, REQUIRED
from tracker.extensions import db
from tracker.org.accounts import reset_password, unlock
from tracker.org.models import Department, Official, Unit
from tracker.org.policy import require_officials_manager
from tracker.org.queries import (
    OfficialFilters,
    position_suggestions,
    search_officials,
    units_managed_by,
)
from tracker.org.services import (
    MAX_LENGTHS,
    MIN_PASSWORD_LENGTH,
    create_official,
    get_managed_official,
    set_active,
    update_official,
)
from tracker.org.sign_in import recent_failures
from tracker.org.units import new_password
from tracker.web.forms import Form, show_errors
from tracker.web.urls import this_page_with

bp = Blueprint("officials", __name__, url_prefix="/officials")

NO_DEPARTMENT = 0
_TOO_LONG = _l("Tối đa %(max)d ký tự.")
_STATES = {"active": True, "inactive": False, "all": None}


def _text_field(label: Any, max_length: int, *validators: Any) -> StringField:
    return StringField(label, validators=[*validators, Length(max=max_length, message=_TOO_LONG)])


class OfficialForm(Form):
    """What the admin edits; the service judges the values."""

    full_name = _text_field(_l("Họ và tên"), MAX_LENGTHS["full_name"], InputRequired(REQUIRED))
    position = _text_field(_l("Chức vụ, chức danh"), MAX_LENGTHS["position"])
    department = SelectField(_l("Bộ phận"), coerce=int, default=NO_DEPARTMENT)
    email = _text_field(_l("E-mail"), 254)
    phone = _text_field(_l("Điện thoại"), MAX_LENGTHS["phone"])
    role = SelectField(_l("Vai trò"), default=Role.OFFICER.value)

    def fill_choices(self, unit: Unit, official: Official | None = None) -> None:
        """The unit's open departments, and the official's own even if it has closed."""
        departments = [d for d in unit.departments
                       if d.active or (official is not None and official.department is d)]
        self.department.choices = [(NO_DEPARTMENT, _l("— Chưa thuộc bộ phận nào —")),
                                   *((d.id, d.name) for d in departments)]
        self.role.choices = [(role.value, role.label) for role in Role]

    def details(self) -> dict[str, Any]:
        """The service's fields from the validated form."""
        department = (db.session.get(Department, self.department.data)
                      if self.department.data != NO_DEPARTMENT else None)
        return {"full_name": self.full_name.data, "position": self.position.data or "",
                "department": department, "email": self.email.data or None,
                "phone": self.phone.data or None, "role": self.role.data}


class NewOfficialForm(OfficialForm):
    username = _text_field(_l("Tên đăng nhập"), 60, InputRequired(REQUIRED))
    password = PasswordField(_l("Mật khẩu ban đầu"), validators=[
        Length(max=200, message=_TOO_LONG)])


class PasswordResetForm(Form):
    password = PasswordField(_l("Mật khẩu mới"), validators=[
        Length(max=200, message=_TOO_LONG)])


class OfficialListForm(Form):
    """The list's query parameters; a GET form, so no CSRF token."""

    class Meta:
        csrf = False

    q = _text_field(_l("Tìm kiếm"), 200)
    department = SelectField(_l("Bộ phận"), default="")
    role = SelectField(_l("Vai trò"), default="")
    state = SelectField(_l("Tình trạng"), default="all")
    page = IntegerField(validators=[Optional(), NumberRange(1, MAX_PAGE, message=_l(
        "Số trang không hợp lệ."))], invalid_value_message=_l("Nhập một số nguyên."))

    def fill_choices(self, unit: Unit) -> None:
        every = ("", _l("Tất cả"))
        self.department.choices = [every, *((str(d.id), d.name) for d in unit.departments)]
        self.role.choices = [every, *((role.value, role.label) for role in Role)]
        self.state.choices = [("all", _l("Tất cả")), ("active", _l("Đang làm việc")),
                              ("inactive", _l("Đã nghỉ"))]

    def filters(self) -> OfficialFilters:
        return OfficialFilters(
            text=self.q.data or "",
            department_id=int(self.department.data) if self.department.data else None,
            role=Role(self.role.data) if self.role.data else None,
            active=_STATES[self.state.data])


@bp.before_request
@login_required
def _signed_in() -> None:
    """Every page needs a signed-in official; the services decide who may do what."""


@bp.get("")
def index():
    unit = _chosen_unit()
    form = OfficialListForm(request.args)
    form.fill_choices(unit)
    if not form.validate():
        require_officials_manager(current_user, unit)
        return _render_list(unit, form, result=None, status=422)
    result = search_officials(db.session, current_user, unit, form.filters(),
                              form.page.data or 1)
    return _render_list(unit, form, result)


@bp.route("/new", methods=["GET", "POST"])
def new():
    unit = _chosen_unit()
    require_officials_manager(current_user, unit)
    form = NewOfficialForm()
    form.fill_choices(unit)
    if not form.validate_on_submit():
        return _render_form(unit, form, status=422 if form.is_submitted() else 200)
    password = form.password.data or None
    generated = None if password else new_password()
    try:
        official = create_official(db.session, current_user, unit, username=form.username.data,
                                   password=password or generated, must_change_password=True,
                                   **form.details())
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render_form(unit, form, status=error.status_code)
    db.session.commit()
    flash(_l("Đã tạo tài khoản %(username)s.", username=official.username), "success")
    # The password is on the page this answers with, never in a (readable) flash cookie.
    return _render_detail(official, new_password=generated)


@bp.get("/<int(max=2147483647):official_id>")
def detail(official_id: int):
    return _render_detail(get_managed_official(db.session, current_user, official_id))


@bp.route("/<int(max=2147483647):official_id>/edit", methods=["GET", "POST"])
def edit(official_id: int):
    official = get_managed_official(db.session, current_user, official_id)
    form = OfficialForm(obj=official) if request.method == "GET" else OfficialForm()
    if request.method == "GET":
        form.department.data = official.department_id or NO_DEPARTMENT
        form.role.data = official.role.value
    form.fill_choices(official.unit, official)
    if not form.validate_on_submit():
        return _render_form(official.unit, form, official, 422 if form.is_submitted() else 200)
    try:
        update_official(db.session, current_user, official, **form.details())
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render_form(official.unit, form, official, error.status_code)
    db.session.commit()
    flash(_l("Đã lưu thông tin của %(name)s.", name=official.full_name), "success")
    return redirect(url_for(".detail", official_id=official.id))


@bp.post("/<int(max=2147483647):official_id>/deactivate")
def deactivate(official_id: int):
    return _set_active(official_id, False)


@bp.post("/<int(max=2147483647):official_id>/reactivate")
def reactivate(official_id: int):
    return _set_active(official_id, True)


@bp.post("/<int(max=2147483647):official_id>/password")
def password(official_id: int):
    official = get_managed_official(db.session, current_user, official_id)
    form = PasswordResetForm()
    if not form.validate_on_submit():
        return _render_detail(official, password_form=form, status=422)
    try:
        generated = reset_password(db.session, current_user, official, form.password.data or None)
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render_detail(official, password_form=form, status=error.status_code)
    db.session.commit()
    flash(_l("Đã đặt lại mật khẩu; %(name)s phải đổi mật khẩu khi đăng nhập.",
             name=official.full_name), "success")
    if generated is None:
        return redirect(url_for(".detail", official_id=official.id))
    return _render_detail(official, new_password=generated)


@bp.post("/<int(max=2147483647):official_id>/unlock")
def unlock_account(official_id: int):
    official = get_managed_official(db.session, current_user, official_id)
    cleared = unlock(db.session, current_user, official)
    db.session.commit()
    flash(_l("Đã mở khóa tài khoản %(name)s.", name=official.full_name) if cleared
          else _l("Tài khoản %(name)s không bị khóa.", name=official.full_name), "success")
    return redirect(url_for(".detail", official_id=official.id))


def _set_active(official_id: int, active: bool):
    official = get_managed_official(db.session, current_user, official_id)
    try:
        set_active(db.session, current_user, official, active)
    except ValidationFailed as error:
        db.session.rollback()
        return _render_detail(official, problems=[m for ms in error.errors.values() for m in ms],
                              status=error.status_code)
    db.session.commit()
    name = official.full_name
    flash(_l("Đã cho %(name)s hoạt động trở lại.", name=name) if active else
          _l("Đã ngừng hoạt động tài khoản %(name)s: các thiết bị đã bị đăng xuất, khóa API "
             "bị thu hồi.", name=name), "success")
    return redirect(url_for(".detail", official_id=official.id))


def _chosen_unit() -> Unit:
    """The unit asked for (`?unit=ID`, among those the admin runs), else the admin's own.

    :raise 404: a unit the official does not run.
    """
    wanted = request.args.get("unit", type=int)
    if wanted is None or wanted == current_user.unit_id:
        return current_user.unit
    unit = next((u for u in units_managed_by(current_user) if u.id == wanted), None)
    if unit is None:
        abort(404)
    return unit


def _render_list(unit: Unit, form: OfficialListForm, result: Any, status: int = 200):
    return render_template("officials/index.html", unit=unit, form=form, result=result,
                           units=units_managed_by(current_user), list_url=this_page_with), status


def _render_form(unit: Unit, form: OfficialForm, official: Official | None = None,
                 status: int = 200):
    return render_template("officials/form.html", unit=unit, form=form, official=official,
                           positions=position_suggestions(db.session, unit),
                           min_password_length=MIN_PASSWORD_LENGTH), status


def _render_detail(official: Official, *, new_password: str | None = None,
                   password_form: PasswordResetForm | None = None,
                   problems: list[Any] | None = None, status: int = 200):
    window = timedelta(minutes=current_app.config["SIGN_IN_LOCK_MINUTES"])
    return render_template(
        "officials/detail.html", official=official, new_password=new_password,
        password_form=password_form or PasswordResetForm(formdata=None),
        problems=problems or [], min_password_length=MIN_PASSWORD_LENGTH,
        failures=recent_failures(db.session, official, window)), status
