from datetime import UTC, date, datetime

from tests.factories import TaskFactory, UnitFactory
from tracker.core.periods import ReportingPeriod
from tracker.reports.data import gather
from tracker.tasks.dashboard import build_dashboard
from tracker.tasks.models import TaskState
from tracker.tasks.status import TaskClass
from tracker.tasks.tally import Tally

Q1_2023 = ReportingPeriod.parse("2023-Q1")  # 15/12/2022 – 14/03/2023


def test_a_tally_counts_cancelled_tasks_apart_from_its_total():
    tally = Tally.of([TaskClass.DONE_ON_TIME, TaskClass.OVERDUE, TaskClass.ONGOING,
                      TaskClass.CANCELLED, TaskClass.CANCELLED])
    assert (tally.total, tally.cancelled, tally.including_cancelled) == (3, 2, 5)
    assert (tally.done, tally.not_done, tally.fallen_due) == (1, 2, 2)
    assert tally.completion_rate == 50.0 and tally.on_time_rate == 50.0


def test_the_dashboard_and_the_report_tally_a_day_alike(db_session):
    unit = UnitFactory()
    assigned = {"unit": unit, "assigned_at": datetime(2023, 1, 5, 2, tzinfo=UTC)}
    TaskFactory(**assigned, due_date=date(2023, 2, 28), state=TaskState.DONE,
                completed_on=date(2023, 2, 20), result="Đã xong")
    TaskFactory(**assigned, due_date=date(2023, 2, 28), state=TaskState.DONE,
                completed_on=date(2023, 3, 2), result="Xong muộn")
    TaskFactory(**assigned, due_date=date(2023, 3, 1))
    TaskFactory(**assigned, due_date=date(2023, 3, 31))
    TaskFactory(**assigned, due_date=None)
    TaskFactory(**assigned, due_date=date(2023, 3, 31), state=TaskState.CANCELLED,
                cancelled_on=date(2023, 2, 1), cancel_reason="Không còn phù hợp")
    day = Q1_2023.cutoff
    dashboard = build_dashboard(db_session, unit, day, soon_days=3).unit
    report = gather(db_session, unit, Q1_2023).figures()
    assert dashboard.counts == report.counts
    assert (dashboard.total, dashboard.cancelled) == (report.total, report.cancelled) == (5, 1)
