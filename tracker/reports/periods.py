"""Which periods a unit's new report may be drafted for: the date rules are
core.periods'; here, the days on which the unit has data."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from tracker.core.actor import Actor
from tracker.core.clock import today_in
from tracker.core.periods import ReportingPeriod, offered_periods, preselected_period
from tracker.documents.models import Document
from tracker.org.models import Unit
from tracker.reports.services import list_reports
from tracker.tasks.models import Task


@dataclass(frozen=True)
class PeriodChoices:
    offered: list[ReportingPeriod]  # newest first, none that already has its report
    preselected: ReportingPeriod | None


def period_choices(session: Session, actor: Actor, unit: Unit) -> PeriodChoices:
    """The periods with data (any year), the report due now and the one running, less
    those the unit has a report for; and the one a new report starts on."""
    today = today_in(unit.timezone)
    taken = {report.period for report in list_reports(session, actor, unit)}
    offered = [period for period in offered_periods(today, days_with_data(session, unit))
               if period.code not in taken]
    return PeriodChoices(offered, preselected_period(offered, today))


def days_with_data(session: Session, unit: Unit) -> set[date]:
    """The days a report could count something on: the unit's own documents issued, its
    tasks due, done or cancelled (distinct days: a few hundred a year at most)."""
    tasks = Task.unit_id == unit.id
    days = union(
        select(Document.issued_on.label("day"))
        .where(Document.unit_id == unit.id, Document.issued_by_unit),
        *(select(column.label("day")).where(tasks, column.is_not(None))
          for column in (Task.due_date, Task.completed_on, Task.cancelled_on)),
    ).subquery()
    return set(session.scalars(select(days.c.day)))
