"""Alembic environment: migrates the database of the Flask application in context."""

import logging
from logging.config import fileConfig

import sqlalchemy as sa
from alembic import context
from flask import current_app

from tracker.core.db import UTCDateTime

config = context.config
if config.config_file_name and not logging.getLogger().handlers:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

db = current_app.extensions["migrate"].db


def render_item(kind, obj, autogen_context):
    """Write column types as the database sees them: a UTC moment is a DATETIME and an
    enum stored by value is a VARCHAR, so adding an enum member needs no revision."""
    if kind != "type":
        return False
    if isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    if isinstance(obj, sa.Enum) and not obj.native_enum:
        return f"sa.String(length={obj.length})"
    return False


OPTIONS = {
    "render_item": render_item,
    "target_metadata": db.metadata,
    # SQLite alters tables by copying them; batch mode does that for us.
    "render_as_batch": True,
    "compare_type": True,
}


def run_offline() -> None:
    url = db.engine.url.render_as_string(hide_password=False)
    context.configure(url=url, literal_binds=True, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            _run_on_sqlite(connection)
            return
        context.configure(connection=connection, **OPTIONS)
        with context.begin_transaction():
            context.run_migrations()


def _run_on_sqlite(connection: sa.Connection) -> None:
    """Every revision of the run in one transaction, with foreign keys checked at its end.

    Batch mode rebuilds a table by copying it, dropping the old one and renaming the
    copy; with foreign keys enforced, dropping a table that other rows refer to fails
    half-way through a downgrade. SQLite's own recipe: switch enforcement off (which
    only takes effect outside a transaction), migrate, and refuse to commit if any
    reference is left broken. SQLite's DDL is transactional, so a failed run leaves
    the database as it was.
    """
    sqlite_connection = connection.connection.driver_connection
    sqlite_connection.execute("PRAGMA foreign_keys=OFF")
    try:
        context.configure(connection=connection, transactional_ddl=True, **OPTIONS)
        with context.begin_transaction():
            context.run_migrations()
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise RuntimeError(f"Migration left {len(broken)} broken references, the "
                                   f"first in table {broken[0][0]}: nothing was changed.")
    finally:
        sqlite_connection.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_offline()
else:
    run_online()
