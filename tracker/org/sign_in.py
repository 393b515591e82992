"""Checking a password at sign-in, throttled so that guessing cannot outrun the limit.

Every attempt is counted before its password is checked, in one statement per counter
(an upsert that adds one and returns the new count), so N concurrent guesses check at
most `max_failures` passwords whatever the number of workers. The counters are keyed
per login and client address: a stranger who knows a username can lock only their own
address out. A per-login ceiling over all addresses stops guessing from many addresses;
each address adds at most `max_failures` to it per window, so one client cannot reach it.
An unknown login is counted and locked exactly like a real one, and every refusal takes
one password hash, so neither the answer nor its timing tells whether an account exists.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.audit.services import record_event
from tracker.core.actor import SYSTEM
from tracker.core.clock import now_utc
from tracker.core.errors import SignInRefused, TooManyAttempts, ValidationFailed
from tracker.core.text import clean
from tracker.org.models import Official, SignInAttempts
from tracker.org.services import find_by_login, set_password

# Checked against when there is no password to check, so every refusal takes as long.
_DUMMY_HASH = generate_password_hash("not-a-real-password")
_ANY_ADDRESS = "*"
_REFUSED = _l("Tên đăng nhập hoặc mật khẩu không đúng.")


@dataclass(frozen=True)
class Throttle:
    """How many sign-in failures are tolerated within `window`."""

    max_failures: int  # per login and client address
    account_max_failures: int  # per login, all addresses together
    window: timedelta


def authenticate(
    session: Session, login: str, password: str, *, address: str, throttle: Throttle,
    commit_count: Callable[[], None] | None = None,
) -> Official:
    """The active official whose username or e-mail is `login` and whose password matches.

    `commit_count` is called once the attempt is counted, before the password is checked:
    the web commits there, so the hash (slow on purpose) is never checked inside a write
    transaction, which would hold SQLite's one write lock or the counter's row lock.
    The caller commits again even when this raises, so the audit entries stay.

    :raise SignInRefused: unknown login, wrong password or inactive account (one message).
    :raise TooManyAttempts: too many recent attempts at this login (known or not).
    """
    official = find_by_login(session, login)
    key = account_key(official) if official else clean(login).lower()[:254]
    own = _count_attempt(session, key, address, throttle.window)
    overall = (_count_attempt(session, key, _ANY_ADDRESS, throttle.window).count
               if own.count <= throttle.max_failures else 0)
    # Read before the commit below, which would expire it and reload it in a new transaction.
    known = official is not None and official.active
    password_hash = official.password_hash if known else _DUMMY_HASH
    if commit_count is not None:
        commit_count()
    if own.count > throttle.max_failures or overall > throttle.account_max_failures:
        check_password_hash(_DUMMY_HASH, password or "")
        if own.count == throttle.max_failures + 1 or overall == throttle.account_max_failures + 1:
            _audit(session, official, own.row_id, "sign_in_locked", address)
        raise TooManyAttempts(_l(
            "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút.",
            minutes=int(throttle.window.total_seconds() // 60)))
    if not (check_password_hash(password_hash, password or "") and known):
        _audit(session, official, own.row_id, "sign_in_failed", address)
        raise SignInRefused(_REFUSED)
    _forget_attempt(session, key, address)
    _audit(session, official, own.row_id, "sign_in", address)
    return official


def change_own_password(
    session: Session, official: Official, *, current: str, new: str, address: str,
    throttle: Throttle, commit_count: Callable[[], None] | None = None,
) -> None:
    """An official changes their own password, proving the current one first; every
    other session ends and every API token is revoked, this session stays.

    A wrong current password counts as a failed sign-in (the caller commits even when
    this raises): the form cannot be used to guess around the lock.

    :raise ValidationFailed: on "current_password" when it is wrong; a new one too short.
    :raise TooManyAttempts: too many recent failures.
    """
    try:
        authenticate(session, official.username, current, address=address, throttle=throttle,
                     commit_count=commit_count)
    except SignInRefused:
        raise ValidationFailed.on(
            "current_password", _l("Mật khẩu hiện tại không đúng.")) from None
    set_password(session, official, official, new, keep_current_session=True)


def account_key(official: Official) -> str:
    """The attempts' key of a known account: its username and e-mail count together."""
    return f"#{official.id}"


def forget_all_attempts(session: Session, official: Official) -> int:
    """Every address may try again at once (the admin unlocks the account); how many
    counters held failures (a right password leaves the ceiling's row at 0)."""
    rows = SignInAttempts.login_key == account_key(official)
    counting = session.scalar(select(func.count()).where(rows, SignInAttempts.attempts > 0))
    session.execute(delete(SignInAttempts).where(rows))
    return counting or 0


def recent_failures(session: Session, official: Official, window: timedelta) -> int:
    """The failed sign-ins at the account from all addresses within `window`."""
    row = session.scalar(select(SignInAttempts).where(
        SignInAttempts.login_key == account_key(official),
        SignInAttempts.address == _ANY_ADDRESS))
    fresh = row is not None and now_utc() - row.last_attempt_at < window
    return row.attempts if fresh else 0


@dataclass(frozen=True)
class _Counted:
    row_id: int
    count: int


def _count_attempt(session: Session, key: str, address: str, window: timedelta) -> _Counted:
    """One more attempt at `key` from `address`; a count older than `window` restarts."""
    now = now_utc()
    table = SignInAttempts.__table__
    fresh = table.c.last_attempt_at > now - window
    statement = (
        _dialect_insert(session)(table)
        .values(login_key=key, address=address, attempts=1, last_attempt_at=now)
        .on_conflict_do_update(
            index_elements=[table.c.login_key, table.c.address],
            set_={"attempts": case((fresh, table.c.attempts + 1), else_=1),
                  "last_attempt_at": now},
        )
        .returning(table.c.id, table.c.attempts)
    )
    row_id, count = session.execute(statement).one()
    return _Counted(row_id, count)


def _forget_attempt(session: Session, key: str, address: str) -> None:
    """A right password: this address starts afresh, and its attempt leaves the ceiling."""
    session.execute(delete(SignInAttempts).where(
        SignInAttempts.login_key == key, SignInAttempts.address == address))
    session.execute(
        update(SignInAttempts)
        .where(SignInAttempts.login_key == key, SignInAttempts.address == _ANY_ADDRESS,
               SignInAttempts.attempts > 0)
        .values(attempts=SignInAttempts.attempts - 1)
    )


def _audit(session: Session, official: Official | None, row_id: int, action: str,
           address: str) -> None:
    changes = {"address": [None, address]}
    if official is not None:
        actor = official if action == "sign_in" else SYSTEM
        record_event(session, actor, official, action, changes, unit_id=official.unit_id)
    else:  # no account to file it under: the attempts row stands for the login typed
        record_event(session, SYSTEM, session.get(SignInAttempts, row_id), action, changes,
                     unit_id=None)


def _dialect_insert(session: Session):
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL alike)."""
    name = session.get_bind().dialect.name
    return postgresql.insert if name == "postgresql" else sqlite.insert

