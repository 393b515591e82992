"""The unit admin's page: reminder settings, the unit's own calendar, failed deliveries."""

from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import format_decimal, ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length

from tracker.core.clock import now_utc
from tracker.core.errors import ValidationFailed
from tracker.core.validation import REQUIRED
from tracker.extensions import db
from tracker.notifications.models import Channel, DeliveryErrorClass
from tracker.notifications.queue import (
    failed_deliveries,
    retry_failed,
    unit_queue_totals,
    waiting_deliveries,
)
from tracker.notifications.render import describe
from tracker.org.models import Department, Unit, UnitSettings
from tracker.org.policy import can_manage_unit
from tracker.org.settings import add_calendar_day, remove_calendar_day, update_unit_settings
from tracker.web.access import restrict_pages
from tracker.web.formatting import vn_date
from tracker.web.forms import Form, show_errors, yes_no

bp = Blueprint("settings", __name__, url_prefix="/settings")

_WHOLE_DAYS = _l("Nhập một số nguyên.")
_COUNT_FIELDS = ("overdue_repeat_days", "escalation_days", "cutoff_reminder_days",
                 "report_due_day", "report_reminder_days", "due_soon_days", "session_idle_hours")
NO_DEPARTMENT = 0
# What the failed list says of each error class (the remote's own words are not kept).
ERROR_LABELS = {
    DeliveryErrorClass.REFUSED: _l("từ chối"),
    DeliveryErrorClass.TIMEOUT: _l("hết thời gian chờ"),
    DeliveryErrorClass.UNREACHABLE: _l("không kết nối được"),
    DeliveryErrorClass.ADDRESS_NOT_ALLOWED: _l("địa chỉ không được phép (mạng nội bộ)"),
    DeliveryErrorClass.REDIRECT: _l("bị chuyển hướng (không đi theo)"),
    DeliveryErrorClass.HTTP_4XX: _l("HTTP 4xx (bên nhận từ chối yêu cầu)"),
    DeliveryErrorClass.HTTP_5XX: _l("HTTP 5xx (lỗi ở bên nhận)"),
    DeliveryErrorClass.AUTH: _l("máy chủ thư từ chối đăng nhập"),
    DeliveryErrorClass.RECIPIENT_REFUSED: _l("địa chỉ người nhận bị từ chối"),
    DeliveryErrorClass.NO_ADDRESS: _l("chưa có địa chỉ webhook"),
}


def _days_field(label: Any) -> IntegerField:
    return IntegerField(label, validators=[InputRequired(REQUIRED)],
                        invalid_value_message=_WHOLE_DAYS)


class SettingsForm(Form):
    scan_time = StringField(_l("Giờ quét hằng ngày"), validators=[InputRequired(REQUIRED)],
                            render_kw={"type": "time"})
    reminder_offsets = StringField(_l("Nhắc trước hạn (ngày làm việc)"),
                                   validators=[InputRequired(REQUIRED)])
    overdue_repeat_days = _days_field(_l("Nhắc lại việc quá hạn sau mỗi (ngày làm việc)"))
    escalation_days = _days_field(_l("Báo lãnh đạo khi quá hạn (ngày làm việc)"))
    cutoff_reminder_days = _days_field(_l("Nhắc cập nhật tiến độ trước ngày chốt số liệu "
                                          "(ngày làm việc)"))
    report_due_day = _days_field(_l("Hạn gửi báo cáo của đơn vị (ngày trong tháng cuối kỳ)"))
    due_soon_days = _days_field(_l("Coi là sắp quá hạn khi còn (ngày)"))
    session_idle_hours = _days_field(_l("Tự đăng xuất khi không dùng (giờ)"))
    report_reminder_days = _days_field(_l("Nhắc bộ phận tổng hợp trước hạn báo cáo "
                                          "(ngày làm việc)"))
    office_department = SelectField(_l("Bộ phận tổng hợp báo cáo"), coerce=int)
    confirm_completions = BooleanField(_l("Người giao việc xác nhận nhiệm vụ hoàn thành"))
    webhook_url = StringField(_l("Địa chỉ webhook"), render_kw={"type": "url"})
    report_recipients = TextAreaField(_l("Nơi nhận của báo cáo (mỗi nơi một dòng)"))
    vice_chairmen_sign_reports = BooleanField(_l("Phó Chủ tịch được ký ban hành báo cáo "
                                                 "(KT. Chủ tịch)"))


class CalendarDayForm(Form):
    day = DateField(_l("Ngày"), validators=[InputRequired(REQUIRED)],
                    invalid_value_message=_l("Ngày không hợp lệ."))
    is_working = RadioField(
        _l("Loại ngày"),
        choices=[SelectChoice("0", _l("Ngày nghỉ của đơn vị")),
                 SelectChoice("1", _l("Ngày làm việc (làm bù)"))],
        coerce=yes_no, default=False, validators=[InputRequired(REQUIRED)],
    )
    note = StringField(_l("Ghi chú"), validators=[Length(max=200, message=_l("Tối đa 200 ký tự."))])


restrict_pages(bp, can_manage_unit)


@bp.get("")
def index():
    return _render()


@bp.post("")
def save():
    unit = current_user.unit
    form = _settings_form(unit)
    if not form.validate_on_submit():
        return _render(settings_form=form, status=422)
    try:
        update_unit_settings(db.session, current_user, unit, **_settings_fields(form, unit),
                             allow_private_webhook=current_app.config["WEBHOOK_ALLOW_PRIVATE"])
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render(settings_form=form, status=error.status_code)
    db.session.commit()
    flash(_l("Đã lưu cài đặt của đơn vị."), "success")
    return redirect(url_for(".index"))


@bp.post("/calendar")
def add_day():
    form = CalendarDayForm()
    if not form.validate_on_submit():
        return _render(calendar_form=form, status=422)
    try:
        add_calendar_day(db.session, current_user, current_user.unit, day=form.day.data,
                         is_working=form.is_working.data, note=form.note.data or "")
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render(calendar_form=form, status=error.status_code)
    db.session.commit()
    flash(_l("Đã thêm ngày %(day)s vào lịch.", day=vn_date(form.day.data)), "success")
    return redirect(url_for(".index", _anchor="calendar"))


@bp.post("/calendar/<int:entry_id>/remove")
def remove_day(entry_id: int):
    remove_calendar_day(db.session, current_user, current_user.unit, entry_id)
    db.session.commit()
    flash(_l("Đã xoá ngày khỏi lịch."), "success")
    return redirect(url_for(".index", _anchor="calendar"))


@bp.post("/deliveries/retry")
def retry_deliveries():
    count = retry_failed(db.session, current_user, current_user.unit, now_utc())
    db.session.commit()
    flash(ngettext("Đã đưa %(num)d thư vào hàng đợi gửi lại.",
                   "Đã đưa %(num)d thư vào hàng đợi gửi lại.", count), "success")
    return redirect(url_for(".index", _anchor="failed"))


def _settings_form(unit: Unit, settings: UnitSettings | None = None) -> SettingsForm:
    """The posted form, or with `settings` the saved values."""
    form = SettingsForm() if settings is None else SettingsForm(
        formdata=None, data=_saved_values(settings))
    form.office_department.choices = [SelectChoice(str(NO_DEPARTMENT), _l("— Chưa chọn —"))] + [
        SelectChoice(str(d.id), d.name) for d in unit.active_departments]
    return form


def _saved_values(settings: UnitSettings) -> dict[str, Any]:
    values = {name: getattr(settings, name) for name in _COUNT_FIELDS}
    return values | {
        "scan_time": f"{settings.scan_time:%H:%M}",
        "reminder_offsets": ", ".join(str(n) for n in reversed(settings.offsets)),
        "office_department": settings.office_department_id or NO_DEPARTMENT,
        "webhook_url": settings.webhook_url or "",
        "confirm_completions": settings.confirm_completions,
        "report_recipients": settings.report_recipients,
        "vice_chairmen_sign_reports": settings.vice_chairmen_sign_reports,
    }


def _settings_fields(form: SettingsForm, unit: Unit) -> dict[str, Any]:
    values = {name: form[name].data for name in _COUNT_FIELDS}
    return values | {
        "scan_time": form.scan_time.data,
        "reminder_offsets": form.reminder_offsets.data,
        "office_department": _department(unit, form.office_department.data),
        "webhook_url": form.webhook_url.data,
        "confirm_completions": form.confirm_completions.data,
        "report_recipients": form.report_recipients.data,
        "vice_chairmen_sign_reports": form.vice_chairmen_sign_reports.data,
    }


def _department(unit: Unit, department_id: int) -> Department | None:
    return next((d for d in unit.active_departments if d.id == department_id), None)


def _render(settings_form: SettingsForm | None = None,
            calendar_form: CalendarDayForm | None = None, status: int = 200):
    unit = current_user.unit
    mail_configured = bool(current_app.config["MAIL_SERVER"])
    return render_template(
        "settings/index.html",
        unit=unit,
        settings_form=settings_form or _settings_form(unit, unit.settings),
        calendar_form=calendar_form or CalendarDayForm(formdata=None),
        failed=[(d, describe(d.notification)) for d in failed_deliveries(db.session, unit)],
        queue=unit_queue_totals(db.session, unit, now_utc()),
        error_labels=ERROR_LABELS,
        format_decimal=format_decimal,
        mail_configured=mail_configured,
        waiting_emails=0 if mail_configured else waiting_deliveries(db.session, unit,
                                                                     Channel.EMAIL),
    ), status
