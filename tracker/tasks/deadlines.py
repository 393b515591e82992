"""Deadlines as plans write them.

A plan rarely gives a bare date: "trong 05 ngày làm việc", "Quý II/2023",
"tháng 5/2023", "6 tháng đầu năm 2023", "trước ngày 15/6/2023", "thường xuyên".
Each becomes a due date (a period's last day; working days counted from the
document's issue date) and the wording is kept to be shown beside it.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from tracker.core.clock import today_in
from tracker.core.errors import ValidationFailed
from tracker.core.text import clean, fold, roman
from tracker.core.workdays import WorkingCalendar
from tracker.documents.models import Document
from tracker.org.calendar import unit_calendar
from tracker.org.models import Unit
from tracker.tasks.models import Recurrence

_QUARTERS = {roman(quarter).lower(): quarter for quarter in range(1, 5)}
_YEAR = r"(?:/|\s*nam\s*)(\d{4})"
_DATE = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
_PATTERNS = (
    ("date", re.compile(rf"^(?:(?:truoc|den|han|cham nhat)\s*(?:ngay\s*)?|ngay\s*)?{_DATE}$")),
    ("iso", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    ("working_days", re.compile(r"^(?:trong\s*(?:vong\s*)?)?(\d{1,3})\s*ngay lam viec"
                                r"(?:\s*ke tu ngay ban hanh)?$")),
    ("quarter", re.compile(rf"^(?:trong\s*)?quy\s*(i{{1,3}}|iv|[1-4]){_YEAR}$")),
    ("month", re.compile(rf"^(?:trong\s*)?thang\s*(\d{{1,2}}){_YEAR}$")),
    ("half", re.compile(r"^(6|9)\s*thang\s*(dau|cuoi)?\s*(?:nam\s*)?(\d{4})$")),
    ("year", re.compile(r"^(?:trong\s*)?nam\s*(\d{4})$")),
)
ONGOING_WORDS = ("", "thuong xuyen", "hang ngay", "lien tuc")


@dataclass(frozen=True)
class Deadline:
    due_date: date | None  # None: an ongoing ("thường xuyên") task
    wording: str | None  # as the plan wrote it, when it was not a bare date


def deadline_for(unit: Unit, document: Document | None, wording: str | None) -> Deadline:
    """A task's deadline as `wording` gives it, in `unit`'s working calendar: working
    days count from the document's issue date, or from today (the day the task is
    assigned) when it has no document.

    :raise ValidationFailed: as `resolve_deadline`.
    """
    start = document.issued_on if document else today_in(unit.timezone)
    return resolve_deadline(wording, start=start, workdays=unit_calendar(unit))


def resolve_deadline(text: str | None, *, start: date, workdays: WorkingCalendar) -> Deadline:
    """Read a deadline as plans write it; `start` is what working days count from
    (the document's issue date, or the day the task is assigned).

    :raise ValidationFailed: wording this does not understand, or a date that does not exist.
    """
    wording = clean(text)
    key = fold(wording).rstrip(".")
    if key in ONGOING_WORDS:
        return Deadline(None, wording or None)
    for kind, pattern in _PATTERNS:
        match = pattern.match(key)
        if match:
            due = _due_date(kind, match.groups(), start, workdays)
            bare = kind in ("date", "iso") and not re.match(r"^[a-z]", key)
            return Deadline(due, None if bare else wording)
    raise ValidationFailed.on("due", _l(
        "Không hiểu thời hạn “%(text)s”. Ví dụ: 30/06/2023, trong 05 ngày làm việc, "
        "Quý II/2023, tháng 5/2023, 6 tháng đầu năm 2023, trước ngày 15/6/2023, "
        "thường xuyên.", text=wording))


def _due_date(kind: str, groups: tuple, start: date, workdays: WorkingCalendar) -> date:
    try:
        match kind:
            case "date":
                return date(int(groups[2]), int(groups[1]), int(groups[0]))
            case "iso":
                return date(int(groups[0]), int(groups[1]), int(groups[2]))
            case "working_days":
                return workdays.add_working_days(start, int(groups[0]))
            case "quarter":
                quarter = _QUARTERS.get(groups[0]) or int(groups[0])
                return _month_end(int(groups[1]), quarter * 3)
            case "month":
                return _month_end(int(groups[1]), int(groups[0]))
            case "half":
                months = int(groups[0])
                return _month_end(int(groups[2]), 12 if groups[1] == "cuoi" else months)
            case _:
                return date(int(groups[0]), 12, 31)
    except ValueError:
        raise ValidationFailed.on("due", _l("Ngày không tồn tại.")) from None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def next_due_date(due: date, recurrence: Recurrence) -> date:
    """One period later; a due date on a month's last day stays on the last day."""
    month_index = due.year * 12 + due.month - 1 + recurrence.months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    at_month_end = due.day == calendar.monthrange(due.year, due.month)[1]
    return date(year, month + 1, last if at_month_end else min(due.day, last))
