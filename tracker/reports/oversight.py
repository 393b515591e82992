"""The level above over the units directly below it (a province over its communes): each
unit's tasks by class, what falls due in the next seven days, its last signed report and
whether the report due now is in. A fixed number of queries, however many units."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer, selectinload

from tracker.core.actor import Actor
from tracker.core.clock import local_moment
from tracker.core.errors import NotFound, ValidationFailed
from tracker.core.paging import PER_PAGE, Page
from tracker.core.periods import ReportingPeriod, chronological, period_due_now
from tracker.core.reform_areas import ReformArea
from tracker.core.validation import Problems
from tracker.org.below import NO_UNIT, units_below
from tracker.org.models import Unit
from tracker.reports.models import Report, ReportState
from tracker.tasks.dashboard import next_week_span
from tracker.tasks.filters import check_due_range, check_filters
from tracker.tasks.models import Task, TaskState
from tracker.tasks.queries import TaskFilters, list_tasks_of_units
from tracker.tasks.status import TaskClass, task_class_sql
from tracker.tasks.tally import Tally


class Submission(StrEnum):
    """Where a unit's report for the period due now stands against its due date."""

    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"  # not signed and the due date has passed
    NOT_YET_DUE = "not_yet_due"

    @property
    def label(self) -> str:
        return str(_SUBMISSION_LABELS[self])

    @property
    def is_in(self) -> bool:
        return self in (Submission.ON_TIME, Submission.LATE)


_SUBMISSION_LABELS = {
    Submission.ON_TIME: _l("Đã nộp"), Submission.LATE: _l("Nộp muộn"),
    Submission.MISSING: _l("Chưa nộp"), Submission.NOT_YET_DUE: _l("Chưa đến hạn"),
}


@dataclass(frozen=True)
class SignedReport:
    id: int
    period: ReportingPeriod
    signed_on: date  # in the unit's time zone


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    tally: Tally
    due_next_days: int
    last_signed: SignedReport | None
    due_date: date
    submission: Submission


class OversightSort(StrEnum):
    NAME = "name"
    OPEN = "open"
    OVERDUE = "overdue"
    ON_TIME = "on_time"
    LATE = "late"
    RATE = "rate"
    NEXT_DAYS = "next"
    LAST_REPORT = "report"
    SUBMISSION = "submission"


@dataclass(frozen=True)
class Oversight:
    unit: Unit
    day: date
    period: ReportingPeriod  # the report due now
    area: ReformArea | None
    rows: list[UnitRow]

    @property
    def total(self) -> Tally:
        return Tally.combined(row.tally for row in self.rows)

    @property
    def due_next_days(self) -> int:
        return sum(row.due_next_days for row in self.rows)

    @property
    def next_span(self) -> tuple[date, date]:
        return next_week_span(self.day)

    @property
    def submitted(self) -> int:
        return sum(row.submission.is_in for row in self.rows)


def build_oversight(
    session: Session, actor: Actor, unit: Unit, day: date, *,
    area: ReformArea | None = None, sort: OversightSort = OversightSort.NAME,
    descending: bool = False,
) -> Oversight:
    """A row per unit below `unit` as of `day`; `area` narrows the tasks to one reform area."""
    below = units_below(session, actor, unit)
    ids = [u.id for u in below]
    period = period_due_now(day)
    tallies = _tallies(session, ids, day, area)
    next_days = _due_next_days(session, ids, day, area)
    signed = _signed_reports(session, below)
    rows = [_row(u, tallies.get(u.id, Tally()), next_days.get(u.id, 0), signed.get(u.id, []),
                 period, day) for u in below]
    if sort is not OversightSort.NAME:  # the rows come in name order: sorting is stable
        rows.sort(key=_SORT_KEYS[sort], reverse=descending)
    elif descending:
        rows.reverse()
    return Oversight(unit, day, period, area, rows)


def tasks_below(
    session: Session, actor: Actor, unit: Unit, filters: TaskFilters, today: date, *,
    only_id: int | None = None, page: int = 1, per_page: int = PER_PAGE,
) -> Page[Task]:
    """A page of the tasks of the units below `unit` (or of `only_id`, one of them);
    by department or lead only within one unit, whose departments and officials they are.

    :raise NotFound: `only_id` is no unit below `unit`.
    :raise ValidationFailed: filters `check_filters` refuses for that unit.
    """
    below = units_below(session, actor, unit)
    chosen = [u for u in below if only_id is None or u.id == only_id]
    if only_id is not None and not chosen:
        raise NotFound(NO_UNIT)
    if only_id is not None:  # its departments, officials and documents, as on its own list
        check_filters(session, actor, chosen[0], filters)
    elif filters.department_id is not None or filters.lead_id is not None:
        raise ValidationFailed.on("unit", _l(
            "Chọn một đơn vị để lọc theo bộ phận hoặc người chủ trì của đơn vị đó."))
    else:
        problems = Problems()
        check_due_range(filters, problems)
        problems.raise_if_any(_l("Bộ lọc chưa hợp lệ."))
    ids = [u.id for u in chosen]
    return list_tasks_of_units(session, ids, filters, today, page, per_page)


@dataclass(frozen=True)
class ReportRow:
    unit: Unit
    report: Report | None  # signed; a draft is the unit's own business
    signed_on: date | None
    due_date: date
    submission: Submission


def reports_below(session: Session, actor: Actor, unit: Unit, period: ReportingPeriod,
                  day: date) -> list[ReportRow]:
    """Every unit below with its signed report of `period`, or where it stands without one."""
    below = units_below(session, actor, unit)
    reports = {r.unit_id: r for r in session.scalars(
        select(Report)
        .where(Report.unit_id.in_([u.id for u in below]), Report.period == period.code,
               Report.state == ReportState.FINAL)
        .options(defer(Report.final_docx), defer(Report.final_content),
                 selectinload(Report.signer)))}
    rows = []
    for below_unit in below:
        report = reports.get(below_unit.id)
        signed_on = (_local_day(report.finalised_at, below_unit.timezone)
                     if report is not None else None)
        due = period.due_date(below_unit.report_due_day)
        rows.append(ReportRow(below_unit, report, signed_on, due,
                              _submission(signed_on, due, day)))
    return rows


def _tallies(session: Session, ids: Sequence[int], day: date,
             area: ReformArea | None) -> dict[int, Tally]:
    task_class = task_class_sql(day)
    query = (select(Task.unit_id, task_class, func.count())
             .where(Task.unit_id.in_(ids), *_in_area(area))
             .group_by(Task.unit_id, task_class))
    tallies: dict[int, Tally] = {}
    for unit_id, name, count in session.execute(query):
        tallies.setdefault(unit_id, Tally()).counts[TaskClass(name)] += count
    return tallies


def _due_next_days(session: Session, ids: Sequence[int], day: date,
                   area: ReformArea | None) -> dict[int, int]:
    """Open tasks due in `next_week_span`, as the commune's dashboard counts them."""
    first, last = next_week_span(day)
    query = (select(Task.unit_id, func.count())
             .where(Task.unit_id.in_(ids), Task.state == TaskState.OPEN,
                    Task.due_date >= first, Task.due_date <= last, *_in_area(area))
             .group_by(Task.unit_id))
    return {unit_id: count for unit_id, count in session.execute(query)}


def _in_area(area: ReformArea | None) -> list:
    return [] if area is None else [Task.reform_area == area]


def _signed_reports(session: Session, below: list[Unit]) -> dict[int, list[SignedReport]]:
    """Each unit's signed reports, the latest period first (their content is not loaded)."""
    zones = {u.id: u.timezone for u in below}
    query = select(Report.id, Report.unit_id, Report.period, Report.finalised_at).where(
        Report.unit_id.in_(list(zones)), Report.state == ReportState.FINAL)
    signed: dict[int, list[SignedReport]] = {}
    for report_id, unit_id, code, finalised_at in session.execute(query):
        signed_on = _local_day(finalised_at, zones[unit_id])
        signed.setdefault(unit_id, []).append(
            SignedReport(report_id, ReportingPeriod.parse(code), signed_on))
    for reports in signed.values():
        reports.sort(key=lambda r: chronological(r.period), reverse=True)
    return signed


def _row(unit: Unit, tally: Tally, due_next_days: int, signed: list[SignedReport],
         period: ReportingPeriod, day: date) -> UnitRow:
    due = period.due_date(unit.report_due_day)
    current = next((r for r in signed if r.period == period), None)
    return UnitRow(unit, tally, due_next_days, signed[0] if signed else None, due,
                   _submission(current.signed_on if current else None, due, day))


def _local_day(moment: datetime, timezone: str) -> date:
    """The day a report was signed, in its unit's time zone."""
    return local_moment(moment, timezone).date()


def _submission(signed_on: date | None, due: date, day: date) -> Submission:
    if signed_on is not None:
        return Submission.ON_TIME if signed_on <= due else Submission.LATE
    return Submission.MISSING if day > due else Submission.NOT_YET_DUE


def _rate_key(row: UnitRow) -> float:
    rate = row.tally.completion_rate
    return -1.0 if rate is None else rate  # nothing fallen due sorts below 0 %


_SORT_KEYS: dict[OversightSort, Callable[[UnitRow], Any]] = {
    OversightSort.OPEN: lambda row: row.tally.not_done,
    OversightSort.OVERDUE: lambda row: row.tally.overdue,
    OversightSort.ON_TIME: lambda row: row.tally.done_on_time,
    OversightSort.LATE: lambda row: row.tally.done_late,
    OversightSort.RATE: _rate_key,
    OversightSort.NEXT_DAYS: lambda row: row.due_next_days,
    OversightSort.LAST_REPORT: lambda row: (
        chronological(row.last_signed.period) if row.last_signed else (date.min, -1)),
    OversightSort.SUBMISSION: lambda row: list(Submission).index(row.submission),
}
