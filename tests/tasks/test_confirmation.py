from datetime import date

import pytest
from sqlalchemy import select

from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import audit_actions
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.notifications.models import Notification, NotificationKind
from tracker.notifications.render import describe
from tracker.tasks.confirmation import confirm_completion, return_completion
from tracker.tasks.models import TaskState
from tracker.tasks.services import complete_task
from tracker.tasks.status import TaskClass, classify


@pytest.fixture
def task(db_session, on_20_march_2023):
    unit = UnitFactory()
    unit.settings.confirm_completions = True
    chairman = OfficialFactory(unit=unit, role=Role.CHAIRMAN)
    lead = OfficialFactory(unit=unit, full_name="Võ Thị Kim Oanh")
    return TaskFactory(unit=unit, lead=lead, assigned_by=chairman, due_date=date(2023, 3, 17))


def _complete(task, actor=None):
    return complete_task(db.session, actor or task.lead, task, result="Đã rà soát 138 thủ tục.",
                         completed_on=date(2023, 3, 16), version=task.version)


def _told(kind):
    return list(db.session.scalars(select(Notification).where(Notification.kind == kind)))


def test_a_completion_waits_and_counts_on_the_leads_date(task):
    _complete(task)
    assert task.state is TaskState.DONE and task.awaiting_confirmation
    assert classify(task, date(2023, 3, 20)) is TaskClass.DONE_ON_TIME
    [notice] = _told(NotificationKind.COMPLETION_TO_CONFIRM)
    assert notice.recipient_id == task.assigned_by_id
    assert "Võ Thị Kim Oanh báo hoàn thành ngày 16/03/2023" in describe(notice).text
    confirm_completion(db.session, task.assigned_by, task, version=task.version)
    assert not task.awaiting_confirmation and audit_actions(task)[-1] == "confirm"


def test_a_returned_task_is_open_again_with_the_reason_and_can_be_completed_again(task):
    _complete(task)
    with pytest.raises(ValidationFailed):
        return_completion(db.session, task.assigned_by, task, reason=" ", version=task.version)
    return_completion(db.session, task.assigned_by, task, reason="Thiếu biên bản.",
                      version=task.version)
    assert (task.state, task.completed_on, task.awaiting_confirmation) == (
        TaskState.OPEN, None, False)
    assert "Thiếu biên bản." in task.progress_updates[-1].note
    assert [n.recipient_id for n in _told(NotificationKind.COMPLETION_RETURNED)] == [task.lead_id]
    _complete(task)
    assert len(_told(NotificationKind.COMPLETION_TO_CONFIRM)) == 2  # told again, second round


def test_only_leaders_confirm_and_only_what_waits(task):
    with pytest.raises(ValidationFailed):
        confirm_completion(db.session, task.assigned_by, task, version=task.version)
    _complete(task)
    with pytest.raises(PermissionDenied):
        confirm_completion(db.session, task.lead, task, version=task.version)


def test_the_chairmans_own_completion_and_units_without_the_setting_need_no_confirmation(task):
    _complete(task, actor=task.assigned_by)
    assert not task.awaiting_confirmation
    other = TaskFactory(unit=UnitFactory())
    _complete(other)
    assert not other.awaiting_confirmation and _told(NotificationKind.COMPLETION_TO_CONFIRM) == []
