from datetime import date

import pytest

from tests.factories import DepartmentFactory, OfficialFactory, TaskFactory, UnitFactory
from tracker.core.reform_areas import ReformArea
from tracker.tasks.dashboard import build_dashboard
from tracker.tasks.models import TaskState
from tracker.tasks.status import TaskClass
from tracker.tasks.tally import Tally

DAY = date(2023, 3, 20)  # a Monday


def test_the_completion_rate_counts_only_what_has_fallen_due():
    tally = Tally()
    tally.counts.update({TaskClass.DONE_ON_TIME: 6, TaskClass.DONE_LATE: 2,
                         TaskClass.OVERDUE: 2, TaskClass.IN_PROGRESS: 40,
                         TaskClass.ONGOING: 9, TaskClass.CANCELLED: 1})
    # The cancelled task is counted apart, as the quarterly report counts it.
    assert (tally.total, tally.cancelled, tally.including_cancelled) == (59, 1, 60)
    assert (tally.fallen_due, tally.done, tally.not_done) == (10, 8, 51)
    assert tally.completion_rate == pytest.approx(80.0)
    assert tally.on_time_rate == pytest.approx(60.0)
    assert Tally().completion_rate is None and Tally().on_time_rate is None


@pytest.fixture
def unit(db_session):
    unit = UnitFactory()
    justice = DepartmentFactory(unit=unit, name="Tư pháp - Hộ tịch", position=1)
    office = DepartmentFactory(unit=unit, name="Văn phòng - Thống kê", position=0)
    oanh = OfficialFactory(unit=unit, full_name="Võ Thị Kim Oanh", department=justice)
    an = OfficialFactory(unit=unit, full_name="Trần Văn An", department=office)
    chairman = OfficialFactory(unit=unit, full_name="Nguyễn Văn Đức")
    done = {"state": TaskState.DONE, "completed_on": date(2023, 3, 1)}
    TaskFactory(unit=unit, lead=oanh, reform_area=ReformArea.PROCEDURES,
                due_date=date(2023, 3, 10), **done)
    TaskFactory(unit=unit, lead=oanh, reform_area=ReformArea.PROCEDURES,
                due_date=date(2023, 3, 17))                       # overdue
    TaskFactory(unit=unit, lead=an, reform_area=ReformArea.INSTITUTIONS,
                due_date=date(2023, 3, 22))                       # due in 2 days
    TaskFactory(unit=unit, lead=an, reform_area=ReformArea.INSTITUTIONS,
                due_date=date(2023, 3, 27))                       # in a week
    TaskFactory(unit=unit, lead=chairman, reform_area=ReformArea.DIRECTION, due_date=None)
    TaskFactory(unit=UnitFactory(), due_date=date(2023, 3, 1))    # another unit's
    return unit


def test_the_dashboard_of_a_day(unit, db_session):
    board = build_dashboard(db_session, unit, DAY, soon_days=3)
    assert board.unit.total == 5 and board.unit.completion_rate == pytest.approx(50.0)
    assert [t.due_date for t in board.due_soon] == [date(2023, 3, 22)]
    assert [t.due_date for t in board.overdue] == [date(2023, 3, 17)]
    assert [t.due_date for t in board.next_week] == [date(2023, 3, 22), date(2023, 3, 27)]
    # Areas in the report's order; departments in the unit's order, then the leads
    # without one; officials by given name (An, Đức, Oanh).
    assert [row.key for row in board.by_area] == ["direction", "institutions", "procedures"]
    assert [(row.label, row.tally.total) for row in board.by_department] == [
        ("Văn phòng - Thống kê", 2), ("Tư pháp - Hộ tịch", 2), ("", 1)]
    assert [row.label for row in board.by_official] == [
        "Trần Văn An", "Nguyễn Văn Đức", "Võ Thị Kim Oanh"]
    procedures = board.by_area[2].tally
    assert (procedures.done, procedures.overdue, procedures.completion_rate) == (1, 1, 50.0)
