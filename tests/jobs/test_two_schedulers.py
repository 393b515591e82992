"""Two `flask jobs run` processes over 30 simulated days: one leads, the other stands
by; the leader is killed with SIGKILL and the standby takes over. Every reminder is
written and e-mailed exactly once, and the result matches a day-by-day replay."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from flask_migrate import upgrade

from jobs.runner import run_once
from tests.databases import fresh_database
from tests.jobs.scenario import build_commune, load_commune, notification_keys, readable
from tests.jobs.test_delivery import Inbox, _free_port
from tracker import create_app
from tracker.extensions import db
from tracker.notifications.models import Delivery, DeliveryStatus
from tracker.reminders.models import ScanRun

PROJECT = Path(__file__).resolve().parents[2]
FIRST_DAY, LAST_DAY, KILL_AFTER = date(2023, 1, 30), date(2023, 2, 28), date(2023, 2, 10)
# A simulated day must outlast a pass even on a loaded machine (CI runs the SQLite and
# PostgreSQL suites side by side): a pass that overruns its day makes the next one skip a
# day, which a day-by-day replay does not.
SECONDS_PER_DAY = 3
STARTUP_SECONDS = 8


class Scheduler:
    """A `flask jobs run` process whose log lines we follow."""

    def __init__(self, env: dict, epoch: float) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "tracker", "jobs", "run",
             "--simulate-from", f"{FIRST_DAY.isoformat()}T00:00",
             "--seconds-per-day", str(SECONDS_PER_DAY), "--simulate-epoch", str(epoch),
             "--tick-seconds", "0.1", "--standby-poll-seconds", "0.2"],
            cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        threading.Thread(target=self._follow, daemon=True).start()

    def _follow(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def leads(self) -> bool:
        return any("Leader (pid" in line for line in self.lines)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


def _seeded_app(url: str):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
    with app.app_context():
        upgrade()
        build_commune(email_domain="xa.example.vn")
        db.session.commit()
        db.session.remove()
    return app


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _scanned(app, day: date) -> bool:
    with app.app_context():
        found = db.session.scalar(db.select(ScanRun).where(ScanRun.day == day)) is not None
        db.session.remove()
        return found


@pytest.fixture
def smtp():
    port = _free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def _replayed_keys(database_url, tmp_path) -> set[tuple]:
    """What a day-by-day replay of the same days writes (the reference)."""
    with fresh_database(database_url, tmp_path / "reference") as url:
        app = _seeded_app(url)
        day = FIRST_DAY
        while day <= LAST_DAY:
            run_once(app, day)
            day += timedelta(days=1)
        return _written(app)


def _written(app) -> set[tuple]:
    with app.app_context():
        keys = readable(notification_keys(), load_commune())
        db.session.remove()
        db.engine.dispose()
    return keys


def test_two_schedulers_send_each_reminder_once_across_a_leader_crash(
    database_url, tmp_path, smtp
):
    port, inbox = smtp
    (tmp_path / "reference").mkdir()
    expected = _replayed_keys(database_url, tmp_path)
    with fresh_database(database_url, tmp_path) as url:
        app = _seeded_app(url)
        env = os.environ | {"DATABASE_URL": url, "SECRET_KEY": "x", "MAIL_SERVER": "127.0.0.1",
                            "MAIL_PORT": str(port), "MAIL_SECURITY": "none"}
        # Both start on the same simulated clock, which stands still until every process
        # has had time to start even on a loaded machine (a late one would skip days).
        epoch = time.time() + STARTUP_SECONDS
        schedulers = [Scheduler(env, epoch), Scheduler(env, epoch)]
        try:
            _wait_for(lambda: any(s.leads for s in schedulers), 30, "a leader")
            _wait_for(lambda: _scanned(app, KILL_AFTER), 90, f"the scan of {KILL_AFTER}")
            # Kill it in the afternoon, between passes: a kill between the SMTP server's
            # acceptance and the row marked sent would repeat that one e-mail by design.
            time.sleep(SECONDS_PER_DAY / 2)
            leader = next(s for s in schedulers if s.leads)
            standby = next(s for s in schedulers if s is not leader)
            leader.process.send_signal(signal.SIGKILL)
            leader.process.wait(timeout=10)
            _wait_for(lambda: standby.leads, 10, "the standby to take over")
            _wait_for(lambda: _scanned(app, LAST_DAY), 150, f"the scan of {LAST_DAY}")
            _wait_for(lambda: _all_sent(app), 30, "every delivery to be sent")
        finally:
            for scheduler in schedulers:
                scheduler.stop()
        with app.app_context():
            message_keys = set(db.session.scalars(db.select(Delivery.message_key)))
            db.session.remove()
        written = _written(app)
    logs = "".join(line for s in schedulers for line in s.lines)
    assert written == expected, logs
    message_ids = [m["Message-ID"] for m in inbox.messages]
    assert len(message_ids) == len(set(message_ids)) == len(message_keys), logs


def _all_sent(app) -> bool:
    with app.app_context():
        waiting = db.session.scalar(
            db.select(db.func.count()).select_from(Delivery)
            .where(Delivery.status != DeliveryStatus.SENT))
        db.session.remove()
        return waiting == 0
