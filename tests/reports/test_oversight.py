"""The level above over its communes: each commune's figures, its report against the
due date, the tasks across them, and who may see any of it."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import queries_during
from tests.oversight_data import commune_below, signed_report, tasks_by_class
from tracker.core.errors import NotFound, ValidationFailed
from tracker.core.periods import ReportingPeriod
from tracker.core.reform_areas import ReformArea
from tracker.core.roles import Role
from tracker.org.below import unit_below
from tracker.org.models import UnitLevel
from tracker.reports.data import gather
from tracker.reports.generate import task_figures
from tracker.reports.oversight import (
    OversightSort,
    Submission,
    build_oversight,
    reports_below,
    tasks_below,
)
from tracker.tasks.models import TaskState
from tracker.tasks.queries import TaskFilters
from tracker.tasks.status import TaskClass

DAY = date(2026, 10, 20)  # the Q3 2026 report was due on 15/9
Q3 = ReportingPeriod.parse("2026-Q3")


@pytest.fixture
def province(db_session):
    return UnitFactory(code="tinh", name="UBND tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE)


@pytest.fixture
def viewer(province):
    return OfficialFactory(unit=province, username="noivu", role=Role.VIEWER)








def test_each_commune_with_its_figures_and_its_report_against_its_due_date(db_session, province,
                                                                        viewer):
    an_nhon = commune_below(province, "UBND xã An Nhơn")
    binh_son = commune_below(province, "UBND xã Bình Sơn")
    ca_mau = commune_below(province, "UBND phường Cà Mau")
    tasks_by_class(an_nhon, DAY, overdue=1, next_week=2, on_time=3, late=1)
    tasks_by_class(binh_son, DAY, on_time=2)
    signed_report(an_nhon, "2026-Q3", date(2026, 9, 10))
    signed_report(binh_son, "2026-H1", date(2026, 6, 12))
    signed_report(binh_son, "2026-Q3", date(2026, 9, 20))

    oversight = build_oversight(db_session, viewer, province, DAY)

    assert oversight.period == Q3
    rows = {row.unit.name: row for row in oversight.rows}
    assert [row.unit.name for row in oversight.rows] == [
        "UBND xã An Nhơn", "UBND xã Bình Sơn", "UBND phường Cà Mau"]
    first = rows["UBND xã An Nhơn"]
    assert (first.tally.overdue, first.tally.done_on_time, first.tally.done_late) == (1, 3, 1)
    assert first.tally.not_done == 3 and first.due_next_days == 2
    assert first.tally.completion_rate == pytest.approx(80.0)  # 4 done of 5 fallen due
    assert first.submission is Submission.ON_TIME and first.due_date == date(2026, 9, 15)
    assert rows["UBND xã Bình Sơn"].submission is Submission.LATE
    assert rows["UBND xã Bình Sơn"].last_signed.period == Q3
    assert rows["UBND phường Cà Mau"].submission is Submission.MISSING
    assert rows["UBND phường Cà Mau"].tally.completion_rate is None
    assert oversight.total.done == 6 and oversight.total.overdue == 1
    assert oversight.submitted == 2 and oversight.due_next_days == 2
    assert ca_mau.id in {row.unit.id for row in oversight.rows}


def test_a_report_not_signed_before_its_due_day_is_not_yet_late(db_session, province, viewer):
    commune_below(province, "UBND xã Chưa Đến Hạn")
    (row,) = build_oversight(db_session, viewer, province, date(2026, 9, 15)).rows
    assert row.submission is Submission.NOT_YET_DUE
    (row,) = build_oversight(db_session, viewer, province, date(2026, 9, 16)).rows
    assert row.submission is Submission.MISSING


def test_sorted_by_any_column_and_narrowed_to_one_area(db_session, province, viewer):
    many, few = commune_below(province, "UBND xã A"), commune_below(province, "UBND xã B")
    tasks_by_class(many, DAY, overdue=3)
    tasks_by_class(few, DAY, overdue=1)
    TaskFactory(unit=few, due_date=DAY - timedelta(days=1), reform_area=ReformArea.INSTITUTIONS)
    by_overdue = build_oversight(db_session, viewer, province, DAY, sort=OversightSort.OVERDUE,
                                 descending=True)
    assert [row.unit.name for row in by_overdue.rows] == ["UBND xã A", "UBND xã B"]
    ascending = build_oversight(db_session, viewer, province, DAY, sort=OversightSort.OVERDUE)
    assert [row.unit.name for row in ascending.rows] == ["UBND xã B", "UBND xã A"]
    by_name = build_oversight(db_session, viewer, province, DAY, descending=True)
    assert [row.unit.name for row in by_name.rows] == ["UBND xã B", "UBND xã A"]
    institutions = build_oversight(db_session, viewer, province, DAY, area=ReformArea.INSTITUTIONS)
    assert [row.tally.overdue for row in institutions.rows] == [0, 1]


def test_a_fixed_number_of_queries_however_many_communes(db_session, province, viewer):
    for number in range(3):
        tasks_by_class(commune_below(province, f"UBND xã Ít {number}"), DAY, overdue=1,
                       on_time=1)

    def build() -> None:
        db_session.expire_all()
        build_oversight(db_session, viewer, province, DAY)

    few = queries_during(build)
    for number in range(9):
        commune = commune_below(province, f"UBND xã Nhiều {number}")
        tasks_by_class(commune, DAY, overdue=2, late=1)
        signed_report(commune, "2026-Q3", date(2026, 9, 1))
    assert queries_during(build) == few


def test_a_commune_sees_neither_the_province_view_nor_another_commune(db_session, province, viewer):
    mine, other = commune_below(province, "UBND xã Mình"), commune_below(province, "UBND xã Khác")
    chairman = OfficialFactory(unit=mine, role=Role.CHAIRMAN)
    with pytest.raises(NotFound):
        build_oversight(db_session, chairman, province, DAY)
    with pytest.raises(NotFound):
        unit_below(db_session, chairman, mine, other.id)
    with pytest.raises(NotFound):
        reports_below(db_session, chairman, province, Q3, DAY)
    # A unit that is not directly below the province is not one of its rows either.
    stranger = UnitFactory(name="UBND xã Tỉnh Khác")
    with pytest.raises(NotFound):
        unit_below(db_session, viewer, province, stranger.id)
    with pytest.raises(NotFound):
        tasks_below(db_session, viewer, province, TaskFilters(), DAY, only_id=stranger.id)


def test_tasks_across_the_communes_or_of_one(db_session, province, viewer):
    first, second = commune_below(province, "UBND xã Một"), commune_below(province, "UBND xã Hai")
    tasks_by_class(first, DAY, overdue=2)
    tasks_by_class(second, DAY, overdue=1, on_time=1)
    TaskFactory(unit=UnitFactory(), due_date=DAY - timedelta(days=1))  # not below
    overdue = TaskFilters(task_class=TaskClass.OVERDUE)
    assert tasks_below(db_session, viewer, province, overdue, DAY).total == 3
    only_second = tasks_below(db_session, viewer, province, overdue, DAY, only_id=second.id)
    assert [task.unit_id for task in only_second.items] == [second.id]
    lead = only_second.items[0].lead
    by_lead = tasks_below(db_session, viewer, province, TaskFilters(lead_id=lead.id), DAY,
                          only_id=second.id)
    assert by_lead.total == 1
    with pytest.raises(ValidationFailed):  # a lead is one commune's: name the commune
        tasks_below(db_session, viewer, province, TaskFilters(lead_id=lead.id), DAY)
    with pytest.raises(ValidationFailed):  # and it must be that commune's
        tasks_below(db_session, viewer, province, TaskFilters(lead_id=lead.id), DAY,
                    only_id=first.id)


def test_the_reports_of_a_period_with_the_missing_ones(db_session, province, viewer):
    signed_unit = commune_below(province, "UBND xã Đã Ký")
    commune_below(province, "UBND xã Chưa")
    report = signed_report(signed_unit, "2026-Q3", date(2026, 9, 14))
    rows = {row.unit.name: row for row in reports_below(db_session, viewer, province,
                                                         Q3, DAY)}
    assert rows["UBND xã Đã Ký"].report.id == report.id
    assert rows["UBND xã Đã Ký"].signed_on == date(2026, 9, 14)
    assert rows["UBND xã Chưa"].report is None
    assert rows["UBND xã Chưa"].submission is Submission.MISSING


def test_the_provinces_report_counts_each_commune_and_all_of_them(db_session, province, viewer):
    first = commune_below(province, "UBND xã An Nhơn")
    second = commune_below(province, "UBND xã Bình Sơn")
    july, august = datetime(2026, 7, 1, tzinfo=UTC), date(2026, 8, 20)
    for _ in range(2):  # overdue at the cut-off, 14/9
        TaskFactory(unit=first, assigned_at=july, due_date=august)
    TaskFactory(unit=first, assigned_at=july, due_date=august, state=TaskState.DONE,
                progress_percent=100, completed_on=august)
    TaskFactory(unit=second, assigned_at=july, due_date=august, state=TaskState.DONE,
                progress_percent=100, completed_on=date(2026, 9, 1))
    TaskFactory(unit=second, assigned_at=datetime(2026, 10, 1, tzinfo=UTC))  # after the cut-off
    assert gather(db_session, first, Q3).units_below == []
    text = task_figures(gather(db_session, province, Q3))
    assert "Số liệu của 02 đơn vị trực thuộc (đến ngày 14/9/2026):" in text
    assert ("- UBND xã An Nhơn: 03 nhiệm vụ, đã hoàn thành 01 (quá hạn 0), chưa hoàn thành "
            "02 (quá hạn 02); tỷ lệ hoàn thành 33,3%.") in text
    assert ("- Tổng cộng: 04 nhiệm vụ, đã hoàn thành 02 (quá hạn 01), chưa hoàn thành 02 "
            "(quá hạn 02); tỷ lệ hoàn thành 50,0%.") in text
