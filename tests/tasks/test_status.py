from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.factories import TaskFactory
from tracker.tasks.models import Task, TaskState
from tracker.tasks.status import (
    TaskClass,
    classify,
    due_soon_sql,
    is_due_soon,
    task_class_is,
    task_class_sql,
)

DUE = date(2023, 3, 31)
DAY_BEFORE, DAY_AFTER = DUE - timedelta(days=1), DUE + timedelta(days=1)

# (state, due date, completed or cancelled on, day asked about, expected class)
CASES = [
    (TaskState.DONE, DUE, DAY_BEFORE, DAY_AFTER, TaskClass.DONE_ON_TIME),
    (TaskState.DONE, DUE, DUE, DUE, TaskClass.DONE_ON_TIME),
    (TaskState.DONE, DUE, DAY_AFTER, DAY_AFTER, TaskClass.DONE_LATE),
    (TaskState.DONE, None, DAY_AFTER, DAY_AFTER, TaskClass.DONE_ON_TIME),
    # Completed after the day asked about: still open on that day.
    (TaskState.DONE, DUE, DAY_AFTER, DUE, TaskClass.IN_PROGRESS),
    (TaskState.DONE, DUE, DAY_AFTER + timedelta(days=3), DAY_AFTER, TaskClass.OVERDUE),
    (TaskState.DONE, None, DAY_AFTER, DUE, TaskClass.ONGOING),
    (TaskState.OPEN, DUE, None, DAY_BEFORE, TaskClass.IN_PROGRESS),
    (TaskState.OPEN, DUE, None, DUE, TaskClass.IN_PROGRESS),  # due today is not overdue
    (TaskState.OPEN, DUE, None, DAY_AFTER, TaskClass.OVERDUE),  # due yesterday is
    (TaskState.OPEN, None, None, DAY_AFTER, TaskClass.ONGOING),
    (TaskState.CANCELLED, DUE, DAY_BEFORE, DAY_AFTER, TaskClass.CANCELLED),
    (TaskState.CANCELLED, None, DUE, DUE, TaskClass.CANCELLED),
    (TaskState.CANCELLED, DUE, DAY_AFTER, DUE, TaskClass.IN_PROGRESS),
]


def _fields(state, due, closed_on) -> dict:
    done, cancelled = state is TaskState.DONE, state is TaskState.CANCELLED
    return {
        "state": state,
        "due_date": due,
        "completed_on": closed_on if done else None,
        "result": "Đã thực hiện" if done else None,
        "cancelled_on": closed_on if cancelled else None,
        "cancel_reason": "Không còn phù hợp" if cancelled else None,
    }


def _task(state, due, closed_on) -> Task:
    return TaskFactory.build(**_fields(state, due, closed_on))


@pytest.mark.parametrize(("state", "due", "closed_on", "day", "expected"), CASES)
def test_classify_follows_the_vietnamese_task_tracking_rule(state, due, closed_on, day, expected):
    assert classify(_task(state, due, closed_on), day) is expected


def test_sql_classification_agrees_with_python_on_every_case(db_session):
    unit_tasks = [(_persisted(state, due, closed_on), day) for state, due, closed_on, day, _
                  in CASES]
    for task, day in unit_tasks:
        in_database = db_session.scalar(select(task_class_sql(day)).where(Task.id == task.id))
        assert in_database == classify(task, day).value, (task.state, task.due_date, day)


def test_the_class_conditions_agree_with_python_on_every_case(db_session):
    for state, due, closed_on, day, _ in CASES:
        task = _persisted(state, due, closed_on)
        for task_class in TaskClass:
            holds = db_session.scalar(select(task_class_is(day, task_class))
                                      .where(Task.id == task.id))
            assert bool(holds) == (classify(task, day) is task_class), (state, due, day,
                                                                        task_class)


def test_the_cases_cover_every_class():
    assert {expected for *_, expected in CASES} == set(TaskClass)


def _persisted(state, due, closed_on) -> Task:
    return TaskFactory(**_fields(state, due, closed_on))


# (state, due date, day asked about, expected "due soon" with a 3-day window)
DUE_SOON_CASES = [
    (TaskState.OPEN, DUE, DUE, True),  # due today
    (TaskState.OPEN, DUE, DUE - timedelta(days=3), True),  # the window's last day
    (TaskState.OPEN, DUE, DUE - timedelta(days=4), False),  # not yet
    (TaskState.OPEN, DUE, DAY_AFTER, False),  # overdue, not due soon
    (TaskState.OPEN, None, DUE, False),  # ongoing
    (TaskState.DONE, DUE, DUE, False),
    (TaskState.CANCELLED, DUE, DUE, False),
]


@pytest.mark.parametrize(("state", "due", "day", "expected"), DUE_SOON_CASES)
def test_due_soon_is_open_and_due_within_the_units_days(state, due, day, expected):
    assert is_due_soon(_task(state, due, DAY_BEFORE), day, 3) is expected


def test_sql_due_soon_agrees_with_python_on_every_case(db_session):
    for state, due, day, _expected in DUE_SOON_CASES:
        task = _persisted(state, due, DAY_BEFORE)
        in_database = db_session.scalar(select(due_soon_sql(day, 3)).where(Task.id == task.id))
        assert bool(in_database) is is_due_soon(task, day, 3), (state, due, day)

