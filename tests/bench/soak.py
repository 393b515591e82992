"""Soak: 10,000 open tasks over 30 simulated days, two schedulers, the leader killed.

    python -m tests.bench.soak                       # SQLite file in a temp folder
    DATABASE_URL=postgresql+psycopg://… python -m tests.bench.soak

Two `flask jobs run` processes share a simulated clock (--seconds-per-day real seconds
a day); every --kill-every simulated days the leader gets SIGKILL and a fresh process
takes its place, so two always run. The officials have e-mail addresses (one in five
wants one e-mail per notification, the others the daily digest) and a real SMTP server
(aiosmtpd) on loopback takes every message. Four in ten tasks start overdue: the first
day writes thousands of notices at once, and the repeats every few working days keep
the queue full. At the end it prints the Message-IDs received more than once (a kill
between the server's acceptance and the row marked sent repeats one e-mail by design),
the deliveries still due and unsent (expect 0), those waiting for tomorrow's digest,
the failed ones, and the e-mails sent per minute.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from aiosmtpd.controller import Controller
from flask_migrate import upgrade
from sqlalchemy import func, select, update

from tests.databases import fresh_database
from tests.jobs.test_delivery import _free_port
from tracker import create_app
from tracker.core.db import transactions_that_write
from tracker.demo.generate import generate
from tracker.extensions import db
from tracker.notifications.models import Delivery, DeliveryStatus
from tracker.org.models import Official
from tracker.reminders.models import ScanRun
from tracker.tasks.status import TaskClass

PROJECT = Path(__file__).resolve().parents[2]
START = date(2026, 3, 2)  # a Monday
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MIX = {TaskClass.IN_PROGRESS: 5, TaskClass.OVERDUE: 4, TaskClass.ONGOING: 1}
_MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class Sink:
    """Counts the Message-IDs the SMTP server accepts, and when."""

    def __init__(self) -> None:
        self.ids: Counter[bytes] = Counter()
        self.first = self.last = 0.0

    async def handle_DATA(self, server, session, envelope):
        found = _MESSAGE_ID.search(envelope.content)
        self.ids[found.group(1) if found else b"?"] += 1
        self.last = time.monotonic()
        self.first = self.first or self.last
        return "250 OK"


class Scheduler:
    def __init__(self, env: dict, args, epoch: float, log: Path) -> None:
        self.log = log.open("a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "tracker", "jobs", "run",
             "--simulate-from", START.isoformat(), "--seconds-per-day",
             str(args.seconds_per_day), "--simulate-epoch", str(epoch),
             "--tick-seconds", "0.5", "--standby-poll-seconds", "0.5"],
            cwd=PROJECT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def stop(self, how: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(how)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--days", type=int, default=30)
    # A day must hold its scan (the first one writes thousands of notices) and some sending.
    parser.add_argument("--seconds-per-day", type=float, default=40.0)
    parser.add_argument("--kill-every", type=int, default=4, help="simulated days")
    parser.add_argument("--drain-seconds", type=float, default=120.0)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL") or "sqlite:///soak.db"
    with tempfile.TemporaryDirectory() as folder, fresh_database(base, Path(folder)) as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "soak"})
        with app.app_context():
            upgrade()
            _fill(args)
            db.session.remove()
        _run(app, url, args, Path(folder))


def _fill(args) -> None:
    started = time.perf_counter()
    generate(db.session, units=args.units, tasks=args.tasks, seed=2026,
             password="soak-password", province_code="soak", mix=MIX, today=START)
    db.session.execute(update(Official).values(email=Official.username + "@soak.example.vn",
                                               email_digest=Official.id % 5 != 0))
    db.session.commit()
    print(f"filled {args.tasks:,} open tasks in {args.units} units in "
          f"{time.perf_counter() - started:.1f} s")


def _run(app, url: str, args, folder: Path) -> None:
    sink, port = Sink(), _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    # A pass's sending budget scaled like the day: 20 s of a real day is nothing, 20 s of
    # a 40 s day would keep the next day's scan waiting.
    env = os.environ | {"DATABASE_URL": url, "SECRET_KEY": "soak", "MAIL_SERVER": "127.0.0.1",
                        "MAIL_PORT": str(port), "MAIL_SECURITY": "none",
                        "DELIVERY_PASS_SECONDS": str(max(1, int(args.seconds_per_day / 8)))}
    epoch = time.time() + 3
    log = folder / "schedulers.log"
    schedulers = [Scheduler(env, args, epoch, log), Scheduler(env, args, epoch, log)]
    kills = scanned = 0
    try:
        for day in range(args.days):
            scanned += _wait_for_scan(app, START + timedelta(days=day), args.seconds_per_day * 2)
            if day and day % args.kill_every == 0:
                kills += _kill_leader(schedulers, env, args, epoch, log)
        drained = _drain(app, args, epoch)
    finally:
        for scheduler in schedulers:
            scheduler.stop()
        controller.stop()
    print(f"days scanned: {scanned} of {args.days}")
    _report(app, sink, kills, drained, _now(args, epoch), log)


def _now(args, epoch: float) -> datetime:
    simulated = timedelta(days=(time.time() - epoch) / args.seconds_per_day)
    return datetime.combine(START, datetime.min.time(), ZONE) + simulated


def _wait_for_scan(app, day: date, timeout: float) -> bool:
    """Whether `day` was scanned; a scheduler that falls behind the clock skips days."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _read(app, select(func.count()).select_from(ScanRun).where(ScanRun.day == day)):
            return True
        time.sleep(0.5)
    print(f"warning: {day} not scanned in {timeout:.0f} s")
    return False


def _read(app, query):
    # Deferred on SQLite: a watcher must not queue for the schedulers' write lock.
    with app.app_context(), transactions_that_write(False):
        value = db.session.scalar(query)
        db.session.remove()
    return value


def _kill_leader(schedulers: list[Scheduler], env, args, epoch, log: Path) -> int:
    """SIGKILL the process that holds the lock (the oldest still running leads)."""
    leader = next((s for s in schedulers if _leads(s, log)), None)
    if leader is None:
        return 0
    leader.stop(signal.SIGKILL)
    schedulers.remove(leader)
    schedulers.append(Scheduler(env, args, epoch, log))
    return 1


def _leads(scheduler: Scheduler, log: Path) -> bool:
    pid = scheduler.process.pid
    lines = log.read_text(errors="replace").splitlines()
    return scheduler.process.poll() is None and any(f"Leader (pid {pid})" in line
                                                    for line in lines)


def _due_unsent(app, now: datetime) -> int:
    return _read(app, select(func.count()).select_from(Delivery).where(
        Delivery.status == DeliveryStatus.PENDING, Delivery.next_attempt_at <= now))


def _drain(app, args, epoch: float) -> float:
    """Seconds after the last day's scan until nothing due is unsent (or the limit)."""
    started = time.monotonic()
    while time.monotonic() - started < args.drain_seconds:
        if _due_unsent(app, _now(args, epoch) - timedelta(minutes=10)) == 0:
            break
        time.sleep(1)
    return time.monotonic() - started


def _report(app, sink: Sink, kills: int, drained: float, now: datetime, log: Path) -> None:
    with app.app_context(), transactions_that_write(False):
        by_status = dict(db.session.execute(select(Delivery.status, func.count())
                                            .group_by(Delivery.status)).all())
        db.session.remove()
    received = sum(sink.ids.values())
    duplicates = sum(n - 1 for n in sink.ids.values() if n > 1)
    minutes = max(sink.last - sink.first, 1.0) / 60
    overlaps = log.read_text(errors="replace").count("maximum number of running instances")
    print(f"leader SIGKILLs: {kills}; scheduler overlap warnings: {overlaps}")
    print(f"deliveries: {sum(by_status.values()):,} "
          f"(sent {by_status.get(DeliveryStatus.SENT, 0):,}, "
          f"failed {by_status.get(DeliveryStatus.FAILED, 0):,})")
    print(f"e-mails received: {received:,}; duplicates (Message-ID twice): {duplicates}")
    print(f"due and unsent at the end: {_due_unsent(app, now - timedelta(minutes=10))} "
          f"(drained {drained:.0f} s after the last scan); waiting for the next digest: "
          f"{by_status.get(DeliveryStatus.PENDING, 0):,} in all pending")
    print(f"e-mails sent per minute: {received / minutes:,.0f}")


if __name__ == "__main__":
    main()
