"""Reports that have not come in. On a working day after a commune's due date with no
signed report for the period due now, its chairman and report compilers are told; once
every commune's due date has passed, the leaders and viewers of the level above get a
summary of them all. Which report is in, late or missing is oversight's rule.

Each notification goes once per period: its key carries the due date and a fixed offset,
so a second run, or a later day, writes nothing new, and a day off (a weekend, a
holiday) is caught up on the next working day. Each commune's notifications are written
in one statement (`enqueue_many`), as the daily scan writes a unit's.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tracker.core.actor import SYSTEM
from tracker.core.periods import ReportingPeriod, period_due_now
from tracker.core.roles import Role
from tracker.notifications.models import NotificationKind
from tracker.notifications.services import Draft, enqueue_many
from tracker.org.below import has_units_below
from tracker.org.calendar import unit_calendar
from tracker.org.leaders import officials_in_roles, report_compilers
from tracker.org.models import Official, Unit
from tracker.reminders.scan import ScanOutcome
from tracker.reports.oversight import ReportRow, Submission, reports_below

# Fixed offsets: each key is then (kind, due date, recipient), one a period.
MISSING_OFFSET = 1
SUMMARY_OFFSET = 0
NAMED_AT_MOST = 30  # communes the summary names; the rest it counts
SUMMARY_READERS = (Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.VIEWER)


def remind_late_reports(session: Session, unit: Unit, day: date) -> ScanOutcome:
    """What `unit` owes on `day` (its local date) about the reports of the units directly
    below it, which share its time zone; nothing when it has none. Flushes only."""
    outcome = ScanOutcome()
    if not has_units_below(session, unit):
        return outcome
    period = period_due_now(day)
    rows = reports_below(session, SYSTEM, unit, period, day)
    missing = [row for row in rows if row.submission is Submission.MISSING]
    _load_calendars(session, [row.unit for row in missing])
    for row in missing:
        _remind_commune(session, row, period, day, outcome)
    all_due = all(row.submission is not Submission.NOT_YET_DUE for row in rows)
    if all_due and unit_calendar(unit).is_working_day(day):
        _summarise(session, unit, rows, period, outcome)
    session.flush()
    return outcome


def _remind_commune(session: Session, row: ReportRow, period: ReportingPeriod, day: date,
                    outcome: ScanOutcome) -> None:
    calendar = unit_calendar(row.unit)
    if not calendar.is_working_day(day):
        return
    payload = {"period": period.code, "due": row.due_date.isoformat(),
               "days": calendar.working_days_between(row.due_date, day)}
    recipients = [*officials_in_roles(session, row.unit, [Role.CHAIRMAN]),
                  *report_compilers(session, row.unit)]
    _notify(session, row.unit, recipients, NotificationKind.REPORT_MISSING, payload,
            due=row.due_date, offset=MISSING_OFFSET, outcome=outcome)


def _summarise(session: Session, unit: Unit, rows: list[ReportRow], period: ReportingPeriod,
               outcome: ScanOutcome) -> None:
    """Counted as oversight counts them; the communes not sent in oversight's order."""
    missing = [row.unit.name for row in rows if row.submission is Submission.MISSING]
    payload = {
        "period": period.code, "total": len(rows),
        "on_time": sum(row.submission is Submission.ON_TIME for row in rows),
        "late": sum(row.submission is Submission.LATE for row in rows),
        "missing": len(missing), "names": missing[:NAMED_AT_MOST],
        "more": max(len(missing) - NAMED_AT_MOST, 0),
    }
    # The last due date among them: a summary once all have fallen due, once a period.
    _notify(session, unit, _summary_readers(session, unit), NotificationKind.REPORTS_SUMMARY,
            payload, due=max(row.due_date for row in rows), offset=SUMMARY_OFFSET,
            outcome=outcome)


def _notify(session: Session, unit: Unit, recipients: Iterable[Official],
            kind: NotificationKind, payload: dict[str, Any], *, due: date, offset: int,
            outcome: ScanOutcome) -> None:
    # A chairman who compiles is drafted twice under one key, and written once.
    drafts = [Draft(official, kind, payload, due=due, offset=offset) for official in recipients]
    outcome.written.update(draft.kind for draft in enqueue_many(session, unit, drafts))


def _load_calendars(session: Session, units: list[Unit]) -> None:
    """Every commune's own calendar days in one read, not one read a commune."""
    if units:
        session.scalars(select(Unit).where(Unit.id.in_([u.id for u in units]))
                        .options(selectinload(Unit.calendar_days))).all()


def _summary_readers(session: Session, unit: Unit) -> list[Official]:
    """The province's leaders and viewers (Sở Nội vụ), and its office, which compiles the
    province's own report."""
    return [*officials_in_roles(session, unit, SUMMARY_READERS),
            *report_compilers(session, unit)]
