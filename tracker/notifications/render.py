"""What each notification says, in the reader's language (Vietnamese by default)."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext

from tracker.core.periods import ReportingPeriod
from tracker.notifications.models import Notification, NotificationKind


@dataclass(frozen=True)
class Described:
    subject: str
    text: str
    task_id: int | None
    link: str | None  # the page it is about, as a path within the app


def describe(notification: Notification) -> Described:
    payload = notification.payload
    subject, text = _TEXTS[notification.kind](payload)
    return Described(subject=subject, text=text, task_id=notification.task_id,
                     link=_link(notification))


def _link(notification: Notification) -> str | None:
    if notification.task_id:
        return f"/tasks/{notification.task_id}"
    page = _PAGES.get(notification.kind)
    return page(notification.payload) if page else None


def _day(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else _("thường xuyên")


def _assigned(p: dict) -> tuple[str, str]:
    if p.get("role") == "lead":
        subject = _("Nhiệm vụ mới: bạn chủ trì")
    else:
        subject = _("Nhiệm vụ mới: bạn phối hợp")
    return subject, _("%(title)s — thời hạn: %(due)s.", title=p["title"], due=_day(p["due"]))


# Vietnamese has one plural form, so singular and plural are the same text; English has two.
def _due(p: dict) -> tuple[str, str]:
    text = _("%(title)s — hạn %(due)s.", title=p["title"], due=_day(p["due"]))
    if p["days"] == 0:
        return _("Nhiệm vụ đến hạn hôm nay"), text
    return ngettext("Nhiệm vụ còn %(num)d ngày làm việc đến hạn",
                    "Nhiệm vụ còn %(num)d ngày làm việc đến hạn", p["days"]), text


def _overdue(p: dict) -> tuple[str, str]:
    return _("Nhiệm vụ đã quá hạn"), _overdue_text(p)


def _overdue_repeat(p: dict) -> tuple[str, str]:
    return ngettext("Nhiệm vụ vẫn quá hạn %(num)d ngày làm việc",
                    "Nhiệm vụ vẫn quá hạn %(num)d ngày làm việc", p["days"]), _overdue_text(p)


def _escalation(p: dict) -> tuple[str, str]:
    return ngettext("Báo cáo lãnh đạo: nhiệm vụ quá hạn %(num)d ngày làm việc",
                    "Báo cáo lãnh đạo: nhiệm vụ quá hạn %(num)d ngày làm việc",
                    p["days"]), _overdue_text(p)


def _overdue_text(p: dict) -> str:
    return _("%(title)s — hạn %(due)s, chủ trì: %(lead)s.", title=p["title"],
             due=_day(p["due"]), lead=p["lead"])


def _cutoff(p: dict) -> tuple[str, str]:
    return (_("Sắp chốt số liệu báo cáo CCHC %(period)s", period=p["period"]),
            ngettext("Số liệu chốt ngày %(cutoff)s. Vui lòng cập nhật tiến độ %(num)d nhiệm vụ "
                     "bạn đang thực hiện.",
                     "Số liệu chốt ngày %(cutoff)s. Vui lòng cập nhật tiến độ %(num)d nhiệm vụ "
                     "bạn đang thực hiện.", p["open_tasks"], cutoff=_day(p["cutoff"])))


def _report_due(p: dict) -> tuple[str, str]:
    return (_("Hạn gửi báo cáo CCHC %(period)s: %(due)s", period=p["period"], due=_day(p["due"])),
            _("Số liệu đã chốt ngày %(cutoff)s. Vui lòng hoàn thiện và trình ký báo cáo.",
              cutoff=_day(p["cutoff"])))


def _period(code: str) -> str:
    """A period's label in the reader's language (the payload keeps its code)."""
    return ReportingPeriod.parse(code).label


def _report_missing(p: dict) -> tuple[str, str]:
    return (_("Quá hạn gửi báo cáo CCHC %(period)s", period=_period(p["period"])),
            ngettext("Báo cáo CCHC %(period)s chưa được ký ban hành; hạn %(due)s đã qua "
                     "%(num)d ngày làm việc.",
                     "Báo cáo CCHC %(period)s chưa được ký ban hành; hạn %(due)s đã qua "
                     "%(num)d ngày làm việc.", p["days"], period=_period(p["period"]),
                     due=_day(p["due"])))


def _reports_summary(p: dict) -> tuple[str, str]:
    text = ngettext("%(num)d xã: %(on_time)d đã gửi đúng hạn, %(late)d gửi muộn, "
                    "%(missing)d chưa gửi.",
                    "%(num)d xã: %(on_time)d đã gửi đúng hạn, %(late)d gửi muộn, "
                    "%(missing)d chưa gửi.", p["total"], on_time=p["on_time"],
                    late=p["late"], missing=p["missing"])
    if p["names"]:
        names = ", ".join(p["names"])
        if p["more"]:
            names = ngettext("%(names)s và %(num)d xã khác", "%(names)s và %(num)d xã khác",
                             p["more"], names=names)
        text += " " + _("Chưa gửi: %(names)s.", names=names)
    return _("Tình hình gửi báo cáo CCHC %(period)s", period=_period(p["period"])), text


def _extension_requested(p: dict) -> tuple[str, str]:
    return (_("Đề nghị gia hạn: %(title)s", title=p["title"]),
            _("%(by)s đề nghị gia hạn từ %(due)s đến %(proposed)s. Lý do: %(reason)s",
              by=p["by"], due=_day(p["due"]), proposed=_day(p["proposed"]),
              reason=p["reason"]))


def _extension_decided(p: dict) -> tuple[str, str]:
    if p["state"] == "approved":
        return (_("Đã đồng ý gia hạn: %(title)s", title=p["title"]),
                _("Thời hạn mới: %(granted)s.", granted=_day(p["granted"])))
    return (_("Không đồng ý gia hạn: %(title)s", title=p["title"]),
            _("Thời hạn vẫn là %(due)s. Lý do: %(note)s", due=_day(p["due"]), note=p["note"]))


def _completion_to_confirm(p: dict) -> tuple[str, str]:
    return (_("Chờ xác nhận hoàn thành: %(title)s", title=p["title"]),
            _("%(lead)s báo hoàn thành ngày %(day)s. Kết quả: %(result)s", lead=p["lead"],
              day=_day(p["completed_on"]), result=p["result"]))


def _completion_returned(p: dict) -> tuple[str, str]:
    return (_("Nhiệm vụ bị trả lại: %(title)s", title=p["title"]),
            _("Chưa xác nhận hoàn thành. Lý do: %(reason)s", reason=p["reason"]))


def _cancelled_from_above(p: dict) -> tuple[str, str]:
    return (_("Cấp trên hủy nhiệm vụ: %(title)s", title=p["title"]),
            _("%(unit)s đã hủy nhiệm vụ này. Lý do: %(reason)s", unit=p["by"],
              reason=p["reason"]))


_TEXTS = {
    NotificationKind.ASSIGNED: _assigned,
    NotificationKind.DUE_REMINDER: _due,
    NotificationKind.OVERDUE: _overdue,
    NotificationKind.OVERDUE_REPEAT: _overdue_repeat,
    NotificationKind.ESCALATION: _escalation,
    NotificationKind.CUTOFF_REMINDER: _cutoff,
    NotificationKind.REPORT_DUE: _report_due,
    NotificationKind.REPORT_MISSING: _report_missing,
    NotificationKind.REPORTS_SUMMARY: _reports_summary,
    NotificationKind.EXTENSION_REQUESTED: _extension_requested,
    NotificationKind.EXTENSION_DECIDED: _extension_decided,
    NotificationKind.COMPLETION_TO_CONFIRM: _completion_to_confirm,
    NotificationKind.COMPLETION_RETURNED: _completion_returned,
    NotificationKind.CANCELLED_FROM_ABOVE: _cancelled_from_above,
}

# The pages of the notifications about no task.
_PAGES = {
    NotificationKind.REPORT_DUE: lambda p: "/reports",
    NotificationKind.REPORT_MISSING: lambda p: "/reports",
    NotificationKind.REPORTS_SUMMARY: lambda p: f"/oversight/reports?period={p['period']}",
}
