"""The daily clearing of stale sign-in records and import password files."""

from datetime import UTC, date, datetime, timedelta

import time_machine

from jobs.runner import run_once
from tests.factories import OfficialFactory
from tests.helpers import count_rows
from tracker.extensions import db
from tracker.org.housekeeping import KEPT_FOR, purge_stale_records
from tracker.org.models import SignInAttempts, SignInSession
from tracker.org.password_sheets import IssuedPassword, PasswordSheet, keep_password_sheet

NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


def _session(official, *, seen: datetime, ended: datetime | None = None) -> SignInSession:
    row = SignInSession(official=official, secret_hash=f"{seen.timestamp()}-{ended}".ljust(64),
                        created_at=seen, last_seen_at=seen, ended_at=ended)
    db.session.add(row)
    return row


def _attempts(login: str, at: datetime) -> None:
    db.session.add(SignInAttempts(login_key=login, address="10.0.0.1", attempts=3,
                                  last_attempt_at=at))


def test_only_what_is_older_than_the_kept_time_goes(db_session):
    official = OfficialFactory()
    old, recent = NOW - KEPT_FOR - timedelta(minutes=1), NOW - KEPT_FOR + timedelta(minutes=1)
    live = _session(official, seen=recent)
    ended_lately = _session(official, seen=old, ended=recent)
    _session(official, seen=old, ended=old)
    _session(official, seen=old)  # idle long past any limit, never signed out
    _attempts("#1", old)
    _attempts("#2", recent)
    db.session.flush()

    purged = purge_stale_records(db.session, NOW)

    assert (purged.sessions, purged.attempts) == (2, 1)
    assert set(db.session.query(SignInSession).all()) == {live, ended_lately}
    assert [row.login_key for row in db.session.query(SignInAttempts)] == ["#2"]


def test_the_daily_pass_clears_expired_password_files(app, db_session):
    admin = OfficialFactory()
    with time_machine.travel("2026-12-01 09:00 +07:00", tick=False):
        keep_password_sheet(db.session, admin, admin.unit, [IssuedPassword("A", "a", "b")])
        db.session.commit()
    with time_machine.travel("2026-12-02 08:00 +07:00", tick=False):  # the first still kept
        kept = keep_password_sheet(db.session, admin, admin.unit, [IssuedPassword("B", "b", "c")])
        db.session.commit()
        report = run_once(app, date(2026, 12, 2))
    assert report.scanned
    assert [sheet.id for sheet in db.session.query(PasswordSheet)] == [kept.id]
    assert count_rows(PasswordSheet) == 1
