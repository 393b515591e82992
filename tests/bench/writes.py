"""Write-load benchmark: concurrent writers against gunicorn (4 workers) with the scheduler
running beside it, on one database.

    python -m tests.bench.writes                                 # SQLite file, 40 × 20 s
    python -m tests.bench.writes --writers 40 --seconds 180
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test_h2 \\
        python -m tests.bench.writes --seconds 180

Generates a province (`demo generate`), gives the lead of each chosen open task a personal
API token, then every writer, two to a task, reads its task (GET, for the version) and
appends a progress note carrying a mark of its own (POST …/progress with that version),
over and over until the time is up. A 409 is the other writer of the task having saved
first: expected, and the writer reads again. The scheduler runs on a simulated clock (one
day every --seconds-per-day), so the daily scans write beside the writers.

Prints the requests, the 5xx (expect 0), the 409s, and the lost updates: notes answered
2xx that are not in the database (expect 0); notes in the database that no writer saw
confirmed (a timeout, say) are printed too.
"""

import argparse
import http.client
import json
import os
import re
import statistics
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import select

from tests.bench.servers import HOST, serving
from tests.databases import fresh_database
from tracker import create_app
from tracker.core.actor import SYSTEM
from tracker.demo.generate import generate
from tracker.extensions import db
from tracker.org.tokens import create_token
from tracker.tasks.models import ProgressUpdate, Task, TaskState

PASSWORD = "bench-password"
MARK = re.compile(r"w\d+-\d+")  # a writer's note: writer number, attempt number


@dataclass(frozen=True)
class Target:
    """A task a writer appends to, with the token of its lead and the version read."""

    task_id: int
    token: str
    version: int


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    confirmed: set[str] = field(default_factory=set)  # marks of notes answered 2xx
    write_seconds: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, status: int, mark: str | None = None,
            seconds: float | None = None) -> None:
        with self.lock:
            self.statuses[(kind, status)] += 1
            if seconds is not None:
                self.write_seconds.append(seconds)
            if mark is not None and 200 <= status < 300:
                self.confirmed.add(mark)

    def count(self, test) -> int:
        return sum(n for (kind, status), n in self.statuses.items() if test(kind, status))


def fill(url: str, *, tasks: int, units: int, targets: int) -> list[Target]:
    """A generated province, and `targets` open tasks (with a token of each lead)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        generate(db.session, units=units, tasks=tasks, seed=2026, password=PASSWORD,
                 province_code="ghi")
        chosen = db.session.scalars(
            select(Task).where(Task.state == TaskState.OPEN, Task.progress_percent < 99)
            .order_by(Task.id).limit(targets)).all()
        tokens = {}
        for task in chosen:
            if task.lead_id not in tokens:
                tokens[task.lead_id] = create_token(db.session, SYSTEM, task.lead, "ghi")[1]
        db.session.commit()
        found = [Target(t.id, tokens[t.lead_id], t.version) for t in chosen]
        db.session.remove()
        db.engine.dispose()
    if len(found) < targets:
        raise SystemExit(f"only {len(found)} open tasks to write to; generate more")
    return found


def write_progress(port: int, target: Target, writer: int, tally: Tally, *,
                   until: float | None = None, updates: int | None = None,
                   read_first: bool = True) -> None:
    """Append progress notes to one task until `until` (a monotonic time) or `updates`
    notes were tried; with `read_first`, each after a GET of the task for its version."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {"Authorization": f"Bearer {target.token}", "Content-Type": "application/json"}
    version, attempt = target.version, 0
    while (until is None or time.monotonic() < until) and (updates is None or attempt < updates):
        attempt += 1
        if read_first:
            status, body = _call(connection, "GET", f"/api/v1/tasks/{target.task_id}", headers)
            tally.add("read", status)
            version = body.get("version", version)
        mark = f"w{writer}-{attempt}"
        payload = {"percent": attempt % 99, "note": mark, "version": version}
        started = time.perf_counter()
        status, body = _call(connection, "POST", f"/api/v1/tasks/{target.task_id}/progress",
                             headers, payload)
        tally.add("write", status, mark, time.perf_counter() - started)
        version = body.get("version", body.get("current", {}).get("version", version))
    connection.close()


def _call(connection, method: str, path: str, headers: dict, payload=None) -> tuple[int, dict]:
    try:
        connection.request(method, path, body=json.dumps(payload) if payload else None,
                           headers=headers)
        response = connection.getresponse()
        raw = response.read()
    except (OSError, http.client.HTTPException):
        connection.close()  # reconnects on the next request
        return 0, {}
    try:
        body = json.loads(raw)
    except ValueError:
        body = {}
    return response.status, body if isinstance(body, dict) else {}


def stored_marks(url: str, task_ids: list[int]) -> set[str]:
    """The marks of the progress notes the database holds for these tasks."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        notes = db.session.scalars(
            select(ProgressUpdate.note).where(ProgressUpdate.task_id.in_(task_ids))).all()
        db.session.remove()
        db.engine.dispose()
    return {note for note in notes if MARK.fullmatch(note)}


def run_writers(port: int, targets: list[Target], writers: int, tally: Tally, **options) -> None:
    threads = [threading.Thread(target=write_progress,
                                args=(port, targets[n % len(targets)], n, tally),
                                kwargs=options) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=40)
    parser.add_argument("--writers-per-task", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--tasks", type=int, default=2_000, help="generated, in all")
    parser.add_argument("--units", type=int, default=2)
    parser.add_argument("--seconds-per-day", type=float, default=10.0,
                        help="the scheduler's simulated day, in real seconds")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL") or "sqlite:///bench.db"
    with tempfile.TemporaryDirectory() as folder, fresh_database(base, Path(folder)) as url:
        targets = fill(url, tasks=args.tasks, units=args.units,
                       targets=max(1, args.writers // args.writers_per_task))
        tally = Tally()
        with serving(url, Path(folder), workers=args.workers,
                     seconds_per_day=args.seconds_per_day) as port:
            started = time.monotonic()
            run_writers(port, targets, args.writers, tally, until=started + args.seconds)
            elapsed = time.monotonic() - started
        stored = stored_marks(url, [t.task_id for t in targets])
    _print(args, url, tally, stored, elapsed)


def _print(args, url: str, tally: Tally, stored: set[str], elapsed: float) -> None:
    requests = tally.count(lambda kind, status: True)
    print(f"{url.split(':')[0]}: gunicorn {args.workers} workers + scheduler (a day every "
          f"{args.seconds_per_day:g} s); {args.writers} writers, {args.writers_per_task} to a "
          f"task, {elapsed:.0f} s")
    print(f"requests {requests:,} ({requests / elapsed:.0f}/s): "
          f"reads {tally.count(lambda kind, s: kind == 'read'):,}, "
          f"writes {tally.count(lambda kind, s: kind == 'write'):,}")
    print(f"writes saved (2xx) {tally.count(lambda k, s: k == 'write' and 200 <= s < 300):,}; "
          f"409 {tally.count(lambda k, s: s == 409):,}")
    print(f"5xx {tally.count(lambda k, s: s >= 500):,} (reads "
          f"{tally.count(lambda k, s: k == 'read' and s >= 500):,}); no answer "
          f"{tally.count(lambda k, s: s == 0):,}; other "
          f"{tally.count(lambda k, s: 0 < s < 500 and s != 409 and not 200 <= s < 300):,}")
    seconds = sorted(tally.write_seconds) or [0.0]
    print(f"write latency ms: median {statistics.median(seconds) * 1000:.0f}, "
          f"p95 {seconds[int(len(seconds) * 0.95)] * 1000:.0f}, max {seconds[-1] * 1000:.0f}")
    print(f"lost updates (2xx, not stored) {len(tally.confirmed - stored):,}; "
          f"stored without a 2xx {len(stored - tally.confirmed):,}")
    print("statuses:", dict(sorted(tally.statuses.items())))


if __name__ == "__main__":
    main()
