"""A province's communes as the oversight tests need them: a commune below, its tasks by
class as of a day, a report signed on a day (its content is not what these tests read)."""

from datetime import UTC, date, datetime, timedelta

from tests.factories import TaskFactory, UnitFactory
from tracker.extensions import db
from tracker.reports.models import Report, ReportState
from tracker.tasks.models import TaskState


def commune_below(province, name: str):
    """A commune of `province`; its place is its name without "UBND xã"."""
    return UnitFactory(parent=province, name=name, place_name=name.split(" ", 2)[-1])


def signed_report(unit, period: str, on: date) -> Report:
    report = Report(unit=unit, period=period, state=ReportState.FINAL, number=7,
                    finalised_at=datetime(on.year, on.month, on.day, 3, tzinfo=UTC))
    db.session.add(report)
    db.session.flush()
    return report


def tasks_by_class(unit, day: date, **counts: int) -> None:
    """As of `day`: `overdue` ones due before it, `next_week` ones due two days on,
    `on_time` and `late` ones done, `cancelled` ones."""
    for _ in range(counts.get("overdue", 0)):
        TaskFactory(unit=unit, due_date=day - timedelta(days=3))
    for _ in range(counts.get("next_week", 0)):
        TaskFactory(unit=unit, due_date=day + timedelta(days=2))
    for _ in range(counts.get("on_time", 0)):
        TaskFactory(unit=unit, due_date=day, state=TaskState.DONE, progress_percent=100,
                    completed_on=day - timedelta(days=1))
    for _ in range(counts.get("late", 0)):
        TaskFactory(unit=unit, due_date=day - timedelta(days=9), state=TaskState.DONE,
                    progress_percent=100, completed_on=day - timedelta(days=2))
    for _ in range(counts.get("cancelled", 0)):
        TaskFactory(unit=unit, due_date=day, state=TaskState.CANCELLED,
                    cancelled_on=day - timedelta(days=5), cancel_reason="Không còn cần")
