"""A unit's working calendar: public holidays plus the days the unit adds or swaps."""

from datetime import date
from functools import lru_cache

from tracker.core.workdays import WorkingCalendar
from tracker.org.models import Unit


def unit_calendar(unit: Unit) -> WorkingCalendar:
    days = unit.calendar_days
    return _shared_calendar(
        frozenset(d.day for d in days if not d.is_working),
        frozenset(d.day for d in days if d.is_working),
    )


@lru_cache(maxsize=256)
def _shared_calendar(
    extra_holidays: frozenset[date], extra_working_days: frozenset[date]
) -> WorkingCalendar:
    """Units with the same own days (most have none) share one calendar and its
    cached day counts; a change to a unit's days gives it another key."""
    return WorkingCalendar(extra_holidays, extra_working_days)
