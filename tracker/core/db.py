"""Declarative base, column types and per-connection settings shared by all models."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import Enum

from sqlalchemy import DateTime, Engine, MetaData, event
from sqlalchemy import Enum as SAEnum
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Session
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


@event.listens_for(Engine, "connect")
def _configure_sqlite_connection(dbapi_connection, _record) -> None:
    """WAL for concurrent readers, a busy timeout instead of instant 'database is locked',
    foreign keys enforced; and let SQLAlchemy emit BEGIN itself so SAVEPOINTs work."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _begin_sqlite_transaction(connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")


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
