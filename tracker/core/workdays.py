"""Working days: weekdays that are not Vietnamese public holidays (Tết included),
adjusted by the days a unit adds as holidays or swaps into working days
(a Saturday worked to bridge a holiday, say)."""

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate

import holidays

_FIRST_YEAR = 2000  # the index counts from here; earlier years count negatively


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year))


class WorkingCalendar:
    def __init__(
        self, extra_holidays: Iterable[date] = (), extra_working_days: Iterable[date] = ()
    ) -> None:
        self.extra_holidays = frozenset(extra_holidays)
        self.extra_working_days = frozenset(extra_working_days)
        self._prefix: dict[int, list[int]] = {}
        self._before_year: dict[int, int] = {}

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.extra_holidays or day.weekday() >= 5:
            return False
        return day not in _public_holidays(day.year)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: 0 when end is start, negative when end is earlier.

        Counted as the difference of two cumulative indexes, so a task overdue for
        years costs no more than one overdue since yesterday.
        """
        return self._index(end) - self._index(start)

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` ("trong 05 ngày làm việc"),
        or before it when `count` is negative."""
        day, step = start, timedelta(days=1 if count >= 0 else -1)
        remaining = abs(count)
        while remaining > 0:
            day += step
            remaining -= self.is_working_day(day)
        return day

    def first_working_day_within(self, due: date, count: int) -> date:
        """The earliest working day from which at most `count` working days remain
        until `due` (the day a "`count` days before" reminder is due)."""
        target, day, found = self._index(due) - count, due, due
        while self._index(day) >= target:
            if self.is_working_day(day):
                found = day
            day -= timedelta(days=1)
        return found

    def _index(self, day: date) -> int:
        """Working days from 1 January 2000 up to and including `day`."""
        day_of_year = day.timetuple().tm_yday
        return self._days_before(day.year) + self._year_prefix(day.year)[day_of_year - 1]

    def _year_prefix(self, year: int) -> list[int]:
        if year not in self._prefix:
            first = date(year, 1, 1)
            length = (date(year + 1, 1, 1) - first).days
            flags = (self.is_working_day(first + timedelta(days=n)) for n in range(length))
            self._prefix[year] = list(accumulate(int(flag) for flag in flags))
        return self._prefix[year]

    def _days_before(self, year: int) -> int:
        if year not in self._before_year:
            if year >= _FIRST_YEAR:
                total = sum(self._year_prefix(y)[-1] for y in range(_FIRST_YEAR, year))
            else:
                total = -sum(self._year_prefix(y)[-1] for y in range(year, _FIRST_YEAR))
            self._before_year[year] = total
        return self._before_year[year]
