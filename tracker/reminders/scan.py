"""The daily scan: which notifications a unit owes its officials on a given day.

Every notification is written under its key in the scan's own transaction, so a
scan that runs twice, or after a crash, writes nothing new. After downtime the scan
sends what fits the day it runs, not every reminder it missed: a "5 working days
before" reminder whose day has passed gives way to the one that fits today.

Each open task carries the next day something may be due for it (`next_scan_on`),
so a day's scan reads only those tasks, not every open task of the unit. That
bookkeeping is no edit: it is written beside the task's version, never bumping it, so
a form opened before the scan still saves.

The scan is set-based: it reads the tasks as plain rows, collects every notification
the unit owes as a draft, and writes them all at once (`enqueue_many`), so its cost is
a few statements a unit rather than a few a notification.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from tracker.core.clock import now_utc
from tracker.core.db import insert_ignoring_duplicates
from tracker.core.periods import next_commune_period, next_report_due
from tracker.core.roles import Role
from tracker.core.workdays import WorkingCalendar
from tracker.notifications.models import NotificationKind
from tracker.notifications.services import Draft, enqueue_many
from tracker.org.calendar import unit_calendar
from tracker.org.leaders import officials_in_roles, report_compilers
from tracker.org.models import Official, Unit, UnitSettings
from tracker.reminders.attention import TaskRow, active_officials_named, tasks_needing_attention
from tracker.reminders.models import ScanRun
from tracker.tasks.models import Task, TaskState, task_coordinators
from tracker.tasks.recurrence import assign_due_occurrences

NOTHING_MORE = date.max  # next_scan_on of a task that needs no further reminder


@dataclass
class ScanOutcome:
    written: Counter = field(default_factory=Counter)
    flagged_overdue: int = 0

    def __iadd__(self, other: "ScanOutcome") -> "ScanOutcome":
        self.written.update(other.written)
        self.flagged_overdue += other.flagged_overdue
        return self


@dataclass
class _Scan:
    session: Session
    unit: Unit
    settings: UnitSettings
    calendar: WorkingCalendar
    day: date
    outcome: ScanOutcome
    # The active officials the day's tasks name, by id (an inactive one is not there).
    officials: dict[int, Official] = field(default_factory=dict)
    drafts: list[Draft] = field(default_factory=list)

    def notify(self, recipients, kind, payload, *, task=None, due=None, offset=0) -> None:
        """Draft the notification for each distinct active recipient; written at the end."""
        task_id = task.id if task else None
        self.drafts.extend(Draft(official, kind, payload, task_id=task_id, due=due, offset=offset)
                           for official in _distinct_active(recipients))

    def named(self, *official_ids: int | None) -> list[Official | None]:
        return [self.officials.get(official_id) for official_id in official_ids]

    @cached_property
    def chairmen(self) -> list[Official]:
        return officials_in_roles(self.session, self.unit, [Role.CHAIRMAN])


def scan_unit(session: Session, unit: Unit, day: date) -> ScanOutcome:
    """Write every notification the unit owes on `day` (a local date); flush only.

    Nothing is sent on days that are not working days: the next working day's scan
    finds what is still due.
    """
    calendar = unit_calendar(unit)
    scan = _Scan(session, unit, unit.settings, calendar, day, ScanOutcome())
    assign_due_occurrences(session, unit, day)
    session.flush()  # the occurrences just assigned are among the tasks read below
    if calendar.is_working_day(day):
        with session.no_autoflush:
            _draft_everything_owed(scan)
            written = enqueue_many(session, unit, scan.drafts)
        scan.outcome.written.update(draft.kind for draft in written)
    return scan.outcome


def _draft_everything_owed(scan: _Scan) -> None:
    tasks = tasks_needing_attention(scan.session, scan.unit.id, scan.day)
    scan.officials = active_officials_named(scan.session, tasks)
    for task in tasks:
        if task.due_date >= scan.day:
            _remind_before_due_date(scan, task)
        else:
            _follow_overdue(scan, task)
        task.next_scan_on = _next_attention(scan, task)
    _write_bookkeeping(scan.session, tasks)
    _remind_reporting_cutoff(scan)
    _remind_report_due(scan)


def run_daily_scan(session: Session, unit: Unit, day: date) -> ScanOutcome:
    """Scan and record the day as done for the unit (idempotent: keys and the record)."""
    outcome = scan_unit(session, unit, day)
    session.execute(
        insert_ignoring_duplicates(session, ScanRun)
        .values(unit_id=unit.id, day=day, finished_at=now_utc())
        .on_conflict_do_nothing(index_elements=["unit_id", "day"])
    )
    return outcome


_TASKS = Task.__table__
# Built once, as the reads of attention.py are: a scan runs it for every unit.
_BOOKKEEPING = (
    update(_TASKS)
    .where(_TASKS.c.id == bindparam("task"), _TASKS.c.version == bindparam("seen_version"))
    .values(next_scan_on=bindparam("next_scan"), overdue_flagged_on=bindparam("flagged"),
            updated_at=_TASKS.c.updated_at)
)


def _write_bookkeeping(session: Session, tasks: list[TaskRow]) -> None:
    """Store where the scan got to with each task, in one executemany UPDATE that
    leaves the version and updated_at alone. A task edited since it was read (its version
    moved) is skipped: the edit reset the bookkeeping on purpose."""
    if not tasks:
        return
    session.execute(_BOOKKEEPING, [
        {"task": task.id, "seen_version": task.version, "next_scan": task.next_scan_on,
         "flagged": task.overdue_flagged_on} for task in tasks
    ])


def _remind_before_due_date(scan: _Scan, task: TaskRow) -> None:
    remaining = scan.calendar.working_days_between(scan.day, task.due_date)
    fitting = _fitting_offset(scan.settings.offsets, remaining)
    if fitting is not None:
        scan.notify(scan.named(task.lead_id, *task.coordinator_ids),
                    NotificationKind.DUE_REMINDER,
                    _task_payload(task) | {"days": remaining},
                    task=task, due=task.due_date, offset=fitting)


def _follow_overdue(scan: _Scan, task: TaskRow) -> None:
    """Flag on the first overdue day, repeat every N working days, escalate after M."""
    settings = scan.settings
    overdue_days = scan.calendar.working_days_between(task.due_date, scan.day)
    payload = _task_payload(task) | {"days": overdue_days}
    if task.overdue_flagged_on is None:
        task.overdue_flagged_on = scan.day
        scan.outcome.flagged_overdue += 1
        scan.notify(scan.named(task.lead_id, *task.coordinator_ids, task.assigned_by_id),
                    NotificationKind.OVERDUE, payload, task=task, due=task.due_date)
    repeat = _repeat_count(scan, task)
    if repeat > 0:
        scan.notify(scan.named(task.lead_id, *task.coordinator_ids),
                    NotificationKind.OVERDUE_REPEAT,
                    payload, task=task, due=task.due_date, offset=repeat)
    if overdue_days >= settings.escalation_days > 0:
        scan.notify(scan.chairmen, NotificationKind.ESCALATION, payload,
                    task=task, due=task.due_date, offset=settings.escalation_days)


def _repeat_count(scan: _Scan, task: TaskRow) -> int:
    """Working days since the flag, rounded down to the repeat interval (0: none yet)."""
    every = scan.settings.overdue_repeat_days
    if every <= 0:
        return 0
    since_flag = scan.calendar.working_days_between(task.overdue_flagged_on, scan.day)
    return since_flag // every * every


def _next_attention(scan: _Scan, task: TaskRow) -> date:
    """The next working day on which the scan may owe something for this task."""
    calendar, day, due = scan.calendar, scan.day, task.due_date
    if due >= day:
        remaining = calendar.working_days_between(day, due)
        fitting = _fitting_offset(scan.settings.offsets, remaining)
        smaller = [o for o in scan.settings.offsets if fitting is None or o < fitting]
        if smaller:
            return calendar.first_working_day_within(due, max(smaller))
        return calendar.add_working_days(due, 1)
    candidates = []
    every = scan.settings.overdue_repeat_days
    if every > 0:
        next_count = _repeat_count(scan, task) + every
        candidates.append(calendar.add_working_days(task.overdue_flagged_on, next_count))
    escalation = scan.settings.escalation_days
    if escalation > 0 and calendar.working_days_between(due, day) < escalation:
        candidates.append(calendar.add_working_days(due, escalation))
    return min(candidates, default=NOTHING_MORE)


def _fitting_offset(offsets: list[int], remaining: int) -> int | None:
    """The smallest reminder offset not below the working days remaining."""
    return min((o for o in offsets if o >= remaining), default=None)


def _remind_reporting_cutoff(scan: _Scan) -> None:
    period = next_commune_period(scan.day)
    remaining = scan.calendar.working_days_between(scan.day, period.cutoff)
    if not 0 <= remaining <= scan.settings.cutoff_reminder_days:
        return
    for official, open_tasks in _open_task_counts(scan).items():
        payload = {"period": period.label, "cutoff": period.cutoff.isoformat(),
                   "days": remaining, "open_tasks": open_tasks}
        scan.notify([official], NotificationKind.CUTOFF_REMINDER, payload,
                    due=period.cutoff, offset=scan.settings.cutoff_reminder_days)


def _remind_report_due(scan: _Scan) -> None:
    period, due = next_report_due(scan.day, scan.settings.report_due_day)
    remaining = scan.calendar.working_days_between(scan.day, due)
    if not 0 <= remaining <= scan.settings.report_reminder_days:
        return
    payload = {"period": period.label, "due": due.isoformat(), "days": remaining,
               "cutoff": period.cutoff.isoformat()}
    scan.notify(report_compilers(scan.session, scan.unit), NotificationKind.REPORT_DUE, payload,
                due=due, offset=scan.settings.report_reminder_days)


def _open_task_counts(scan: _Scan) -> dict[Official, int]:
    """Open tasks per active official who leads or coordinates them, counted in SQL."""
    open_here = (Task.unit_id == scan.unit.id, Task.state == TaskState.OPEN)
    led = select(Task.lead_id.label("official_id")).where(*open_here)
    coordinated = (select(task_coordinators.c.official_id)
                   .join(Task, Task.id == task_coordinators.c.task_id).where(*open_here))
    both = led.union_all(coordinated).subquery()
    rows = scan.session.execute(
        select(Official, func.count()).join(both, both.c.official_id == Official.id)
        .where(Official.active).group_by(Official.id).order_by(Official.id)
    )
    return {official: count for official, count in rows}


def _task_payload(task: TaskRow) -> dict:
    return {"title": task.title, "due": task.due_date.isoformat(), "lead": task.lead_name,
            "document": task.document}


def _distinct_active(officials) -> list[Official]:
    return list(dict.fromkeys(o for o in officials if o is not None and o.active))
