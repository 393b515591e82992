import threading
import time as _time
from datetime import time
from itertools import pairwise

from flask_migrate import upgrade
from sqlalchemy import create_engine

from jobs.leader import FileLeaderLock, PostgresLeaderLock, leader_lock_for
from jobs.runner import run_forever
from tests.databases import fresh_database
from tests.factories import UnitFactory
from tracker import create_app
from tracker.core.clock import today_in
from tracker.extensions import db
from tracker.reminders.models import ScanRun


def test_only_one_file_lock_holder_at_a_time(tmp_path):
    first, second = FileLeaderLock(tmp_path / "s.lock"), FileLeaderLock(tmp_path / "s.lock")
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_only_one_advisory_lock_holder_at_a_time(database_url, tmp_path):
    engine = create_engine(database_url)
    try:
        first, second = leader_lock_for(engine, str(tmp_path)), leader_lock_for(
            engine, str(tmp_path))
        assert first.acquire() and first.still_held()
        assert not second.acquire()
        first.release()
        assert second.acquire()
        second.release()
    finally:
        engine.dispose()


def test_a_dead_leaders_advisory_lock_is_freed(database_url):
    engine = create_engine(database_url)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        return  # SQLite's file lock is freed by the operating system, shown above
    try:
        leader, standby = PostgresLeaderLock(engine), PostgresLeaderLock(engine)
        assert leader.acquire()
        leader.connection.invalidate()  # the connection dies as with a killed process
        assert not leader.still_held()
        assert standby.acquire()
        standby.release()
    finally:
        engine.dispose()


def test_run_forever_on_the_real_clock_scans_once_its_scan_time_has_passed(tmp_path):
    """The scheduler as `jobs run` starts it, on the machine's clock, for a few passes."""
    with fresh_database(f"sqlite:///{tmp_path / 'x.db'}", tmp_path) as url:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
        with app.app_context():
            upgrade()
            unit = UnitFactory()
            unit.settings.scan_time = time(0, 0)  # already past, whatever the hour
            db.session.commit()
            db.session.remove()
        stop = threading.Event()
        worker = threading.Thread(target=run_forever, args=(app, stop),
                                  kwargs={"tick_seconds": 0.1, "standby_poll_seconds": 0.1})
        worker.start()
        try:
            deadline = _time.monotonic() + 10
            while _time.monotonic() < deadline and not _scan_runs(app):
                _time.sleep(0.1)
        finally:
            stop.set()
            worker.join(timeout=10)
        assert not worker.is_alive()
        runs = _scan_runs(app)
        with app.app_context():
            db.engine.dispose()
    assert runs == [today_in("Asia/Ho_Chi_Minh")]


def _scan_runs(app):
    with app.app_context():
        days = list(db.session.scalars(db.select(ScanRun.day)))
        db.session.remove()
    return days


def test_a_pass_longer_than_the_tick_is_never_overlapped_nor_warned_about(
    tmp_path, monkeypatch, caplog
):
    passes: list[tuple[float, float]] = []

    def slow_pass(app, source):  # a long scan or a full queue
        started = _time.monotonic()
        _time.sleep(0.3)
        passes.append((started, _time.monotonic()))

    monkeypatch.setattr("jobs.runner._tick", slow_pass)
    with fresh_database(f"sqlite:///{tmp_path / 'x.db'}", tmp_path) as url:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
        stop = threading.Event()
        worker = threading.Thread(target=run_forever, args=(app, stop),
                                  kwargs={"tick_seconds": 0.05, "standby_poll_seconds": 0.1})
        worker.start()
        _time.sleep(1.5)
        stopped_at = _time.monotonic()  # most likely during a pass
        stop.set()
        worker.join(timeout=10)
    # Stopping waits for the pass under way, then ends: no deadlock, no pass after it.
    assert not worker.is_alive()
    assert all(started < stopped_at for started, _ in passes)
    assert len(passes) >= 3
    assert all(end <= next_start for (_, end), (next_start, _) in pairwise(passes))
    assert "maximum number of running instances" not in caplog.text
