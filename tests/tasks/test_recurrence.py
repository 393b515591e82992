from datetime import date

import pytest
from sqlalchemy import select

from tests.factories import OfficialFactory, UnitFactory
from tracker.core.actor import SYSTEM
from tracker.core.errors import ValidationFailed
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.notifications.models import Notification, NotificationKind
from tracker.reminders.scan import scan_unit
from tracker.tasks.deadlines import next_due_date
from tracker.tasks.models import Recurrence, Task, TaskState
from tracker.tasks.services import cancel_task, complete_task, create_task

M, Q, Y = Recurrence.MONTHLY, Recurrence.QUARTERLY, Recurrence.YEARLY


@pytest.mark.parametrize(("due", "recurrence", "expected"), [
    (date(2023, 1, 15), M, date(2023, 2, 15)),
    (date(2023, 1, 31), M, date(2023, 2, 28)),
    (date(2023, 2, 28), M, date(2023, 3, 31)),   # a month's last day stays the last day
    (date(2023, 1, 30), M, date(2023, 2, 28)),
    (date(2023, 3, 31), Q, date(2023, 6, 30)),
    (date(2023, 11, 15), Q, date(2024, 2, 15)),
    (date(2024, 2, 29), Y, date(2025, 2, 28)),
])
def test_the_next_due_date(due, recurrence, expected):
    assert next_due_date(due, recurrence) == expected


@pytest.fixture
def series(db_session, on_20_march_2023):
    unit = UnitFactory()
    chairman = OfficialFactory(unit=unit, role=Role.CHAIRMAN)
    lead = OfficialFactory(unit=unit)
    helper = OfficialFactory(unit=unit)
    task = create_task(db_session, chairman, unit, title="Báo cáo kết quả kiểm soát TTHC",
                       reform_area="procedures", lead=lead, coordinators=[helper],
                       due_date=date(2023, 3, 31), recurrence="monthly")
    db_session.flush()
    return task


def _successor(task) -> Task | None:
    return db.session.scalar(select(Task).where(Task.recurs_from_id == task.id))


def test_completing_an_occurrence_assigns_the_next_to_the_same_people(series):
    complete_task(db.session, series.lead, series, result="Đã báo cáo tháng 3.",
                  completed_on=date(2023, 3, 20), version=series.version)
    following = _successor(series)
    assert (following.due_date, following.recurrence, following.state) == (
        date(2023, 4, 30), Recurrence.MONTHLY, TaskState.OPEN)
    assert (following.lead, following.coordinators, following.assigned_by) == (
        series.lead, series.coordinators, series.assigned_by)
    told = db.session.scalars(select(Notification.recipient_id).where(
        Notification.kind == NotificationKind.ASSIGNED, Notification.task_id == following.id))
    assert sorted(told) == sorted([series.lead_id, series.coordinators[0].id])


def test_a_series_moves_on_when_its_period_is_over_once_only(series):
    scan_unit(db.session, series.unit, date(2023, 3, 31))
    assert _successor(series) is None  # not yet past its due date
    for _ in range(2):
        scan_unit(db.session, series.unit, date(2023, 4, 3))
    following = _successor(series)
    assert following.due_date == date(2023, 4, 30) and series.state is TaskState.OPEN
    assert db.session.scalars(select(Task).where(Task.recurs_from_id == series.id)).all() == [
        following]


def test_a_cancelled_occurrence_ends_its_series(series):
    cancel_task(db.session, series.assigned_by, series, reason="Thôi báo cáo tháng.",
                version=series.version)
    scan_unit(db.session, series.unit, date(2023, 4, 3))
    assert _successor(series) is None


def test_an_ongoing_task_cannot_recur(db_session):
    unit = UnitFactory()
    with pytest.raises(ValidationFailed) as refused:
        create_task(db_session, SYSTEM, unit, title="Niêm yết TTHC", reform_area="procedures",
                    lead=OfficialFactory(unit=unit), recurrence="monthly")
    assert "recurrence" in refused.value.errors
