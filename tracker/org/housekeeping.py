"""What the scheduler clears once a day so the sign-in tables stay the size of the
people using the service, not of its history."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlalchemy.orm import Session

from tracker.org.models import SignInAttempts, SignInSession
from tracker.org.password_sheets import purge_expired

# Far beyond any lock window or idle limit, and long enough for an admin to look back
# at who signed in from where after an incident.
KEPT_FOR = timedelta(days=30)


@dataclass(frozen=True)
class Purged:
    sessions: int
    attempts: int


def purge_stale_records(session: Session, now: datetime) -> Purged:
    """Delete import password files past their 24 hours, sign-in sessions ended or idle
    for `KEPT_FOR`, and sign-in counters untouched for as long; flushes only."""
    purge_expired(session)
    cutoff = now - KEPT_FOR
    sessions = session.execute(delete(SignInSession).where(
        func.coalesce(SignInSession.ended_at, SignInSession.last_seen_at) < cutoff))
    attempts = session.execute(delete(SignInAttempts).where(
        SignInAttempts.last_attempt_at < cutoff))
    return Purged(sessions=sessions.rowcount, attempts=attempts.rowcount)
