"""Đơn vị (`/units`): a province admin's communes — the list with each one's admin, and a
new commune created with its first admin, whose password is shown once."""

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import InputRequired, Length

from tracker.core.errors import ValidationFailed
from tracker.core.validation import REQUIRED
from tracker.extensions import db
from tracker.org.policy import can_create_units_under
from tracker.org.units import create_commune, list_units_below, unit_admins
from tracker.web.access import restrict_pages
from tracker.web.forms import Form, at_most, show_errors
from tracker.web.setup import UNIT_TYPES

bp = Blueprint("units", __name__, url_prefix="/units")


def _text(label, length: int, required: bool = True) -> StringField:
    validators = [InputRequired(REQUIRED)] if required else []
    return StringField(label, validators=[
        *validators, Length(max=length, message=_l("Tối đa %(n)d ký tự.", n=length))])


class CommuneForm(Form):
    code = _text(_l("Mã đơn vị"), 40)
    name = _text(_l("Tên đơn vị"), 200)
    place_name = _text(_l("Địa danh"), 100)
    commune_kind = SelectField(_l("Loại"), choices=UNIT_TYPES[1:])
    admin_username = _text(_l("Tên đăng nhập của quản trị"), 60)
    admin_full_name = _text(_l("Họ và tên quản trị"), 120)
    admin_email = _text(_l("E-mail của quản trị"), 254, required=False)
    admin_password = PasswordField(_l("Mật khẩu (để trống: tạo ngẫu nhiên, hiện một lần)"),
                                   validators=[at_most(200)])


restrict_pages(bp, can_create_units_under)


@bp.get("")
def index():
    return _render(CommuneForm(formdata=None))


@bp.post("")
def create():
    form = CommuneForm()
    if not form.validate_on_submit():
        return _render(form, status=422)
    try:
        new = create_commune(
            db.session, current_user, current_user.unit,
            unit={"code": form.code.data, "name": form.name.data,
                  "place_name": form.place_name.data, "commune_kind": form.commune_kind.data},
            admin={"username": form.admin_username.data,
                   "full_name": form.admin_full_name.data, "email": form.admin_email.data,
                   "password": form.admin_password.data})
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render(form, status=error.status_code)
    db.session.commit()
    # Rendered, not redirected: a generated password must not travel in a flash cookie.
    return render_template("units/created.html", commune=new.unit, admin=new.admin,
                           password=new.password), 201


def _render(form: CommuneForm, status: int = 200):
    units = list_units_below(db.session, current_user, current_user.unit)
    return render_template("units/index.html", units=units, form=form,
                           admins=unit_admins(db.session, units)), status
