"""Thiết lập đơn vị (`/setup`): the page a new unit's admin fills first — names, kind,
departments from a preset, the report office, Nơi nhận and the signature."""

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from tracker.core.errors import ValidationFailed
from tracker.core.validation import REQUIRED
from tracker.extensions import db
from tracker.org.models import CommuneKind, Unit, UnitLevel
from tracker.org.policy import can_manage_unit
from tracker.org.presets import Preset
from tracker.org.setup import needs_setup, set_up_unit
from tracker.web.access import restrict_pages
from tracker.web.forms import Form, show_errors

bp = Blueprint("setup", __name__, url_prefix="/setup")

NO_DEPARTMENT = 0
PROVINCE = "province"
UNIT_TYPES = [
    SelectChoice(PROVINCE, _l("Tỉnh, thành phố")),
    SelectChoice(CommuneKind.XA.value, _l("Xã")),
    SelectChoice(CommuneKind.PHUONG.value, _l("Phường")),
    SelectChoice(CommuneKind.SPECIAL_ZONE.value, _l("Đặc khu")),
]


class SetupForm(Form):
    name = StringField(_l("Tên đơn vị"), validators=[
        InputRequired(REQUIRED), Length(max=200, message=_l("Tối đa 200 ký tự."))])
    place_name = StringField(_l("Địa danh (ghi ở đầu báo cáo)"), validators=[
        InputRequired(REQUIRED), Length(max=100, message=_l("Tối đa 100 ký tự."))])
    unit_type = SelectField(_l("Cấp, loại đơn vị"), choices=UNIT_TYPES)
    preset = RadioField(_l("Thêm bộ phận theo bộ mẫu"),
                        choices=[SelectChoice(p.value, p.label) for p in Preset])
    office_department = SelectField(_l("Bộ phận tổng hợp báo cáo"), coerce=int)
    report_recipients = TextAreaField(_l("Nơi nhận của báo cáo (mỗi nơi một dòng)"))
    signature_authority = StringField(_l("Thẩm quyền ký (dòng trên)"), validators=[
        InputRequired(REQUIRED), Length(max=100, message=_l("Tối đa 100 ký tự."))])
    signer_title = StringField(_l("Chức vụ người ký"), validators=[
        InputRequired(REQUIRED), Length(max=100, message=_l("Tối đa 100 ký tự."))])
    show_superior_body = BooleanField(_l("In tên cơ quan chủ quản (cấp trên) ở đầu văn bản"))


restrict_pages(bp, can_manage_unit)


@bp.get("")
def index():
    return _render(_form(current_user.unit, saved=True))


@bp.post("")
def save():
    unit = current_user.unit
    form = _form(unit, saved=False)
    if not form.validate_on_submit():
        return _render(form, status=422)
    try:
        added = set_up_unit(db.session, current_user, unit, **_fields(form, unit))
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error, aliases={"level": "unit_type", "commune_kind": "unit_type"})
        return _render(form, status=error.status_code)
    db.session.commit()
    flash(_l("Đã lưu thiết lập đơn vị; đã thêm %(count)d bộ phận.", count=len(added)),
          "success")
    return redirect(url_for(".index"))


def _form(unit: Unit, *, saved: bool) -> SetupForm:
    form = SetupForm() if not saved else SetupForm(formdata=None, data=_saved_values(unit))
    form.office_department.choices = [
        SelectChoice(str(NO_DEPARTMENT), _l("— Văn phòng của bộ mẫu, hoặc chưa chọn —")),
        *(SelectChoice(str(d.id), d.name) for d in unit.active_departments)]
    return form


def _saved_values(unit: Unit) -> dict[str, Any]:
    settings = unit.settings
    return {
        "name": unit.name, "place_name": unit.place_name,
        "unit_type": unit.commune_kind.value if unit.commune_kind else PROVINCE
        if unit.level == UnitLevel.PROVINCE else CommuneKind.XA.value,
        "preset": (Preset.COMMUNE_2025 if needs_setup(unit) else Preset.EMPTY).value,
        "office_department": settings.office_department_id or NO_DEPARTMENT,
        "report_recipients": settings.report_recipients,
        "signature_authority": settings.signature_authority,
        "signer_title": settings.signer_title,
        "show_superior_body": settings.show_superior_body,
    }


def _fields(form: SetupForm, unit: Unit) -> dict[str, Any]:
    province = form.unit_type.data == PROVINCE
    return {
        "name": form.name.data, "place_name": form.place_name.data,
        "level": UnitLevel.PROVINCE if province else UnitLevel.COMMUNE,
        "commune_kind": None if province else form.unit_type.data,
        "preset": form.preset.data or Preset.EMPTY,
        "office_department": next((d for d in unit.active_departments
                                   if d.id == form.office_department.data), None),
        "report_recipients": form.report_recipients.data,
        "signature_authority": form.signature_authority.data,
        "signer_title": form.signer_title.data,
        "show_superior_body": form.show_superior_body.data,
    }


def _render(form: SetupForm, status: int = 200):
    unit = current_user.unit
    return render_template("setup/index.html", unit=unit, form=form,
                           first_time=needs_setup(unit)), status
