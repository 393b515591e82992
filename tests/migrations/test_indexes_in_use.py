"""The queries the indexes were made for read them: asked of each database's planner
with the very statement the code sends."""

from datetime import date

import pytest
from sqlalchemy import event

from tests.factories import OfficialFactory, UnitFactory
from tracker.extensions import db
from tracker.notifications.models import Notification, NotificationKind
from tracker.notifications.services import list_notifications
from tracker.tasks.recurrence import assign_due_occurrences


def _plan_of_statement_during(action, starting: str) -> str:
    """The planner's plan of the first statement `action()` sends that starts with
    `starting`, with its parameters. On PostgreSQL with plain index scans only: for the
    few rows of a test the planner prefers reading the table, or a bitmap sorted after."""
    sent = []

    def record(_connection, _cursor, statement, parameters, *_args) -> None:
        sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    statement, parameters = next((s, p) for s, p in sent if s.startswith(starting))
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return "\n".join(row[-1] for row in rows)
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    connection.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
    rows = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
    return "\n".join(row[0] for row in rows)


@pytest.mark.usefixtures("db_session")
def test_the_scan_looks_for_series_to_continue_in_the_recurring_tasks_index():
    unit = UnitFactory()
    plan = _plan_of_statement_during(
        lambda: assign_due_occurrences(db.session, unit, date(2026, 3, 2)), "SELECT tasks.id")
    assert "ix_tasks_unit_recurring" in plan


@pytest.mark.usefixtures("db_session")
def test_a_recipients_newest_notifications_are_read_in_the_index_order_without_a_sort():
    official = OfficialFactory(unit=UnitFactory())
    db.session.add_all(Notification(key=f"k{n}", unit_id=official.unit_id, recipient=official,
                                    kind=NotificationKind.ASSIGNED) for n in range(3))
    db.session.flush()
    plan = _plan_of_statement_during(
        lambda: list_notifications(db.session, official, page=1), "SELECT notifications.id")
    assert "ix_notifications_recipient_id" in plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan
