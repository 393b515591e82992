"""Reading tasks for pages and reports. Counts are computed in the database."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session, contains_eager, selectinload
from sqlalchemy.sql.elements import ColumnElement

from tracker.core.paging import COUNT_CAP, PER_PAGE, Page
from tracker.core.reform_areas import ReformArea
from tracker.core.search import search_words, starts_words
from tracker.core.text import name_sort_key
from tracker.org.models import Official, Unit
from tracker.tasks.models import Task, TaskState, task_coordinators
from tracker.tasks.status import TaskClass, task_class_is


def coordinated_by(official_id: int) -> ColumnElement[bool]:
    """The task counts the official among its coordinators."""
    return Task.id.in_(select(task_coordinators.c.task_id)
                       .where(task_coordinators.c.official_id == official_id))


def open_tasks(
    session: Session, unit: Unit, *, lead: Official | None = None, limit: int = 20
) -> list[Task]:
    """Open tasks, the earliest due first and ongoing ones last, with what a list shows."""
    query = (
        select(Task)
        .where(Task.unit_id == unit.id, Task.state == TaskState.OPEN)
        .order_by(Task.due_date.is_(None), Task.due_date, Task.id)
        .options(selectinload(Task.lead), selectinload(Task.document))
        .limit(limit)
    )
    if lead is not None:
        query = query.where(Task.lead_id == lead.id)
    return list(session.scalars(query))


class TaskSort(StrEnum):
    DUE = "due"
    TITLE = "title"
    LEAD = "lead"
    PROGRESS = "progress"


@dataclass(frozen=True)
class TaskFilters:
    """What the task list is narrowed to and how it is sorted; None leaves a filter out."""

    task_class: TaskClass | None = None
    state: TaskState | None = None
    reform_area: ReformArea | None = None
    department_id: int | None = None  # the lead's department
    official_id: int | None = None  # as lead or as coordinator
    lead_id: int | None = None  # as lead only (the dashboard's per-official counts)
    coordinator_id: int | None = None  # as coordinator only ("Việc của tôi", apart)
    document_id: int | None = None
    due_from: date | None = None
    due_to: date | None = None
    counted: bool = False  # only the tasks a tally's total counts: none cancelled
    text: str = ""  # word starts in the task's search text (search_text.py)
    sort: TaskSort = TaskSort.DUE
    descending: bool = False


def list_tasks(
    session: Session, unit: Unit, filters: TaskFilters, today: date, page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[Task]:
    """One page of the unit's tasks matching `filters` (classes as of `today`), with the
    total; lead, document and coordinators loaded in a fixed number of queries."""
    return _page_of(session, Task.unit_id == unit.id, _ordering(session, unit, filters),
                    filters, today, page, per_page)


def list_tasks_of_units(
    session: Session, unit_ids: Sequence[int], filters: TaskFilters, today: date,
    page: int = 1, per_page: int = PER_PAGE,
) -> Page[Task]:
    """One page of the tasks of several units (the communes a province follows), as
    `list_tasks`; by lead they sort by the lead's folded name, not the Vietnamese order."""
    key = Official.name_key if filters.sort is TaskSort.LEAD else _SORT_COLUMNS[filters.sort]
    ordering = _ordering_by(key, filters)
    return _page_of(session, Task.unit_id.in_(unit_ids), ordering, filters, today,
                    page, per_page, selectinload(Task.unit))


def _page_of(
    session: Session, of_units: ColumnElement[bool], ordering: list[ColumnElement],
    filters: TaskFilters, today: date, page: int, per_page: int, *also_load: Any,
) -> Page[Task]:
    conditions = [of_units, *_conditions(filters, today)]
    total, capped = _count(session, filters, conditions, _cap(filters, page * per_page))
    if (page - 1) * per_page >= total:  # past the last page: nothing to read
        return Page([], total, page, per_page, capped)
    # The page's ids first, sorted from narrow rows; then only those tasks in full: a
    # search matching 27,000 of a unit's tasks sorts ids, not 27,000 joined rows.
    ids = _with_lead_if_read(select(Task.id), filters).where(*conditions).order_by(
        *ordering).limit(per_page).offset((page - 1) * per_page)
    rows = session.scalars(
        select(Task).join(Task.lead).outerjoin(Task.document)
        .where(Task.id.in_(ids.scalar_subquery()))
        .order_by(*ordering)
        .options(contains_eager(Task.lead), contains_eager(Task.document),
                 selectinload(Task.coordinators), *also_load)
    )
    return Page(list(rows), total, page, per_page, capped)


def _with_lead_if_read(query: Select, filters: TaskFilters) -> Select:
    """`query` joined to the lead only if a condition or the order reads it, so that a
    count or a page of ids over many units reads tasks alone."""
    if filters.department_id is not None or filters.sort is TaskSort.LEAD:
        return query.join(Task.lead)
    return query


def _cap(filters: TaskFilters, through: int) -> int | None:
    """How far a count goes: a search ("ke" matches most of a unit) stops past COUNT_CAP
    or past the page asked for; other filters count from an index, exactly."""
    return max(COUNT_CAP, through) if search_words(filters.text) else None


def _count(session: Session, filters: TaskFilters, conditions: list[ColumnElement[bool]],
           cap: int | None) -> tuple[int, bool]:
    """How many tasks match, up to `cap`, and whether more do."""
    counted = _with_lead_if_read(select(Task.id), filters).where(*conditions).limit(
        None if cap is None else cap + 1)
    found = session.scalar(select(func.count()).select_from(counted.subquery()))
    return (cap, True) if cap is not None and found > cap else (found, False)


def _conditions(filters: TaskFilters, today: date) -> list[ColumnElement[bool]]:
    """The WHERE clauses of `filters`, over tasks joined to their lead (a department)."""
    f = filters
    conditions = []
    if f.task_class is not None:
        conditions.append(task_class_is(today, f.task_class))
    if f.state is not None:
        conditions.append(Task.state == f.state)
    if f.reform_area is not None:
        conditions.append(Task.reform_area == f.reform_area)
    if f.department_id is not None:
        conditions.append(Official.department_id == f.department_id)
    if f.official_id is not None:
        conditions.append(or_(Task.lead_id == f.official_id, coordinated_by(f.official_id)))
    if f.lead_id is not None:
        conditions.append(Task.lead_id == f.lead_id)
    if f.coordinator_id is not None:
        conditions.append(coordinated_by(f.coordinator_id))
    if f.document_id is not None:
        conditions.append(Task.document_id == f.document_id)
    if f.due_from is not None:
        conditions.append(Task.due_date >= f.due_from)
    if f.due_to is not None:
        conditions.append(Task.due_date <= f.due_to)
    if f.counted:
        conditions.append(Task.state != TaskState.CANCELLED)
    if words := search_words(f.text):
        conditions.append(starts_words(words, Task.search_text))
    return conditions


def _ordering(session: Session, unit: Unit, filters: TaskFilters) -> list[ColumnElement]:
    if filters.sort is TaskSort.LEAD:
        return _ordering_by(_lead_rank(session, unit), filters)
    return _ordering_by(_SORT_COLUMNS[filters.sort], filters)


_SORT_COLUMNS = {TaskSort.DUE: Task.due_date, TaskSort.TITLE: Task.title_key,
                 TaskSort.PROGRESS: Task.progress_percent}


def _ordering_by(key: ColumnElement, filters: TaskFilters) -> list[ColumnElement]:
    primary = key.desc() if filters.descending else key.asc()
    # Ongoing tasks have no due date: last, whichever way the due dates run.
    return [primary.nulls_last(), Task.due_date.asc().nulls_last(), Task.id]


def _lead_rank(session: Session, unit: Unit) -> ColumnElement[int]:
    """Each lead's place in Vietnamese name order (given name first, đ after d), which
    no collation gives alike on SQLite and PostgreSQL; a commune has a few dozen leads."""
    leads = session.execute(
        select(Official.id, Official.full_name)
        .where(Official.id.in_(select(Task.lead_id).where(Task.unit_id == unit.id)))
    ).all()
    ranked = sorted(leads, key=lambda lead: name_sort_key(lead.full_name))
    ranks = {lead.id: rank for rank, lead in enumerate(ranked)}
    return case(ranks, value=Task.lead_id, else_=len(ranks)) if ranks else Task.lead_id


def successor_of(session: Session, task: Task) -> Task | None:
    """The next occurrence of a recurring task, once assigned."""
    return session.scalar(select(Task).where(Task.recurs_from_id == task.id))
