"""How Vietnamese task tracking classifies a task on a given day.

One rule, written twice: `classify` for a task in memory, `task_class_sql` for
lists and counts computed in the database; likewise "due soon" (`is_due_soon`,
`due_soon_sql`). Tests hold each pair together.

"On day D" means as things stood at the end of D: a task completed or cancelled
after D was still open on D.
"""

from datetime import date, timedelta
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, and_, case, literal, or_
from sqlalchemy.sql.elements import ColumnElement

from tracker.tasks.models import Task, TaskState


class TaskClass(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    ONGOING = "ongoing"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return str(_CLASS_LABELS[self])

    @property
    def is_done(self) -> bool:
        return self in (TaskClass.DONE_ON_TIME, TaskClass.DONE_LATE)


_CLASS_LABELS = {
    TaskClass.DONE_ON_TIME: _l("Hoàn thành đúng hạn"),
    TaskClass.DONE_LATE: _l("Hoàn thành quá hạn"),
    TaskClass.IN_PROGRESS: _l("Đang thực hiện trong hạn"),
    TaskClass.OVERDUE: _l("Đang thực hiện quá hạn"),
    TaskClass.ONGOING: _l("Thường xuyên"),
    TaskClass.CANCELLED: _l("Đã hủy / tạm dừng"),
}


def classify(task: Task, day: date) -> TaskClass:
    """The class of `task` at the end of `day` (a date in the unit's time zone)."""
    due = task.due_date
    if task.state is TaskState.DONE and task.completed_on <= day:
        on_time = due is None or task.completed_on <= due
        return TaskClass.DONE_ON_TIME if on_time else TaskClass.DONE_LATE
    if task.state is TaskState.CANCELLED and task.cancelled_on <= day:
        return TaskClass.CANCELLED
    if due is None:
        return TaskClass.ONGOING
    return TaskClass.IN_PROGRESS if day <= due else TaskClass.OVERDUE


def task_class_sql(day: date) -> ColumnElement[str]:
    """`classify` as a SQL expression over the tasks table, for filters and GROUP BY."""
    d = literal(day, Date)
    done_by_day = and_(Task.state == TaskState.DONE, Task.completed_on <= d)
    return case(
        (
            and_(done_by_day, or_(Task.due_date.is_(None), Task.completed_on <= Task.due_date)),
            TaskClass.DONE_ON_TIME.value,
        ),
        (done_by_day, TaskClass.DONE_LATE.value),
        (
            and_(Task.state == TaskState.CANCELLED, Task.cancelled_on <= d),
            TaskClass.CANCELLED.value,
        ),
        (Task.due_date.is_(None), TaskClass.ONGOING.value),
        (d <= Task.due_date, TaskClass.IN_PROGRESS.value),
        else_=TaskClass.OVERDUE.value,
    )


def task_class_is(day: date, task_class: TaskClass) -> ColumnElement[bool]:
    """`task_class_sql(day) == task_class` written so that an index on state and due
    date serves it (a list filtered by class over many units); held equal by a test."""
    d = literal(day, Date)
    done_by_day = and_(Task.state == TaskState.DONE, Task.completed_on <= d)
    open_on_day = or_(
        Task.state == TaskState.OPEN,
        and_(Task.state == TaskState.DONE, Task.completed_on > d),
        and_(Task.state == TaskState.CANCELLED, Task.cancelled_on > d),
    )
    return {
        TaskClass.DONE_ON_TIME: and_(done_by_day, or_(Task.due_date.is_(None),
                                                      Task.completed_on <= Task.due_date)),
        TaskClass.DONE_LATE: and_(done_by_day, Task.completed_on > Task.due_date),
        TaskClass.CANCELLED: and_(Task.state == TaskState.CANCELLED, Task.cancelled_on <= d),
        TaskClass.ONGOING: and_(open_on_day, Task.due_date.is_(None)),
        TaskClass.IN_PROGRESS: and_(open_on_day, Task.due_date >= d),
        TaskClass.OVERDUE: and_(open_on_day, Task.due_date < d),
    }[task_class]


def due_soon_until(day: date, soon_days: int) -> date:
    """The last due date counted as due soon on `day`."""
    return day + timedelta(days=soon_days)


def is_due_soon(task: Task, day: date, soon_days: int) -> bool:
    """Open and due from `day` to `soon_days` later: flagged on the official's own list
    and counted apart on the dashboard (the unit's "due soon" setting gives the days)."""
    due = task.due_date
    return (task.state is TaskState.OPEN and due is not None
            and day <= due <= due_soon_until(day, soon_days))


def due_soon_sql(day: date, soon_days: int) -> ColumnElement[bool]:
    """`is_due_soon` as a SQL condition over the tasks table."""
    return and_(Task.state == TaskState.OPEN, Task.due_date >= literal(day, Date),
                Task.due_date <= literal(due_soon_until(day, soon_days), Date))
