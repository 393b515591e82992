"""The scan is set-based: its statements do not grow with the notifications it writes."""

from datetime import date

import pytest
from sqlalchemy import func, select, update

from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import queries_during
from tracker.extensions import db
from tracker.notifications.models import Delivery, Notification, NotificationKind
from tracker.reminders.scan import scan_unit
from tracker.tasks.models import Task

DUE = date(2023, 3, 31)  # a Friday
FIRST_OVERDUE_DAY = date(2023, 4, 3)  # the Monday after: each task flagged overdue


def _unit_with_overdue_tasks(count: int):
    """`count` overdue tasks, each with a lead and a coordinator who take e-mail."""
    unit = UnitFactory()
    lead = OfficialFactory(unit=unit, email=f"chutri@{unit.code}.example")
    coordinator = OfficialFactory(unit=unit, email=f"phoihop@{unit.code}.example")
    document = DocumentFactory(unit=unit)
    TaskFactory.create_batch(count, unit=unit, lead=lead, coordinators=[coordinator],
                             document=document, due_date=DUE)
    return unit


def _scan_statements(count: int) -> tuple[int, int, int]:
    """(statements, notifications, deliveries) of the first overdue day's scan."""
    unit = _unit_with_overdue_tasks(count)
    outcomes = []
    statements = queries_during(lambda: outcomes.append(
        scan_unit(db.session, unit, FIRST_OVERDUE_DAY)))
    notifications = db.session.scalar(
        select(func.count()).where(Notification.unit_id == unit.id))
    deliveries = db.session.scalar(
        select(func.count()).select_from(Delivery).join(Notification)
        .where(Notification.unit_id == unit.id))
    assert outcomes[0].written == {NotificationKind.OVERDUE: notifications}
    assert outcomes[0].flagged_overdue == count
    return statements, notifications, deliveries


@pytest.mark.usefixtures("db_session")
def test_a_scan_writes_its_notifications_in_as_many_statements_for_10_tasks_as_for_200():
    small, large = _scan_statements(10), _scan_statements(200)
    assert small[1:] == (20, 20) and large[1:] == (400, 400)
    assert small[0] == large[0]


@pytest.mark.usefixtures("db_session")
def test_a_scan_after_losing_its_bookkeeping_writes_and_counts_nothing_twice():
    unit = _unit_with_overdue_tasks(3)
    first = scan_unit(db.session, unit, FIRST_OVERDUE_DAY)
    # As if the scan had crashed after writing its notifications, before its bookkeeping.
    db.session.execute(update(Task).where(Task.unit_id == unit.id)
                       .values(next_scan_on=None, overdue_flagged_on=None))
    again = scan_unit(db.session, unit, FIRST_OVERDUE_DAY)
    assert first.written == {NotificationKind.OVERDUE: 6}
    assert again.written == {}
    assert db.session.scalar(select(func.count()).where(Notification.unit_id == unit.id)) == 6
