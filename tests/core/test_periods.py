from datetime import UTC, date, datetime

import pytest
import time_machine

from tracker.core.clock import today_in
from tracker.core.periods import (
    PeriodKind,
    ReportingPeriod,
    next_commune_period,
    next_report_due,
    offered_periods,
    period_due_now,
    periods_covering,
    preselected_period,
)


@pytest.mark.parametrize(
    ("code", "start", "cutoff", "label"),
    [
        ("2023-Q1", date(2022, 12, 15), date(2023, 3, 14), "Quý I năm 2023"),
        ("2023-H1", date(2022, 12, 15), date(2023, 6, 14), "6 tháng đầu năm 2023"),
        ("2023-Q3", date(2023, 6, 15), date(2023, 9, 14), "Quý III năm 2023"),
        ("2023-9M", date(2022, 12, 15), date(2023, 9, 14), "9 tháng năm 2023"),
        ("2023-Y", date(2022, 12, 15), date(2023, 12, 14), "năm 2023"),
    ],
)
def test_periods_follow_decree_09_2019(app, code, start, cutoff, label):
    period = ReportingPeriod.parse(code)
    with app.app_context():
        assert (period.start, period.cutoff, period.label, period.code) == (
            start, cutoff, label, code)


def test_the_next_commune_report_after_each_cutoff():
    assert next_commune_period(date(2023, 3, 14)).kind is PeriodKind.Q1
    assert next_commune_period(date(2023, 3, 15)).kind is PeriodKind.H1
    assert next_commune_period(date(2023, 9, 15)).kind is PeriodKind.YEAR
    assert next_commune_period(date(2023, 12, 15)) == ReportingPeriod(2024, PeriodKind.Q1)


@pytest.mark.parametrize("code", ["2023", "2023-Q2", "23-Q1", "2023-Q1x"])
def test_bad_period_codes_are_refused(code):
    with pytest.raises(ValueError):
        ReportingPeriod.parse(code)


@pytest.mark.parametrize(
    ("code", "next_label", "span"),
    [
        ("2023-Q1", "Quý II năm 2023", (date(2023, 3, 15), date(2023, 6, 14))),
        ("2023-H1", "6 tháng cuối năm 2023", (date(2023, 6, 15), date(2023, 12, 14))),
        ("2023-Q3", "Quý IV năm 2023", (date(2023, 9, 15), date(2023, 12, 14))),
        ("2023-9M", "Quý IV năm 2023", (date(2023, 9, 15), date(2023, 12, 14))),
        ("2023-Y", "năm 2024", (date(2023, 12, 15), date(2024, 12, 14))),
    ],
)
def test_what_section_four_plans_for(app, code, next_label, span):
    period = ReportingPeriod.parse(code)
    with app.app_context():
        assert (period.next_label, period.next_span) == (next_label, span)


def _codes(periods) -> list[str]:
    return [period.code for period in periods]


@pytest.mark.parametrize(
    ("day", "due_now", "running"),
    [
        (date(2023, 3, 14), "2022-Y", "2023-Q1"),
        (date(2023, 3, 15), "2023-Q1", "2023-H1"),
        (date(2023, 6, 15), "2023-H1", "2023-Q3"),
        (date(2023, 9, 15), "2023-Q3", "2023-Y"),
        (date(2023, 12, 15), "2023-Y", "2024-Q1"),
        (date(2024, 1, 2), "2023-Y", "2024-Q1"),
    ],
)
def test_the_report_due_now_and_the_one_running(day, due_now, running):
    assert (period_due_now(day).code, next_commune_period(day).code) == (due_now, running)


def test_the_due_now_report_turns_over_at_local_midnight_not_utc():
    # 14/03/2023 18:00 UTC is already 15/03 01:00 in Hà Nội: Quý I's cut-off has passed.
    with time_machine.travel(datetime(2023, 3, 14, 18, tzinfo=UTC), tick=False):
        assert period_due_now(today_in("Asia/Ho_Chi_Minh")).code == "2023-Q1"
        assert period_due_now(today_in("UTC")).code == "2022-Y"


@pytest.mark.parametrize(
    ("day", "due_day", "period", "due"),
    [
        (date(2023, 3, 15), 15, "2023-Q1", date(2023, 3, 15)),
        (date(2023, 3, 16), 15, "2023-H1", date(2023, 6, 15)),
        (date(2023, 9, 11), 10, "2023-Y", date(2023, 12, 10)),
        (date(2023, 12, 16), 15, "2024-Q1", date(2024, 3, 15)),
    ],
)
def test_the_next_report_due_date_is_the_units_day_of_the_last_month(day, due_day, period,
                                                                       due):
    found, on = next_report_due(day, due_day)
    assert (found.code, on) == (period, due)


@pytest.mark.parametrize(
    ("day", "codes"),
    [
        (date(2022, 12, 15), ["2023-Q1", "2023-H1", "2023-9M", "2023-Y"]),
        (date(2023, 3, 14), ["2023-Q1", "2023-H1", "2023-9M", "2023-Y"]),
        (date(2023, 3, 15), ["2023-H1", "2023-9M", "2023-Y"]),
        (date(2023, 6, 15), ["2023-Q3", "2023-9M", "2023-Y"]),
        (date(2023, 9, 15), ["2023-Y"]),
        (date(2023, 12, 14), ["2023-Y"]),
    ],
)
def test_the_periods_that_count_a_day(day, codes):
    assert sorted(_codes(periods_covering(day))) == sorted(codes)


def test_offered_are_the_periods_with_data_and_the_reports_due_now_newest_first():
    offered = offered_periods(date(2026, 12, 3), [date(2023, 3, 1), date(2023, 3, 2)])
    assert _codes(offered) == ["2026-Y", "2026-Q3", "2023-Y", "2023-9M", "2023-H1", "2023-Q1"]
    assert preselected_period(offered, date(2026, 12, 3)).code == "2026-Q3"


def test_no_period_is_offered_before_it_starts():
    # A task due in Quý III does not open Quý III's report before 15/06.
    offered = offered_periods(date(2023, 3, 15), [date(2023, 7, 1)])
    assert _codes(offered) == ["2023-Y", "2023-9M", "2023-H1", "2023-Q1"]


def test_without_the_report_due_now_the_newest_offered_is_preselected():
    today = date(2023, 3, 15)
    offered = [p for p in offered_periods(today, []) if p.code != "2023-Q1"]
    assert preselected_period(offered, today).code == "2023-H1"
    assert preselected_period([], today) is None
