"""Sign-in sessions kept on the server, so that signing out, a password change or an
idle browser really ends them: a signed cookie alone cannot be taken back.

The cookie carries a random secret; the table keeps its SHA-256 (32 random bytes need
no slow hash, and the lookup is one indexed read).
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from tracker.audit.services import record_event
from tracker.core.actor import Actor
from tracker.core.clock import now_utc
from tracker.core.db import write_in_passing
from tracker.core.errors import PermissionDenied
from tracker.org.models import ApiToken, Official, SignInSession
from tracker.org.policy import can_manage_officials

# Writing last_seen_at on every request would turn each page view into a write.
SEEN_RECORDED_EVERY = timedelta(minutes=1)
_USER_AGENT_LENGTH = 200
_ADDRESS_LENGTH = 45


def start_session(
    session: Session, official: Official, *, user_agent: str, address: str
) -> str:
    """A new session for `official`; its secret goes in the cookie and is not kept."""
    secret = secrets.token_urlsafe(32)
    session.add(SignInSession(
        official_id=official.id, secret_hash=_hash(secret),
        user_agent=(user_agent or "")[:_USER_AGENT_LENGTH],
        address=(address or "")[:_ADDRESS_LENGTH],
    ))
    session.flush()
    official.session_secret = secret
    return secret


def load_signed_in(
    session: Session, secret: str | None, *, absolute_lifetime: timedelta
) -> Official | None:
    """The active official signed in with `secret`, unless that session was ended, sat
    idle longer than the unit's `session_idle_hours`, or began more than
    `absolute_lifetime` ago. Notes the visit at most once a minute, in passing: a page
    view is never turned into a write that could wait or fail.
    """
    row = session.scalar(
        select(SignInSession).where(SignInSession.secret_hash == _hash(secret or ""))
    )
    now = now_utc()
    if row is None or not _is_live(row, now, absolute_lifetime) or not row.official.active:
        return None
    if now - row.last_seen_at >= SEEN_RECORDED_EVERY:
        write_in_passing(session, update(SignInSession).where(SignInSession.id == row.id)
                         .values(last_seen_at=now))
        set_committed_value(row, "last_seen_at", now)  # written apart, not by this session
    row.official.session_secret = secret
    return row.official


def end_session(session: Session, official: Official) -> None:
    """Sign out the browser this request came from (the official's current session)."""
    session.execute(
        update(SignInSession)
        .where(SignInSession.secret_hash == _hash(official.session_secret or ""),
               SignInSession.ended_at.is_(None))
        .values(ended_at=now_utc())
    )
    record_event(session, official, official, "sign_out", unit_id=official.unit_id)


def end_all_sessions(session: Session, actor: Actor, official: Official) -> None:
    """Sign an official out on every device and revoke their API tokens (a lost phone,
    a colleague who saw the password).

    :raise PermissionDenied: unless the actor is the official or manages the unit.
    """
    _require_self_or_manager(actor, official)
    revoke_credentials(session, official)
    record_event(session, actor, official, "sign_out_everywhere", unit_id=official.unit_id)


def revoke_credentials(session: Session, official: Official, *, keep_current: bool = False) -> None:
    """End the official's sessions (all but the current one with `keep_current`) and
    revoke their API tokens. Callers check permissions and record why."""
    now = now_utc()
    sessions = update(SignInSession).where(
        SignInSession.official_id == official.id, SignInSession.ended_at.is_(None))
    if keep_current:
        sessions = sessions.where(
            SignInSession.secret_hash != _hash(official.session_secret or ""))
    session.execute(sessions.values(ended_at=now))
    session.execute(
        update(ApiToken)
        .where(ApiToken.official_id == official.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def list_sessions(
    session: Session, actor: Actor, official: Official, *, absolute_lifetime: timedelta
) -> list[SignInSession]:
    """The official's live sessions, the most recently seen first.

    :raise PermissionDenied: unless the actor is the official or manages the unit.
    """
    _require_self_or_manager(actor, official)
    query = (
        select(SignInSession)
        .where(SignInSession.official_id == official.id, SignInSession.ended_at.is_(None))
        .order_by(SignInSession.last_seen_at.desc(), SignInSession.id.desc())
    )
    now = now_utc()
    return [row for row in session.scalars(query) if _is_live(row, now, absolute_lifetime)]


def is_current(row: SignInSession, official: Official) -> bool:
    """Whether `row` is the session of the request `official` was loaded in."""
    return row.secret_hash == _hash(official.session_secret or "")


def _is_live(row: SignInSession, now: datetime, absolute_lifetime: timedelta) -> bool:
    idle_limit = timedelta(hours=row.official.unit.settings.session_idle_hours)
    return (row.ended_at is None and now - row.last_seen_at < idle_limit
            and now - row.created_at < absolute_lifetime)


def _require_self_or_manager(actor: Actor, official: Official) -> None:
    if not (actor.id == official.id or can_manage_officials(actor, official.unit)):
        raise PermissionDenied(_l("Chỉ chính cán bộ hoặc quản trị của đơn vị được làm việc này."))


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
