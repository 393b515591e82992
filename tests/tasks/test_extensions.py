from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import audit_actions
from tracker.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.notifications.models import Notification, NotificationKind
from tracker.notifications.render import describe
from tracker.tasks.extension_requests import decide_extension, get_extension, request_extension
from tracker.tasks.models import ExtensionRequest, ExtensionState
from tracker.tasks.status import TaskClass, classify


@pytest.fixture
def task(db_session, on_20_march_2023):
    unit = UnitFactory()
    chairman = OfficialFactory(unit=unit, role=Role.CHAIRMAN, full_name="Nguyễn Văn Hùng")
    lead = OfficialFactory(unit=unit, full_name="Võ Thị Kim Oanh")
    return TaskFactory(unit=unit, lead=lead, assigned_by=chairman, due_date=date(2023, 3, 31),
                       overdue_flagged_on=None)


def _ask(task, **changes):
    values = {"proposed_due_date": date(2023, 4, 28), "reason": "Chờ số liệu của huyện.",
              "version": task.version} | changes
    return request_extension(db.session, task.lead, task, **values)


def _told(kind: NotificationKind) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.kind == kind)))


def test_the_lead_asks_and_whoever_assigned_it_is_told(task):
    request = _ask(task)
    assert (request.state, request.due_date_before) == (ExtensionState.PENDING, date(2023, 3, 31))
    told = _told(NotificationKind.EXTENSION_REQUESTED)
    assert [n.recipient_id for n in told] == [task.assigned_by_id]
    assert "Võ Thị Kim Oanh đề nghị gia hạn từ 31/03/2023 đến 28/04/2023" in describe(told[0]).text
    assert audit_actions(request) == ["create"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"reason": " "}, "reason"),
    ({"proposed_due_date": date(2023, 3, 31)}, "proposed_due_date"),
    ({"proposed_due_date": None}, "proposed_due_date"),
])
def test_a_request_the_rules_refuse(task, changes, field):
    with pytest.raises(ValidationFailed) as refused:
        _ask(task, **changes)
    assert field in refused.value.errors


def test_one_request_waits_at_a_time_and_an_ongoing_task_has_nothing_to_extend(task):
    _ask(task)
    with pytest.raises(ValidationFailed):
        _ask(task)
    ongoing = TaskFactory(unit=task.unit, lead=task.lead, due_date=None)
    with pytest.raises(ValidationFailed):
        _ask(ongoing)


def test_the_database_itself_keeps_one_pending_request_per_task(task, db_session):
    for _ in range(2):
        db_session.add(ExtensionRequest(task_id=task.id, requested_by_id=task.lead_id,
                                        due_date_before=task.due_date,
                                        proposed_due_date=date(2023, 4, 28), reason="x"))
    with pytest.raises(IntegrityError):
        db_session.flush()
    db_session.rollback()


def test_only_the_lead_asks_and_only_the_leaders_decide(task):
    stranger = OfficialFactory(unit=task.unit)
    with pytest.raises(PermissionDenied):
        request_extension(db.session, stranger, task, proposed_due_date=date(2023, 4, 28),
                          reason="x", version=task.version)
    request = _ask(task)
    with pytest.raises(PermissionDenied):
        decide_extension(db.session, task.lead, request, approve=True,
                         version=task.version)


def test_approval_moves_the_due_date_and_the_figures_follow_it(task):
    task.overdue_flagged_on = date(2023, 4, 3)
    request = _ask(task)
    decide_extension(db.session, task.assigned_by, request, approve=True,
                     granted_due_date=date(2023, 4, 21), version=task.version)
    assert (task.due_date, task.overdue_flagged_on, task.next_scan_on) == (
        date(2023, 4, 21), None, None)
    assert classify(task, date(2023, 4, 10)) is TaskClass.IN_PROGRESS
    assert request.state is ExtensionState.APPROVED and request.due_date_before == date(2023, 3, 31)
    assert audit_actions(task)[-1] == "extend" and audit_actions(request)[-1] == "decide"
    told = _told(NotificationKind.EXTENSION_DECIDED)
    assert [n.recipient_id for n in told] == [task.lead_id]
    assert describe(told[0]).text == "Thời hạn mới: 21/04/2023."


def test_a_rejection_needs_a_reason_and_leaves_the_due_date(task):
    request = _ask(task)
    with pytest.raises(ValidationFailed) as refused:
        decide_extension(db.session, task.assigned_by, request, approve=False,
                         version=task.version)
    assert "note" in refused.value.errors
    decide_extension(db.session, task.assigned_by, request, approve=False,
                     note="Cần hoàn thành để kịp báo cáo quý.", version=task.version)
    assert (request.state, task.due_date) == (ExtensionState.REJECTED, date(2023, 3, 31))
    with pytest.raises(ValidationFailed):
        decide_extension(db.session, task.assigned_by, request, approve=True,
                         version=task.version)


def test_a_request_is_found_only_under_its_own_task(task):
    request = _ask(task)
    other = TaskFactory(unit=task.unit, lead=task.lead)
    assert get_extension(db.session, task.lead, task.id, request.id) is request
    with pytest.raises(NotFound):
        get_extension(db.session, task.lead, other.id, request.id)


def test_a_stale_version_is_a_conflict(task):
    with pytest.raises(Conflict):
        _ask(task, version=task.version - 1)
