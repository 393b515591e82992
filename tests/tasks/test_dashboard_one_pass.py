"""The dashboard's tallies, counted in one pass, against the per-group counting they
replaced: a GROUP BY for the unit, one per area, one per lead and one per department."""

import random
from collections.abc import Hashable
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import (
    DepartmentFactory,
    DocumentFactory,
    OfficialFactory,
    TaskFactory,
    UnitFactory,
)
from tests.helpers import count_by_class, queries_during
from tracker.core.reform_areas import ReformArea
from tracker.org.models import Official
from tracker.tasks.dashboard import build_dashboard
from tracker.tasks.models import Task, TaskState
from tracker.tasks.status import TaskClass, due_soon_sql, task_class_sql

DAY = date(2023, 3, 20)
SOON_DAYS = 3


def _per_group(session, unit, group, *, via_lead: bool = False) -> dict[Hashable, dict]:
    """The counting the dashboard did before: one GROUP BY by `group` and class."""
    task_class = task_class_sql(DAY)
    query = select(group, task_class, func.count()).where(Task.unit_id == unit.id)
    if via_lead:
        query = query.join(Official, Official.id == Task.lead_id)
    counts: dict[Hashable, dict] = {}
    for key, name, count in session.execute(query.group_by(group, task_class)):
        counts.setdefault(key, dict.fromkeys(TaskClass, 0))[TaskClass(name)] += count
    return counts


def _random_task(rng: random.Random, unit, leads, document=None) -> None:
    """A task in any class on DAY, or finished or cancelled only after DAY."""
    due = rng.choice([None, *(DAY + timedelta(days=n) for n in range(-30, 30))])
    assigned = {"unit": unit, "lead": rng.choice(leads), "document": document,
                "reform_area": rng.choice(list(ReformArea)), "due_date": due}
    settled = DAY + timedelta(days=rng.randint(-40, 5))  # some after DAY: open on DAY
    match rng.choice(["open", "open", "done", "cancelled"]):
        case "done":
            TaskFactory(**assigned, state=TaskState.DONE, completed_on=settled)
        case "cancelled":
            TaskFactory(**assigned, state=TaskState.CANCELLED, cancelled_on=settled,
                        cancel_reason="Không còn phù hợp")
        case _:
            TaskFactory(**assigned)


@pytest.fixture
def varied_unit(db_session):
    unit = UnitFactory()
    departments = [DepartmentFactory(unit=unit, position=n) for n in range(3)]
    leads = [OfficialFactory(unit=unit, department=departments[n % 3]) for n in range(5)]
    leads += [OfficialFactory(unit=unit) for _ in range(2)]  # no department
    OfficialFactory(unit=unit, department=departments[0])  # leads nothing
    rng = random.Random(15)
    for _ in range(300):
        _random_task(rng, unit, leads)
    other = UnitFactory()
    TaskFactory(unit=other, lead=OfficialFactory(unit=other), due_date=DAY)
    return unit


def test_the_one_pass_gives_the_figures_of_the_per_group_counts(varied_unit, db_session):
    board = build_dashboard(db_session, varied_unit, DAY, soon_days=SOON_DAYS)

    assert board.unit.counts == count_by_class(db_session, varied_unit, DAY)
    assert all(board.unit.counts.values())  # every class is in the data
    assert board.due_soon_count == db_session.scalar(select(func.count()).where(
        Task.unit_id == varied_unit.id, due_soon_sql(DAY, SOON_DAYS))) > 0
    by_area = _per_group(db_session, varied_unit, Task.reform_area)
    assert {ReformArea(row.key): row.tally.counts for row in board.by_area} == by_area
    by_lead = _per_group(db_session, varied_unit, Task.lead_id)
    assert {row.key: row.tally.counts for row in board.by_official} == by_lead
    by_department = _per_group(db_session, varied_unit, Official.department_id, via_lead=True)
    assert {row.key: row.tally.counts for row in board.by_department} == by_department
    assert None in by_department and len(by_department) == 4


def _unit_with(tasks: int):
    """`tasks` tasks, some in each of the dashboard's lists (each list loads its tasks'
    leads and documents only when it has tasks)."""
    unit = UnitFactory()
    departments = [DepartmentFactory(unit=unit) for _ in range(3)]
    leads = [OfficialFactory(unit=unit, department=departments[n % 3]) for n in range(6)]
    document = DocumentFactory(unit=unit)
    for days in (-2, 1, 5):  # overdue, due soon, due next week
        TaskFactory(unit=unit, lead=leads[0], document=document,
                    due_date=DAY + timedelta(days=days))
    rng = random.Random(tasks)
    for _ in range(tasks - 3):
        _random_task(rng, unit, leads, document)
    return unit


def test_the_dashboard_makes_as_many_queries_for_1000_tasks_as_for_10(db_session):
    counts = []
    for tasks in (10, 1000):
        unit = _unit_with(tasks)
        counts.append(queries_during(
            lambda unit=unit: build_dashboard(db_session, unit, DAY, soon_days=SOON_DAYS)))
    assert counts[0] == counts[1]
