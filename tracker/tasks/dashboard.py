"""The unit's dashboard figures as of a day, each counted in the database and tallied
as the quarterly report tallies them (tasks.tally)."""

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.engine import Row as ResultRow
from sqlalchemy.orm import Session, selectinload

from tracker.core.reform_areas import ReformArea
from tracker.core.text import name_sort_key
from tracker.org.models import Department, Official, Unit
from tracker.tasks.models import Task, TaskState
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
    """Every figure of the dashboard in a fixed number of queries, however many tasks:
    the tallies in one pass over the unit's tasks, rolled up here by area, department
    and lead."""
    departments = dict(session.execute(
        select(Department.id, Department.name)
        .where(Department.unit_id == unit.id).order_by(Department.position)).all())
    officials = _officials(session, unit)
    tallies = _tally(session, unit, day, soon_days,
                     {official.id: official.department_id for official in officials})
    return Dashboard(
        day=day,
        unit=tallies.unit,
        due_soon_until=due_soon_until(day, soon_days),
        due_soon_count=tallies.due_soon,
        due_soon=_open(session, unit, list_limit, due_soon_sql(day, soon_days)),
        overdue=_overdue(session, unit, day, list_limit),
        next_week=_open_due_between(session, unit, *next_week_span(day), list_limit),
        by_area=[Row(area.value, area.label, tallies.by_area[area])
                 for area in ReformArea if area in tallies.by_area],
        by_department=_named_rows(tallies.by_department, departments),
        by_official=_named_rows(tallies.by_lead, {o.id: o.full_name for o in officials}),
    )


def _officials(session: Session, unit: Unit) -> list[ResultRow[tuple[int, str, int | None]]]:
    """The unit's officials with what the dashboard reads of them, in name order."""
    rows = session.execute(
        select(Official.id, Official.full_name, Official.department_id)
        .where(Official.unit_id == unit.id).order_by(Official.id))
    return sorted(rows, key=lambda official: name_sort_key(official.full_name))


@dataclass
class _Tallies:
    unit: Tally = field(default_factory=Tally)
    due_soon: int = 0
    by_area: dict[Hashable, Tally] = field(default_factory=dict)
    by_lead: dict[Hashable, Tally] = field(default_factory=dict)
    by_department: dict[Hashable, Tally] = field(default_factory=dict)


def _tally(session: Session, unit: Unit, day: date, soon_days: int,
           department_of: dict[int, int | None]) -> _Tallies:
    """The unit's tasks by class, and by area, lead and the lead's department, counted
    in one GROUP BY over (area, lead, class); the tasks due soon in the same pass."""
    task_class = task_class_sql(day)
    due_soon = func.count(case((due_soon_sql(day, soon_days), 1)))
    rows = session.execute(
        select(Task.reform_area, Task.lead_id, task_class, func.count(), due_soon)
        .where(Task.unit_id == unit.id)
        .group_by(Task.reform_area, Task.lead_id, task_class))
    tallies = _Tallies()
    for area, lead_id, name, count, soon in rows:
        row_class = TaskClass(name)
        tallies.unit.counts[row_class] += count
        tallies.due_soon += soon
        # A task's lead is one of its unit's officials (the services see to it).
        for groups, key in ((tallies.by_area, area), (tallies.by_lead, lead_id),
                            (tallies.by_department, department_of.get(lead_id))):
            groups.setdefault(key, Tally()).counts[row_class] += count
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
