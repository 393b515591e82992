from datetime import date

import pytest

from tracker.core.periods import PeriodKind, ReportingPeriod, next_commune_period


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
