"""The one place where the current moment and "today" are read.

A day is a date in a unit's time zone: a task due 31/03 is overdue from 01/04
local time, not from UTC midnight (which is 07:00 in Vietnam).

The scheduler can replay a past day or run on simulated time (`jobs run-once
--today`, `jobs run --simulate-from`); it does so by replacing the source of the
current moment, so that everything written meanwhile carries that moment.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


def system_now() -> datetime:
    """The machine's clock; the default source of the current moment."""
    return datetime.now(UTC)


_source: Callable[[], datetime] = system_now


def now_utc() -> datetime:
    return _source().astimezone(UTC)


def today_in(timezone: str = DEFAULT_TIMEZONE) -> date:
    return now_utc().astimezone(ZoneInfo(timezone)).date()


def local_moment(moment: datetime, timezone: str = DEFAULT_TIMEZONE) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


@contextmanager
def moment_source(source: Callable[[], datetime]) -> Iterator[None]:
    """Read the current moment from `source` inside the block (replays, simulations)."""
    global _source
    previous, _source = _source, source
    try:
        yield
    finally:
        _source = previous
