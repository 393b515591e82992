"""A quarter, day by day: the exact notifications on the exact days.

Q1 2023 with Tết Quý Mão (20–26/01) in it, default settings (reminders 5, 2 and 0
working days before; overdue repeated every 5 working days; escalation after 3;
cut-off reminder 3 working days before 14/03; report due 15/03, office reminded
2 working days before).
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from jobs.runner import run_once
from tests.jobs.scenario import build_commune, notification_keys, readable
from tracker.core.clock import moment_source
from tracker.extensions import db
from tracker.tasks.services import complete_task


def _pair(kind, task, offset, *usernames):
    return {(kind, task, offset, username) for username in usernames}


EXPECTED = {
    date(2023, 1, 16): _pair("due_reminder", "across_tet", 5, "chutri", "phoihop"),
    date(2023, 1, 19): _pair("due_reminder", "across_tet", 2, "chutri", "phoihop"),
    date(2023, 1, 27): _pair("due_reminder", "overdue", 5, "chutri", "phoihop"),
    date(2023, 1, 30): _pair("due_reminder", "across_tet", 0, "chutri", "phoihop"),
    date(2023, 2, 1): _pair("due_reminder", "overdue", 2, "chutri", "phoihop"),
    date(2023, 2, 3): _pair("due_reminder", "overdue", 0, "chutri", "phoihop"),
    date(2023, 2, 6): _pair("overdue", "overdue", 0, "chutri", "phoihop", "chutich"),
    date(2023, 2, 8): _pair("escalation", "overdue", 3, "chutich")
    | _pair("due_reminder", "done_late", 5, "chutri", "phoihop"),
    date(2023, 2, 13): _pair("overdue_repeat", "overdue", 5, "chutri", "phoihop")
    | _pair("due_reminder", "done_late", 2, "chutri", "phoihop"),
    date(2023, 2, 15): _pair("due_reminder", "done_late", 0, "chutri", "phoihop"),
    date(2023, 2, 16): _pair("overdue", "done_late", 0, "chutri", "phoihop", "chutich"),
    date(2023, 2, 20): _pair("overdue_repeat", "overdue", 10, "chutri", "phoihop"),
    date(2023, 2, 27): _pair("overdue_repeat", "overdue", 15, "chutri", "phoihop"),
    date(2023, 3, 6): _pair("overdue_repeat", "overdue", 20, "chutri", "phoihop"),
    date(2023, 3, 9): _pair("cutoff_reminder", None, 3, "chutri", "phoihop", "khac"),
    date(2023, 3, 13): _pair("overdue_repeat", "overdue", 25, "chutri", "phoihop")
    | _pair("report_due", None, 2, "vanphong"),
    date(2023, 3, 20): _pair("overdue_repeat", "overdue", 30, "chutri", "phoihop"),
    date(2023, 3, 27): _pair("overdue_repeat", "overdue", 35, "chutri", "phoihop"),
}

# What officials do during the quarter: (day, task, completed_on), before that day's scan.
COMPLETIONS = {
    date(2023, 2, 1): ("done_early", date(2023, 2, 1)),
    date(2023, 2, 20): ("done_late", date(2023, 2, 20)),
}


@pytest.fixture
def commune(db_session):
    return build_commune()


def test_a_quarter_day_by_day_sends_exactly_the_expected_reminders(app, commune):
    seen = notification_keys()
    day = date(2023, 1, 2)
    while day <= date(2023, 3, 31):
        _complete_due_tasks(commune, day)
        run_once(app, day)
        keys = notification_keys()
        assert readable(keys - seen, commune) == EXPECTED.get(day, set()), day
        seen = keys
        if day == date(2023, 1, 30):  # done on its due day, after the reminder
            _complete(commune, "across_tet", day)
        day += timedelta(days=1)


def test_running_a_day_twice_writes_nothing_more(app, commune):
    run_once(app, date(2023, 2, 8))
    first = notification_keys()
    run_once(app, date(2023, 2, 8))
    assert notification_keys() == first


def test_after_downtime_only_the_reminder_that_fits_today_is_sent(app, commune):
    # Down from 07/02 to 12/02: on 13/02 "done_late" (due 15/02) is 2 working days
    # away; its 5-day reminder is not sent late beside the 2-day one.
    before = notification_keys()
    run_once(app, date(2023, 2, 13))
    new = readable(notification_keys() - before, commune)
    reminders = {(task, offset) for kind, task, offset, _ in new if kind == "due_reminder"}
    assert reminders == {("done_late", 2)}
    # The long-overdue task is flagged, repeated at the fitting count and escalated at once.
    kinds = {(kind, offset) for kind, task, offset, _ in new if task == "overdue"}
    assert kinds == {("overdue", 0), ("escalation", 3)}


def _complete_due_tasks(commune, day) -> None:
    if day in COMPLETIONS:
        name, completed_on = COMPLETIONS[day]
        _complete(commune, name, completed_on)


def _complete(commune, name, completed_on) -> None:
    """The lead completes the task during that morning (so "today" is that day)."""
    task = commune.tasks[name]
    db.session.refresh(task)
    moment = datetime.combine(completed_on, time(8, 0), ZoneInfo("Asia/Ho_Chi_Minh"))
    with moment_source(lambda: moment):
        complete_task(db.session, commune.lead, task, result="Đã hoàn thành",
                      completed_on=completed_on, version=task.version)
