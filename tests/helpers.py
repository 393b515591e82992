"""Small helpers shared by tests of several domains."""

from sqlalchemy import event, func, select

from tracker.audit.models import AuditEntry
from tracker.extensions import db
from tracker.tasks.models import Task
from tracker.tasks.status import TaskClass, task_class_sql


def count_rows(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def audit_actions(entity) -> list[str]:
    """The audit log's actions on one object, oldest first."""
    query = (
        select(AuditEntry.action)
        .where(AuditEntry.entity_type == entity.__tablename__, AuditEntry.entity_id == entity.id)
        .order_by(AuditEntry.id)
    )
    return list(db.session.scalars(query))


def settings_form(**changes) -> dict:
    """The unit settings form as the page sends it with the defaults, some changed."""
    return {"scan_time": "07:00", "reminder_offsets": "5, 2, 0", "overdue_repeat_days": "5",
            "escalation_days": "3", "cutoff_reminder_days": "3", "report_due_day": "15",
            "report_reminder_days": "2", "due_soon_days": "3", "session_idle_hours": "8",
            "office_department": "0",
            "webhook_url": "", "vice_chairmen_sign_reports": "y"} | changes


def statements_during(action) -> list[str]:
    """The SQL statements `action()` sends, in order (an executemany batch counts once; the
    test fixture's savepoints included)."""
    statements: list[str] = []

    def record(_connection, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return statements


def queries_during(action) -> int:
    """How many SQL statements `action()` makes."""
    return len(statements_during(action))


def queries_for(client, url: str) -> int:
    """How many SQL statements one page makes."""

    def get() -> None:
        assert client.get(url).status_code == 200

    return queries_during(get)


def count_by_class(session, unit, day) -> dict:
    """The unit's tasks recounted by class on `day` in one GROUP BY (every class present):
    the reference the dashboard's and the demo's figures are held to."""
    task_class = task_class_sql(day)
    rows = session.execute(
        select(task_class, func.count()).where(Task.unit_id == unit.id).group_by(task_class))
    counts = dict.fromkeys(TaskClass, 0)
    counts.update({TaskClass(name): count for name, count in rows})
    return counts
