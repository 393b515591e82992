"""What a report says comes from here: the documents a unit issued in a period and its
tasks as they stood at the end of the cut-off day, in a handful of queries."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import ColumnElement

from tracker.core.periods import ReportingPeriod
from tracker.core.reform_areas import ReformArea
from tracker.core.roles import Role
from tracker.documents.models import Document
from tracker.org.below import place_order
from tracker.org.models import Official, Unit
from tracker.tasks.models import ProgressUpdate, Task, TaskState
from tracker.tasks.status import TaskClass, classify, task_class_sql
from tracker.tasks.tally import Tally

_OPEN_CLASSES = (TaskClass.IN_PROGRESS, TaskClass.OVERDUE, TaskClass.ONGOING)


@dataclass
class PeriodData:
    unit: Unit
    period: ReportingPeriod
    own_documents: list[Document]
    guiding_documents: list[Document]
    tasks: list[Task]
    classes: dict[int, TaskClass]
    notes: dict[int, ProgressUpdate] = field(default_factory=dict)
    # The units directly below (a province's communes), each with its tasks of the period
    # by class at the cut-off, counted as the unit's own.
    units_below: list[tuple[Unit, Tally]] = field(default_factory=list)
    # The unit's working officials by post, in the order a report lists them.
    staff: list[tuple[str, int]] = field(default_factory=list)

    def tasks_in(self, area: ReformArea) -> list[Task]:
        return [t for t in self.tasks if t.reform_area is area]

    def figures(self, area: ReformArea | None = None) -> Tally:
        """The tasks of the period (or of one area) by class at the cut-off."""
        tasks = self.tasks if area is None else self.tasks_in(area)
        return Tally.of(self.classes[t.id] for t in tasks)

    def completed(self, area: ReformArea) -> list[Task]:
        """Tasks of the area completed within the period, in the order they were done."""
        done = [t for t in self.tasks_in(area) if self.classes[t.id].is_done]
        return sorted(done, key=lambda t: (t.completed_on, t.id))

    def open_at_cutoff(self, area: ReformArea) -> list[Task]:
        return [t for t in self.tasks_in(area) if self.classes[t.id] in _OPEN_CLASSES]


def gather(session: Session, unit: Unit, period: ReportingPeriod) -> PeriodData:
    own = _own_documents(session, unit, period)
    tasks = _tasks(session, unit, period)
    classes = {task.id: classify(task, period.cutoff) for task in tasks}
    open_ids = [t.id for t in tasks if classes[t.id] in _OPEN_CLASSES]
    return PeriodData(
        unit=unit,
        period=period,
        own_documents=own,
        guiding_documents=_guiding_documents(own),
        tasks=tasks,
        classes=classes,
        notes=_latest_notes(session, unit, period, set(open_ids)),
        units_below=_units_below(session, unit, period),
        staff=_staff(session, unit),
    )


_STAFF_ROLES = (Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.OFFICER)


def _staff(session: Session, unit: Unit) -> list[tuple[str, int]]:
    """Active officials by post (their role's name where no post is set): the leaders
    first, then the posts in the order their first holder was registered. Accounts that
    hold no post (the admin, the level above's viewers) are not staff. The roster is
    today's: the tracker keeps no history of who held a post on a past day."""
    rank = case({role: index for index, role in enumerate(_STAFF_ROLES)}, value=Official.role)
    rows = session.execute(
        select(Official.position, Official.role, func.min(rank), func.min(Official.id),
               func.count())
        .where(Official.unit_id == unit.id, Official.active.is_(True),
               Official.role.in_(_STAFF_ROLES))
        .group_by(Official.position, Official.role)
        .order_by(func.min(rank), func.min(Official.id)))
    posts: dict[str, int] = {}
    for position, role, _rank, _first, count in rows:
        post = position.strip() or str(role.label)
        posts[post] = posts.get(post, 0) + count
    return list(posts.items())


def _own_documents(session: Session, unit: Unit, period: ReportingPeriod) -> list[Document]:
    return list(session.scalars(
        select(Document)
        .where(
            Document.unit_id == unit.id,
            Document.issued_by_unit.is_(True),
            Document.issued_on.between(period.start, period.cutoff),
        )
        .options(selectinload(Document.implements))
        .order_by(Document.issued_on, Document.number, Document.id)
    ))


def _guiding_documents(own: list[Document]) -> list[Document]:
    """The higher levels' documents that the unit's documents of the period implement."""
    seen: dict[int, Document] = {}
    for document in own:
        guide = document.implements
        if guide is not None and not guide.issued_by_unit:
            seen.setdefault(guide.id, guide)
    return sorted(seen.values(), key=lambda d: (d.issued_on, d.number))


def _of_the_period(period: ReportingPeriod, timezone: str) -> list[ColumnElement[bool]]:
    """Tasks assigned by the end of the cut-off day and not finished before the period."""
    start = period.start
    return [
        Task.assigned_at < _end_of_day(period.cutoff, timezone),
        or_(
            Task.state == TaskState.OPEN,
            and_(Task.state == TaskState.DONE, Task.completed_on >= start),
            and_(Task.state == TaskState.CANCELLED, Task.cancelled_on >= start),
        ),
    ]


def _tasks(session: Session, unit: Unit, period: ReportingPeriod) -> list[Task]:
    query = (
        select(Task)
        .where(Task.unit_id == unit.id, *_of_the_period(period, unit.timezone))
        .options(
            selectinload(Task.lead).selectinload(Official.department),
            selectinload(Task.coordinators),
            selectinload(Task.document),
        )
        .order_by(Task.id)
    )
    return list(session.scalars(query))


def _units_below(session: Session, unit: Unit, period: ReportingPeriod
                 ) -> list[tuple[Unit, Tally]]:
    """Each unit directly below with its tasks of the period by class, in one GROUP BY."""
    below = sorted(session.scalars(select(Unit).where(Unit.parent_id == unit.id)),
                   key=place_order)
    if not below:
        return []
    task_class = task_class_sql(period.cutoff)
    rows = session.execute(
        select(Task.unit_id, task_class, func.count())
        .where(Task.unit_id.in_([u.id for u in below]),
               *_of_the_period(period, unit.timezone))
        .group_by(Task.unit_id, task_class))
    tallies = {u.id: Tally() for u in below}
    for unit_id, name, count in rows:
        tallies[unit_id].counts[TaskClass(name)] += count
    return [(u, tallies[u.id]) for u in below]


def _latest_notes(
    session: Session, unit: Unit, period: ReportingPeriod, task_ids: set[int]
) -> dict[int, ProgressUpdate]:
    """The last progress note written in the period on each task open at the cut-off."""
    query = (
        select(ProgressUpdate)
        .join(Task, Task.id == ProgressUpdate.task_id)
        .where(
            Task.unit_id == unit.id,
            ProgressUpdate.note != "",
            ProgressUpdate.created_at >= _end_of_day(period.start - timedelta(days=1),
                                                     unit.timezone),
            ProgressUpdate.created_at < _end_of_day(period.cutoff, unit.timezone),
        )
        .order_by(ProgressUpdate.created_at, ProgressUpdate.id)
    )
    return {u.task_id: u for u in session.scalars(query) if u.task_id in task_ids}


def _end_of_day(day: date, timezone: str) -> datetime:
    """The UTC moment the local day ends."""
    midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=ZoneInfo(timezone))
    return midnight.astimezone(UTC)
