"""A unit's working calendar: public holidays plus the days the unit adds or swaps."""

from tracker.core.workdays import WorkingCalendar
from tracker.org.models import Unit


def unit_calendar(unit: Unit) -> WorkingCalendar:
    days = unit.calendar_days
    return WorkingCalendar(
        extra_holidays=[d.day for d in days if not d.is_working],
        extra_working_days=[d.day for d in days if d.is_working],
    )
