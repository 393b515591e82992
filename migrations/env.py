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
        context.configure(connection=connection, **OPTIONS)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
