"""The unit's dashboard figures as of a day, each counted in the database and tallied
as the quarterly report tallies them (tasks.tally)."""

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from tracker.core.reform_areas import ReformArea
from tracker.core.text import name_sort_key
from tracker.org.models import Department, Official, Unit
from tracker.tasks.models import Task, TaskState
from tracker.tasks.queries import count_by_class
from tracker.tasks.status import (
    TaskClass,
    due_soon_sql,
    due_soon_until,
    task_class_sql,
)
from tracker.tasks.tally import Tally

NEXT_DAYS = 7


def next_week_span(day: date) -> tuple[date, date]:
    """The days "due in the next seven days" counts: from tomorrow to a week on."""
    return day + timedelta(days=1), day + timedelta(days=NEXT_DAYS)


@dataclass(frozen=True)
class Row:
    key: Hashable  # what the task list filters on: an area's value, a department's id …
    label: str
    tally: Tally


@dataclass(frozen=True)
class Dashboard:
    day: date
    unit: Tally
    due_soon_until: date
    due_soon_count: int
    due_soon: list[Task]
    overdue: list[Task]
    next_week: list[Task]
    by_area: list[Row]
    by_department: list[Row]
    by_official: list[Row]


def build_dashboard(
    session: Session, unit: Unit, day: date, *, soon_days: int, list_limit: int = 10
) -> Dashboard:
    """Every figure of the dashboard in a fixed number of queries, however many tasks."""
    departments = {d.id: d.name for d in session.scalars(
        select(Department).where(Department.unit_id == unit.id).order_by(Department.position))}
    officials = {o.id: o.full_name for o in sorted(
        session.scalars(select(Official).where(Official.unit_id == unit.id)),
        key=lambda o: name_sort_key(o.full_name))}
    return Dashboard(
        day=day,
        unit=Tally(count_by_class(session, unit, day)),
        due_soon_until=due_soon_until(day, soon_days),
        due_soon_count=session.scalar(select(func.count()).where(
            Task.unit_id == unit.id, due_soon_sql(day, soon_days))),
        due_soon=_open(session, unit, list_limit, due_soon_sql(day, soon_days)),
        overdue=_overdue(session, unit, day, list_limit),
        next_week=_open_due_between(session, unit, *next_week_span(day), list_limit),
        by_area=[Row(area.value, area.label, tally) for area, tally in sorted(
            _tallies(session, unit, day, Task.reform_area).items(),
            key=lambda item: list(ReformArea).index(item[0]))],
        by_department=_named_rows(
            _tallies(session, unit, day, Official.department_id, via_lead=True), departments),
        by_official=_named_rows(_tallies(session, unit, day, Task.lead_id), officials),
    )


def _tallies(
    session: Session, unit: Unit, day: date, group, *, via_lead: bool = False
) -> dict[Hashable, Tally]:
    """Tasks by `group` and class; `via_lead`: the group is a column of the lead."""
    task_class = task_class_sql(day)
    query = select(group, task_class, func.count()).where(Task.unit_id == unit.id)
    if via_lead:
        query = query.join(Official, Official.id == Task.lead_id)
    tallies: dict[Hashable, Tally] = {}
    for key, name, count in session.execute(query.group_by(group, task_class)):
        tallies.setdefault(key, Tally()).counts[TaskClass(name)] += count
    return tallies


def _named_rows(tallies: dict[Hashable, Tally], names: dict[int, str]) -> list[Row]:
    """Rows in the order of `names`; leads without a department come last, unnamed."""
    rows = [Row(key, name, tallies[key]) for key, name in names.items() if key in tallies]
    if None in tallies:
        rows.append(Row(None, "", tallies[None]))
    return rows


def _open_due_between(
    session: Session, unit: Unit, first: date, last: date, limit: int
) -> list[Task]:
    return _open(session, unit, limit, Task.due_date >= first, Task.due_date <= last)


def _overdue(session: Session, unit: Unit, day: date, limit: int) -> list[Task]:
    return _open(session, unit, limit, Task.due_date < day)


def _open(session: Session, unit: Unit, limit: int, *conditions) -> list[Task]:
    query = (
        select(Task)
        .where(Task.unit_id == unit.id, Task.state == TaskState.OPEN, *conditions)
        .order_by(Task.due_date, Task.id)
        .options(selectinload(Task.lead), selectinload(Task.document))
        .limit(limit)
    )
    return list(session.scalars(query))
