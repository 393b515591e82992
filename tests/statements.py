"""The SQL a piece of code sends, for tests that hold a rule on its statements."""

from sqlalchemy import event

from tracker.extensions import db


def statements_during(action) -> list[str]:
    """The statements `action()` sends, in order (executemany batches one each)."""
    statements: list[str] = []

    def record(_connection, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return statements
