"""Declarative base, column types and per-connection settings shared by all models."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from enum import Enum

from flask import has_request_context, request
from sqlalchemy import Connection, DateTime, Engine, Executable, MetaData, event, text
from sqlalchemy import Enum as SAEnum
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session
from sqlalchemy.types import TypeDecorator

from tracker.core.errors import ValidationFailed

# Named constraints let Alembic's batch mode alter SQLite tables in later revisions.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """A moment, stored as naive UTC and always returned timezone-aware.

    SQLite keeps no offset; without this, the same column would come back naive
    on SQLite and aware on PostgreSQL.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def enum_column(enum_class: type[Enum], length: int = 20) -> SAEnum:
    """Store an enum by its value in a plain string column (portable, readable in SQL)."""
    return SAEnum(
        enum_class,
        native_enum=False,
        length=length,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


BUSY_TIMEOUT_MS = 10_000
# How long a write made in passing may wait for the lock before it is dropped.
IN_PASSING_TIMEOUT_MS = 200

# Whether the transactions begun in this context will write. SQLite in WAL mode lets readers
# run beside one writer, but a transaction begun with a plain (deferred) BEGIN takes the
# write lock only at its first write, and if another connection committed after its first
# read that upgrade fails at once with "database is locked": its snapshot is stale, so the
# busy timeout does not apply. BEGIN IMMEDIATE takes the write lock up front and waits for
# it under the busy timeout. Every transaction is presumed to write (the scheduler, the
# CLI, POST/PUT/PATCH/DELETE requests) but those of GET/HEAD/OPTIONS requests, which write
# nothing but a write made in passing (`write_in_passing`), so pages and the API keep
# reading concurrently; a block can declare otherwise (`transactions_that_write`).
# Measured with 40 writers behind gunicorn with 4 workers and the scheduler
# (tests/bench/writes.py, 10 s): deferred BEGIN, 214 of 333 writes answered 500;
# BEGIN IMMEDIATE, 0 of 620, and twice the requests served.
_writes_declared: ContextVar[bool | None] = ContextVar("writes_declared", default=None)
# Set on a SQLite connection while its transaction holds the write lock (began IMMEDIATE).
HOLDS_WRITE_LOCK = "holds_write_lock"
# RFC 9110's safe methods: a request with one of them changes nothing.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@contextmanager
def transactions_that_write(writes: bool) -> Iterator[None]:
    """Begin the block's SQLite transactions IMMEDIATE (`writes`) or deferred (reads only)."""
    token = _writes_declared.set(writes)
    try:
        yield
    finally:
        _writes_declared.reset(token)


def _writes_expected() -> bool:
    declared = _writes_declared.get()
    if declared is not None:
        return declared
    return not (has_request_context() and request.method in READING_METHODS)


@event.listens_for(Engine, "connect")
def _configure_sqlite_connection(dbapi_connection, _record) -> None:
    """WAL for concurrent readers, a busy timeout instead of instant 'database is locked',
    foreign keys enforced; and let SQLAlchemy emit BEGIN itself so SAVEPOINTs work."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # pysqlite's own handling (a deferred BEGIN slipped in before the first write) would
    # override ours: in autocommit mode every BEGIN is `_begin_sqlite_transaction`'s.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _begin_sqlite_transaction(connection) -> None:
    if connection.dialect.name == "sqlite":
        immediate = _writes_expected()
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
        # Read by write_in_passing: a second connection would wait for this one's lock.
        connection.info[HOLDS_WRITE_LOCK] = immediate


def write_in_passing(session: Session, statement: Executable) -> bool:
    """Run one small write a read makes in passing (a token's last use) in its own short
    transaction; False, and nothing written, when the database is busy.

    Such a write must never fail nor hold up the request that makes it: it waits at most
    IN_PASSING_TIMEOUT_MS for the lock and commits at once, on a connection of its own,
    instead of turning the request's read into a write. Where the session's transaction
    already holds SQLite's one write lock (a POST's), a connection of its own would wait
    for it in vain: the write joins that transaction, in a savepoint. So does a session
    bound to a connection (an outer transaction its owner controls, as in the tests).
    """
    bind = session.get_bind()
    if isinstance(bind, Connection):
        return _write_in_savepoint(bind, statement)
    if _holds_write_lock(session):
        return _write_in_session_savepoint(session, statement)
    # IMMEDIATE even inside a GET: the lock is waited for (briefly) at BEGIN, never
    # refused at once because the snapshot went stale between the read and the write.
    with bind.connect() as connection, transactions_that_write(True):
        sqlite_connection = connection.connection.driver_connection
        if connection.dialect.name == "sqlite":
            sqlite_connection.execute(f"PRAGMA busy_timeout={IN_PASSING_TIMEOUT_MS}")
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    # LOCAL: the timeout ends with this transaction, not with the pooled
                    # connection's next user.
                    connection.execute(
                        text(f"SET LOCAL lock_timeout = '{IN_PASSING_TIMEOUT_MS}ms'"))
                connection.execute(statement)
        except OperationalError:
            return False
        finally:
            # A PRAGMA outlives the transaction: restore it before the pool hands the
            # connection to a request that must wait its full time.
            if connection.dialect.name == "sqlite":
                sqlite_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return True


def _holds_write_lock(session: Session | scoped_session) -> bool:
    """Whether the session's transaction has begun, IMMEDIATE (without beginning one)."""
    actual = session() if isinstance(session, scoped_session) else session
    # in_transaction() first: connection() alone would begin a transaction to answer.
    return actual.in_transaction() and bool(actual.connection().info.get(HOLDS_WRITE_LOCK))


def _write_in_session_savepoint(session: Session, statement: Executable) -> bool:
    try:
        with session.begin_nested():
            session.execute(statement)
    except OperationalError:
        return False
    return True


def _write_in_savepoint(connection: Connection, statement: Executable) -> bool:
    try:
        with connection.begin_nested():
            connection.execute(statement)
    except OperationalError:
        return False
    return True


# What a 503 asks the client to wait before trying again.
RETRY_AFTER_SECONDS = 30

# SQLite's errors that mean "busy or out of reach", not a bug ("no such table" is an
# OperationalError too, and stays a 500).
_SQLITE_UNAVAILABLE = ("database is locked", "database table is locked",
                       "unable to open database file", "disk i/o error",
                       "database or disk is full")


def is_database_unavailable(error: BaseException) -> bool:
    """Whether `error` says the database is busy or cannot be reached (answer 503 and
    retry later), rather than that our SQL is wrong."""
    if not isinstance(error, OperationalError):
        return False
    if error.connection_invalidated or not isinstance(error.orig, sqlite3.Error):
        return True  # PostgreSQL: connection lost, lock or statement timeout, server gone
    return any(part in str(error.orig).lower() for part in _SQLITE_UNAVAILABLE)


def insert_ignoring_duplicates(session: Session, model):
    """The dialect's INSERT for `model`, which knows `.on_conflict_do_nothing()`.

    A unique key with ON CONFLICT DO NOTHING is the one guarantee against writing a
    row twice that holds on SQLite and PostgreSQL alike.
    """
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


@contextmanager
def refusing_duplicates(session: Session, *, field: str, message) -> Iterator[None]:
    """Make the block's changes in a savepoint and flush them there.

    A unique key broken by a concurrent write (which passed the same checks a moment
    before) becomes the same clear refusal instead of a 500; the savepoint's rollback
    drops what the block added or changed, and the session stays usable.
    """
    try:
        with session.begin_nested():
            yield
            session.flush()
    except IntegrityError:
        raise ValidationFailed.on(field, message) from None
