"""Benchmark of the daily deadline scan, beside the bare SQL of the same selection.

    python -m tests.bench.scan --tasks 100000            # SQLite file in a temp folder
    DATABASE_URL=postgresql+psycopg://… python -m tests.bench.scan --tasks 1000000

Tasks are spread over many communes (a province-wide deployment), with due dates over
the coming year. It prints the one-off first scan (which works out every task's next
reminder day), then the figure that matters: a day's scan of all units beside the
bare SELECT of the tasks that scan must read, both measured in this run.
"""

import argparse
import os
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import insert, or_, select
from werkzeug.security import generate_password_hash

from jobs.work import PassReport, scan_all_units
from tests.databases import fresh_database
from tracker import create_app
from tracker.core.clock import moment_source
from tracker.core.roles import Role
from tracker.core.text import fold
from tracker.extensions import db
from tracker.org.models import Official, Unit, UnitLevel, UnitSettings
from tracker.tasks.models import Task, TaskState, task_coordinators

START = date(2026, 3, 2)  # a Monday
OFFICIALS_PER_UNIT = 10
CHUNK = 20_000


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
    rng = random.Random(2026)
    password = generate_password_hash("bench-password")
    units = max(1, total // per_unit)
    for number in range(units):
        unit_id = _unit(number)
        officials = _officials(unit_id, number, password)
        _tasks(unit_id, officials, min(per_unit, total - number * per_unit), rng)
    db.session.commit()
    elapsed = time.perf_counter() - started
    print(f"filled {total:,} open tasks in {units:,} units in {elapsed:.1f} s")


def _unit(number: int) -> int:
    unit_id = db.session.execute(insert(Unit).values(
        code=f"xa-{number}", name=f"UBND xã {number}", place_name=f"Xã {number}",
        level=UnitLevel.COMMUNE, timezone="Asia/Ho_Chi_Minh",
        created_at=datetime.now(UTC)).returning(Unit.id)).scalar()
    db.session.add(UnitSettings(unit_id=unit_id))
    return unit_id


def _officials(unit_id: int, number: int, password: str) -> list[int]:
    rows = [{"unit_id": unit_id, "username": f"u{number}-{n}", "full_name": f"Cán bộ {n}",
             "name_key": f"can bo {n}", "position": "", "password_hash": password,
             "role": Role.CHAIRMAN if n == 0 else Role.OFFICER, "active": True,
             "session_version": 1, "failed_sign_ins": 0, "created_at": datetime.now(UTC),
             "notify_email": False, "email_digest": True, "notify_webhook": False}
            for n in range(OFFICIALS_PER_UNIT)]
    return list(db.session.scalars(insert(Official).returning(Official.id), rows))


def _tasks(unit_id: int, officials: list[int], count: int, rng: random.Random) -> None:
    now = datetime.now(UTC)
    for first in range(0, count, CHUNK):
        rows = []
        for n in range(first, min(count, first + CHUNK)):
            due = START + timedelta(days=rng.randint(1, 365)) if n % 10 else None
            title = f"Nhiệm vụ {n} của đơn vị {unit_id}"
            rows.append({"unit_id": unit_id, "reform_area": "procedures", "title": title,
                         "title_key": fold(title), "description": "",
                         "lead_id": rng.choice(officials[1:]), "assigned_by_id": officials[0],
                         "assigned_at": now, "due_date": due, "state": TaskState.OPEN,
                         "progress_percent": 0, "version": 1, "created_at": now,
                         "updated_at": now})
        ids = list(db.session.scalars(insert(Task).returning(Task.id), rows))
        coordinated = [{"task_id": i, "official_id": officials[1 + i % 9]} for i in ids[::3]]
        db.session.execute(insert(task_coordinators), coordinated)


def _measure(url: str, total: int) -> None:
    first = _timed_scan(START)
    print(f"first scan (every task's next reminder day worked out): {first:.1f} s")
    day = START + timedelta(days=1)
    bare_seconds, selected = _timed_bare_selection(day)  # before the scan moves them on
    scan_seconds = _timed_scan(day)
    print(f"day scan of {total:,} open tasks on {db.engine.dialect.name}: "
          f"{scan_seconds:.2f} s; tasks read: {selected:,}")
    print(f"bare SQL of the same selection: {bare_seconds:.3f} s; "
          f"ratio scan / bare SQL: {scan_seconds / max(bare_seconds, 1e-6):.1f}")


def _timed_scan(day: date) -> float:
    moment = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=1)
    with moment_source(lambda: moment):
        started = time.perf_counter()
        scan_all_units(db.session, moment, PassReport())
        elapsed = time.perf_counter() - started
    return elapsed


def _timed_bare_selection(day: date) -> tuple[float, int]:
    query = select(Task.id, Task.due_date, Task.lead_id).where(
        Task.state == TaskState.OPEN, Task.due_date.is_not(None),
        or_(Task.next_scan_on.is_(None), Task.next_scan_on <= day))
    started = time.perf_counter()
    with db.engine.connect() as connection:
        rows = connection.execute(query).all()
    return time.perf_counter() - started, len(rows)


if __name__ == "__main__":
    main()
