"""A unit's reminder settings and calendar, and each official's notification choices."""

from datetime import date, time
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.audit.services import record_event, record_updated, snapshot
from tracker.core.actor import Actor
from tracker.core.errors import NotFound, PermissionDenied, ValidationFailed
from tracker.core.public_address import UrlProblem, url_problem
from tracker.core.text import clean
from tracker.core.validation import REQUIRED, Problems
from tracker.org.models import CalendarDay, Department, Official, Unit, UnitSettings
from tracker.org.policy import can_manage_unit

MAX_OFFSET_DAYS = 60
_COUNT_FIELDS = {
    "overdue_repeat_days": (0, MAX_OFFSET_DAYS),
    "escalation_days": (0, MAX_OFFSET_DAYS),
    "cutoff_reminder_days": (0, 20),
    "report_due_day": (1, 28),
    "report_reminder_days": (0, 20),
    "due_soon_days": (0, 30),
    "session_idle_hours": (1, 72),
}


def update_unit_settings(
    session: Session, actor: Actor, unit: Unit, *, allow_private_webhook: bool = False,
    **fields: Any,
) -> UnitSettings:
    """Change a unit's reminder settings (any of the UnitSettings columns).

    :raise PermissionDenied: unless the actor is the unit's admin.
    :raise ValidationFailed: offsets that are not whole numbers 0–60, counts out of
        range, a report due day past the 28th, a department of another unit, a
        webhook URL that is not http(s) to a public address (any address with
        `allow_private_webhook`, the deployment's WEBHOOK_ALLOW_PRIVATE).
    """
    _require_admin(actor, unit)
    settings = unit.settings
    before = snapshot(settings)
    problems = Problems()
    for name, value in fields.items():
        if name == "webhook_url":
            _set_webhook(settings, value, problems, allow_private_webhook)
        else:
            _set_field(settings, unit, name, value, problems)
    problems.raise_if_any()
    session.flush()
    record_updated(session, actor, settings, before, unit_id=unit.id)
    return settings


def add_calendar_day(
    session: Session, actor: Actor, unit: Unit, *, day: date, is_working: bool, note: str = ""
) -> CalendarDay:
    """Add a holiday of the unit's own, or a weekend day it works.

    :raise ValidationFailed: the day is already in the unit's calendar.
    """
    _require_admin(actor, unit)
    existing = select(CalendarDay.id).where(CalendarDay.unit_id == unit.id, CalendarDay.day == day)
    if session.scalar(existing):
        raise ValidationFailed.on("day", _l("Ngày %(day)s đã có trong lịch.",
                                            day=day.strftime("%d/%m/%Y")))
    entry = CalendarDay(unit=unit, day=day, is_working=is_working, note=clean(note))
    session.add(entry)
    record_event(session, actor, unit, "calendar_add", {"day": [None, day.isoformat()],
                 "is_working": [None, is_working]}, unit_id=unit.id)
    return entry


def remove_calendar_day(session: Session, actor: Actor, unit: Unit, entry_id: int) -> None:
    _require_admin(actor, unit)
    entry = session.get(CalendarDay, entry_id)
    if entry is None or entry.unit_id != unit.id:
        raise NotFound(_l("Không tìm thấy ngày này trong lịch."))
    record_event(session, actor, unit, "calendar_remove",
                 {"day": [entry.day.isoformat(), None]}, unit_id=unit.id)
    session.delete(entry)
    session.flush()


def update_preferences(
    session: Session, actor: Actor, official: Official, *,
    notify_email: bool, email_digest: bool, notify_webhook: bool,
) -> Official:
    """An official's own choice of channels.

    :raise PermissionDenied: for anyone but the official.
    """
    if actor.id != official.id:
        raise PermissionDenied(_l("Chỉ chính người dùng được đổi cách nhận thông báo."))
    chosen = {"notify_email": bool(notify_email), "email_digest": bool(email_digest),
              "notify_webhook": bool(notify_webhook)}
    changes = {name: [getattr(official, name), value] for name, value in chosen.items()
               if getattr(official, name) != value}
    for name, value in chosen.items():
        setattr(official, name, value)
    if changes:  # where an official's reminders go is a security matter: recorded
        record_event(session, actor, official, "set_channels", changes,
                     unit_id=official.unit_id)
    session.flush()
    return official


def _set_field(settings: UnitSettings, unit: Unit, name: str, value: Any, problems) -> None:
    if name == "scan_time":
        _set_scan_time(settings, value, problems)
    elif name == "reminder_offsets":
        _set_offsets(settings, value, problems)
    elif name in _COUNT_FIELDS:
        low, high = _COUNT_FIELDS[name]
        if not isinstance(value, int) or not low <= value <= high:
            problems.add(name, _l("Giá trị phải từ %(low)d đến %(high)d.", low=low, high=high))
        else:
            setattr(settings, name, value)
    elif name == "office_department":
        _set_office(settings, value, problems)
    elif name in ("confirm_completions", "vice_chairmen_sign_reports", "show_superior_body"):
        setattr(settings, name, bool(value))
    elif name == "report_recipients":
        _set_recipients(settings, value, problems)
    elif name in ("signature_authority", "signer_title"):
        _set_signature_line(settings, name, value, problems)
    else:
        problems.add(name, _l("Trường không được sửa."))


def _set_scan_time(settings: UnitSettings, value: Any, problems) -> None:
    if isinstance(value, time):
        settings.scan_time = value
        return
    try:
        settings.scan_time = time.fromisoformat(clean(str(value)))
    except ValueError:
        problems.add("scan_time", _l("Giờ không hợp lệ (ví dụ 07:00)."))


def _set_offsets(settings: UnitSettings, value: Any, problems) -> None:
    parts = [p.strip() for p in clean(str(value)).split(",") if p.strip()]
    if not all(p.isdigit() and int(p) <= MAX_OFFSET_DAYS for p in parts):
        problems.add("reminder_offsets",
                     _l("Nhập các số ngày làm việc cách nhau bởi dấu phẩy, ví dụ 5,2,0."))
        return
    settings.reminder_offsets = ",".join(str(n) for n in sorted({int(p) for p in parts},
                                                                 reverse=True))


TOO_MANY_RECIPIENTS = _l("Tối đa 30 nơi nhận, mỗi nơi một dòng.")


def clean_recipients(value: Any) -> str | None:
    """A report's Nơi nhận as typed, one a line, blank lines dropped; None past 30 lines
    or 200 characters a line."""
    lines = [clean(line) for line in str(value or "").splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > 30 or any(len(line) > 200 for line in lines):
        return None
    return "\n".join(lines)


def _set_recipients(settings: UnitSettings, value: Any, problems) -> None:
    recipients = clean_recipients(value)
    if recipients is None:
        problems.add("report_recipients", TOO_MANY_RECIPIENTS)
    else:
        settings.report_recipients = recipients


def _set_signature_line(settings: UnitSettings, name: str, value: Any, problems) -> None:
    # Printed in capitals as the signature block writes them ("TM. ỦY BAN NHÂN DÂN").
    line = clean(value if isinstance(value, str) else "").upper()
    if not line:
        problems.add(name, REQUIRED)
    elif len(line) > 100:
        problems.add(name, _l("Tối đa 100 ký tự."))
    else:
        setattr(settings, name, line)


def _set_office(settings: UnitSettings, department: Department | None, problems) -> None:
    if department is not None and department.unit_id != settings.unit_id:
        problems.add("office_department", _l("Bộ phận không thuộc đơn vị này."))
    elif department is not None and not department.active:
        problems.add("office_department", _l("Bộ phận %(name)s đã ngừng hoạt động.",
                                             name=department.name))
    else:
        settings.office_department = department


_WEBHOOK_PROBLEMS = {
    UrlProblem.SCHEME: _l("Địa chỉ webhook phải bắt đầu bằng http:// hoặc https://."),
    UrlProblem.MALFORMED: _l("Địa chỉ webhook không hợp lệ."),
    UrlProblem.USERINFO: _l("Địa chỉ webhook không được chứa tên đăng nhập hay mật khẩu."),
    UrlProblem.PRIVATE: _l("Địa chỉ webhook phải là địa chỉ công khai trên Internet, không "
                           "phải máy nội bộ (localhost, 10.x, 192.168.x, 169.254.x …)."),
}


def _set_webhook(settings: UnitSettings, value: Any, problems, allow_private: bool) -> None:
    url = clean(value or "")
    problem = url_problem(url, allow_private=allow_private) if url else None
    if problem is not None:
        problems.add("webhook_url", _WEBHOOK_PROBLEMS[problem])
    else:
        settings.webhook_url = url or None


def _require_admin(actor: Actor, unit: Unit) -> None:
    if not can_manage_unit(actor, unit):
        raise PermissionDenied(_l("Chỉ quản trị của đơn vị được thay đổi cài đặt."))
