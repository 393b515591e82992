"""The one place where the current moment and "today" are read.

A day is a date in a unit's time zone: a task due 31/03 is overdue from 01/04
local time, not from UTC midnight (which is 07:00 in Vietnam).
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


def now_utc() -> datetime:
    return datetime.now(UTC)


def today_in(timezone: str = DEFAULT_TIMEZONE) -> date:
    return datetime.now(ZoneInfo(timezone)).date()


def local_moment(moment: datetime, timezone: str = DEFAULT_TIMEZONE) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))
