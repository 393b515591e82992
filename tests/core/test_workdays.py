from datetime import date

from tracker.core.workdays import WorkingCalendar

CALENDAR = WorkingCalendar()


def test_weekends_and_tet_are_not_working_days():
    assert not CALENDAR.is_working_day(date(2023, 3, 18))  # Saturday
    for day in range(20, 27):  # Tết Quý Mão: 20–26/01/2023
        assert not CALENDAR.is_working_day(date(2023, 1, day))
    assert CALENDAR.is_working_day(date(2023, 1, 27))


def test_national_holidays_and_their_observed_days():
    assert not CALENDAR.is_working_day(date(2023, 5, 2))  # Giỗ Tổ moved from Saturday
    assert not CALENDAR.is_working_day(date(2023, 9, 4))
    assert CALENDAR.is_working_day(date(2023, 9, 5))


def test_counting_working_days_skips_tet():
    # From Thursday 19/01/2023 to Monday 30/01: only 27/01 and 30/01 are worked.
    assert CALENDAR.working_days_between(date(2023, 1, 19), date(2023, 1, 30)) == 2
    assert CALENDAR.working_days_between(date(2023, 1, 30), date(2023, 1, 19)) == -2
    assert CALENDAR.working_days_between(date(2023, 3, 14), date(2023, 3, 14)) == 0


def test_five_working_days_from_an_issue_date_before_tet():
    assert CALENDAR.add_working_days(date(2023, 1, 18), 5) == date(2023, 2, 1)


def test_counting_working_days_back_across_tet():
    assert CALENDAR.add_working_days(date(2023, 2, 1), -5) == date(2023, 1, 18)
    assert CALENDAR.add_working_days(date(2023, 3, 14), 0) == date(2023, 3, 14)


def test_a_unit_can_add_a_holiday_and_swap_a_saturday_into_a_working_day():
    calendar = WorkingCalendar(extra_holidays={date(2023, 3, 15)},
                               extra_working_days={date(2023, 3, 18)})
    assert not calendar.is_working_day(date(2023, 3, 15))
    assert calendar.is_working_day(date(2023, 3, 18))
    assert calendar.working_days_between(date(2023, 3, 14), date(2023, 3, 20)) == 4


def test_first_working_day_from_which_a_reminder_is_due():
    # Due Monday 30/01/2023 just after Tết: 5 working days before is Monday 16/01.
    assert CALENDAR.first_working_day_within(date(2023, 1, 30), 5) == date(2023, 1, 16)
    assert CALENDAR.first_working_day_within(date(2023, 1, 30), 2) == date(2023, 1, 19)
    # Due on a Sunday: the "due day" reminder comes on the Friday before.
    assert CALENDAR.first_working_day_within(date(2023, 3, 19), 0) == date(2023, 3, 17)
    assert CALENDAR.first_working_day_within(date(2023, 3, 17), 0) == date(2023, 3, 17)
