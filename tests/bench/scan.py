"""Benchmark of the daily deadline scan, beside the bare SQL of the same selection.

    python -m tests.bench.scan --tasks 100000            # SQLite file in a temp folder
    DATABASE_URL=postgresql+psycopg://… python -m tests.bench.scan --tasks 1000000

Tasks are spread over many communes (a province-wide deployment), written by the
generator of `demo generate`: open tasks only, with due dates over the coming year. It
prints the one-off first scan (which works out every task's next reminder day), then the
figure that matters: a day's scan of all units beside the bare SELECT of the tasks that
scan must read, both measured in this run.
"""

import argparse
import os
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import event, or_, select

from jobs.work import PassReport, scan_all_units
from tests.databases import fresh_database
from tracker import create_app
from tracker.core.clock import moment_source
from tracker.core.db import transactions_that_write
from tracker.demo.generate import generate
from tracker.extensions import db
from tracker.tasks.models import Task, TaskState
from tracker.tasks.status import TaskClass

START = date(2026, 3, 2)  # a Monday
# Open tasks only: due over the coming year, one in ten ongoing (no due date).
OPEN_TASKS = {TaskClass.IN_PROGRESS: 9, TaskClass.ONGOING: 1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--tasks-per-unit", type=int, default=1_000)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL") or "sqlite:///bench.db"
    with tempfile.TemporaryDirectory() as folder, fresh_database(base, Path(folder)) as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        with app.app_context():
            upgrade()
            _fill(args.tasks, args.tasks_per_unit)
            _measure(url, args.tasks)
            db.session.remove()
            db.engine.dispose()


def _fill(total: int, per_unit: int) -> None:
    started = time.perf_counter()
    units = max(1, total // per_unit)
    generate(db.session, units=units, tasks=total, seed=2026, password="bench-password",
             province_code="bench", mix=OPEN_TASKS, today=START)
    db.session.commit()
    elapsed = time.perf_counter() - started
    print(f"filled {total:,} open tasks in {units:,} units in {elapsed:.1f} s")


def _measure(url: str, total: int) -> None:
    first = _timed_scan(START)
    print(f"first scan (every task's next reminder day worked out): {first:.1f} s")
    day = START + timedelta(days=1)
    bare_seconds, selected = _timed_bare_selection(day)  # before the scan moves them on
    statements: list[str] = []
    scan_seconds = _timed_scan(day, statements)
    print(f"day scan of {total:,} open tasks on {db.engine.dialect.name}: "
          f"{scan_seconds:.2f} s; tasks read: {selected:,}; statements: {len(statements):,}")
    print(f"bare SQL of the same selection: {bare_seconds:.3f} s; "
          f"ratio scan / bare SQL: {scan_seconds / max(bare_seconds, 1e-6):.1f}")


def _timed_scan(day: date, statements: list[str] | None = None) -> float:
    """Seconds of every unit's scan for `day`; the SQL it sent appended to `statements`."""
    moment = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=1)

    def count(_connection, _cursor, statement, *_args) -> None:
        if statements is not None:
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with moment_source(lambda: moment):
            started = time.perf_counter()
            scan_all_units(db.session, moment, PassReport())
            elapsed = time.perf_counter() - started
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return elapsed


def _timed_bare_selection(day: date) -> tuple[float, int]:
    query = select(Task.id, Task.due_date, Task.lead_id).where(
        Task.state == TaskState.OPEN, Task.due_date.is_not(None),
        or_(Task.next_scan_on.is_(None), Task.next_scan_on <= day))
    started = time.perf_counter()
    # A read: a deferred BEGIN, which SQLite lets run beside the session's write lock.
    with transactions_that_write(False), db.engine.connect() as connection:
        rows = connection.execute(query).all()
    return time.perf_counter() - started, len(rows)


if __name__ == "__main__":
    main()
