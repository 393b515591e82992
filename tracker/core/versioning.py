"""Optimistic versions: a change applies to the object as its author read it, or is
refused as a Conflict.

Tasks and reports carry a version column (SQLAlchemy's `version_id_col`); a form or a
body sends back the version it was read at. Two checks, because two writers can race:
the version sent is compared before anything changes, and the UPDATE itself matches the
version read, so a write committed between our read and our flush is caught too.
"""

from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from tracker.core.errors import Conflict


class Versioned(Protocol):
    version: int


def check_version(
    entity: Versioned, version: int, message: Any,
    *, current: Callable[[], dict[str, Any]] | None = None,
) -> None:
    """:raise Conflict: `entity` changed since `version` was read; `current` gives the
    values it holds now, for the writer to compare with theirs."""
    if version != entity.version:
        raise Conflict(message, current=current() if current else None)


def flush_versioned(session: Session, message: Any) -> None:
    """Flush, turning a concurrent write caught by the version column into a Conflict."""
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(message) from None
