"""Running the jobs: once for a day, or for ever as leader or standby."""

import logging
import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED
from flask import Flask

from jobs.leader import leader_lock_for
from jobs.work import (
    PassReport,
    deliver_pending,
    scan_all_units,
    scan_units_due,
    tidy_up_after_scans,
)
from tracker.core.clock import moment_source, now_utc, system_now
from tracker.extensions import db

log = logging.getLogger("jobs")
# A replayed day is run as of late that day: after any unit's scan time.
REPLAY_HOUR = clock_time(23, 0)


def run_once(app: Flask, day: date | None = None) -> PassReport:
    """Every job once: each unit's scan for `day` (default: its today), then delivery."""
    source = system_now
    if day is not None:
        moment = datetime.combine(day, REPLAY_HOUR, ZoneInfo(app.config["TIMEZONE"]))
        source = lambda: moment  # noqa: E731
    with app.app_context(), moment_source(source):
        report = PassReport()
        now = now_utc()
        scan_all_units(db.session, now, report)
        tidy_up_after_scans(db.session, now, report)
        deliver_pending(db.session, now, app.config, report)
        return report


def accelerated_source(start: datetime, seconds_per_day: float, epoch: float) -> Callable:
    """Simulated time: `start` at real time `epoch`, one day every `seconds_per_day`.

    Before `epoch` the clock stands at `start`, so processes given an epoch a little
    ahead all begin on the same simulated day however slowly each one starts.
    """
    return lambda: start + timedelta(days=max(time.time() - epoch, 0) / seconds_per_day)


def run_forever(
    app: Flask,
    stop: threading.Event,
    *,
    source: Callable[[], datetime] = system_now,
    tick_seconds: float,
    standby_poll_seconds: float,
) -> None:
    """Wait as standby until the leader lock is free, then lead until stopped or the
    lock is lost (and then stand by again)."""
    with app.app_context():
        lock = leader_lock_for(db.engine, app.instance_path)
    while not stop.is_set():
        if not lock.acquire():
            log.info("Standby (pid %s): another scheduler leads", os.getpid())
            stop.wait(standby_poll_seconds)
            continue
        log.info("Leader (pid %s)", os.getpid())
        try:
            _lead(app, stop, lock, source, tick_seconds)
        finally:
            lock.release()


def _lead(app, stop, lock, source, tick_seconds) -> None:
    scheduler = BackgroundScheduler(timezone=app.config["TIMEZONE"])
    in_pass = threading.Lock()
    # No trust in the trigger: each pass works out from the database what is due.
    # Each pass books the next one when it ends, so a long pass (a big scan, a full
    # queue) never overlaps the next tick, and a late one still runs.
    scheduler.add_job(_chained_tick, "date", run_date=datetime.now(UTC),
                      args=[scheduler, in_pass, app, source, tick_seconds],
                      misfire_grace_time=None)
    scheduler.start()
    try:
        while not stop.wait(min(tick_seconds, 5)):
            if not lock.still_held():
                log.warning("Leader lock lost: standing by")
                break
    finally:
        # Not shutdown(wait=True): it holds the job store's lock while waiting for the
        # pass under way, which needs that lock to book the next one (a deadlock). Wait
        # for that pass here instead, before the leader lock is given up.
        scheduler.shutdown(wait=False)
        with in_pass:
            pass


def _chained_tick(scheduler: BackgroundScheduler, in_pass: threading.Lock, app: Flask,
                  source: Callable[[], datetime], tick_seconds: float) -> None:
    with in_pass:
        if scheduler.state == STATE_STOPPED:
            return  # the leader stopped before this pass began: it must not run
        started = time.monotonic()
        try:
            _tick(app, source)
        finally:
            # Booked in `finally`, so a pass that failed still books the next. Ticks
            # start `tick_seconds` apart; a pass longer than that is followed at once.
            wait = max(0.0, tick_seconds - (time.monotonic() - started))
            # After shutdown the job is only kept as pending, never run. No misfire
            # grace limit: a pass booked late is run late, never dropped.
            scheduler.add_job(_chained_tick, "date",
                              run_date=datetime.now(UTC) + timedelta(seconds=wait),
                              args=[scheduler, in_pass, app, source, tick_seconds],
                              misfire_grace_time=None)


def _tick(app: Flask, source: Callable[[], datetime]) -> None:
    with app.app_context(), moment_source(source):
        report = PassReport()
        try:
            now = now_utc()
            scan_units_due(db.session, now, report)
            tidy_up_after_scans(db.session, now, report)
            deliver_pending(db.session, now, app.config, report)
        except Exception:
            db.session.rollback()
            log.exception("Scheduler pass failed; the next pass tries again")
        finally:
            # A fresh session each pass: nothing loaded lingers, stale, into the next.
            db.session.remove()
        if report.scanned or report.sent or report.failed:
            # Values, not reprs: "overdue: 3", not "<NotificationKind.OVERDUE: 'overdue'>: 3".
            scanned = ", ".join(f"{code} {day.isoformat()}" for code, day in report.scanned)
            written = {kind.value: count for kind, count in report.outcome.written.items()}
            log.info("Pass: scanned [%s], written %s, sent %d, failed %d", scanned, written,
                     report.sent, report.failed)
