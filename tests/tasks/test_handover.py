from datetime import date

import pytest
from sqlalchemy import select

from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import audit_actions, count_rows
from tracker.audit.models import AuditEntry
from tracker.core.actor import SYSTEM
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.notifications.models import Notification, NotificationKind
from tracker.tasks.handover import WorkRole, hand_over_work, open_work
from tracker.tasks.models import TaskState
from tracker.tasks.services import update_task

pytestmark = pytest.mark.usefixtures("on_20_march_2023")


@pytest.fixture
def unit(db_session):
    return UnitFactory()


@pytest.fixture
def admin(unit):
    return OfficialFactory(unit=unit, role=Role.ADMIN)


@pytest.fixture
def leaving(unit):
    return OfficialFactory(unit=unit, full_name="Trần Văn Nghỉ")


@pytest.fixture
def receiver(unit):
    return OfficialFactory(unit=unit, full_name="Lê Thị Nhận")


@pytest.fixture
def other(unit):
    return OfficialFactory(unit=unit)


def _audit_changes(task) -> list[dict]:
    return list(db.session.scalars(select(AuditEntry.changes).where(
        AuditEntry.entity_type == "tasks", AuditEntry.entity_id == task.id)))


def _assigned_to(official) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(
        Notification.recipient_id == official.id, Notification.kind == NotificationKind.ASSIGNED)))


def test_every_open_task_moves_and_nothing_else(unit, admin, leaving, receiver, other):
    led = TaskFactory(unit=unit, lead=leaving)
    coordinated = TaskFactory(unit=unit, lead=other, coordinators=[leaving])
    followed = TaskFactory(unit=unit, lead=other, followers=[leaving])
    done = TaskFactory(unit=unit, lead=leaving, state=TaskState.DONE,
                       completed_on=date(2023, 3, 1), result="Xong")
    cancelled = TaskFactory(unit=unit, lead=leaving, followers=[leaving],
                            state=TaskState.CANCELLED, cancelled_on=date(2023, 3, 2),
                            cancel_reason="Dừng")
    untouched = TaskFactory(unit=unit, lead=other)

    handover = hand_over_work(db.session, admin, leaving, receiver)

    assert handover.applied and handover.counts == {
        WorkRole.LEAD: 1, WorkRole.COORDINATOR: 1, WorkRole.FOLLOWER: 1}
    assert led.lead is receiver
    assert coordinated.coordinators == [receiver]
    assert followed.followers == [receiver]
    assert done.lead is leaving and cancelled.lead is leaving
    assert audit_actions(done) == [] and audit_actions(untouched) == []
    assert open_work(db.session, admin, leaving).task_count == 0


def test_each_task_is_audited_and_announced_like_a_single_reassignment(
        unit, admin, leaving, receiver, other):
    led = TaskFactory(unit=unit, lead=leaving)
    coordinated = TaskFactory(unit=unit, lead=other, coordinators=[leaving])

    hand_over_work(db.session, admin, leaving, receiver)

    assert _audit_changes(led) == [{"lead_id": [leaving.id, receiver.id]}]
    assert _audit_changes(coordinated) == [{"coordinator_ids": [[leaving.id], [receiver.id]]}]
    entry = db.session.scalars(select(AuditEntry).where(
        AuditEntry.entity_type == "tasks", AuditEntry.entity_id == led.id)).one()
    assert entry.actor_id == admin.id
    roles = sorted(n.payload["role"] for n in _assigned_to(receiver))
    assert roles == ["coordinator", "lead"]
    assert audit_actions(leaving) == ["hand_over_work"]


def test_a_receiver_already_on_a_task_is_not_added_twice(unit, admin, leaving, receiver, other):
    both_coordinate = TaskFactory(unit=unit, lead=other, coordinators=[leaving, receiver])
    both_follow = TaskFactory(unit=unit, lead=other, followers=[receiver, leaving])
    receiver_coordinates = TaskFactory(unit=unit, lead=other, coordinators=[receiver],
                                       followers=[leaving])

    hand_over_work(db.session, admin, leaving, receiver)

    assert both_coordinate.coordinators == [receiver]
    assert both_follow.followers == [receiver]
    assert receiver_coordinates.followers == []
    assert receiver_coordinates.coordinators == [receiver]


def test_where_the_receiver_leads_the_departing_official_just_leaves_the_coordinators(
        unit, admin, leaving, receiver, other):
    task = TaskFactory(unit=unit, lead=receiver, coordinators=[leaving, other])

    hand_over_work(db.session, admin, leaving, receiver)

    assert task.lead is receiver and task.coordinators == [other]


def test_a_receiver_who_becomes_lead_leaves_the_coordinators(unit, admin, leaving, receiver):
    task = TaskFactory(unit=unit, lead=leaving, coordinators=[receiver])

    hand_over_work(db.session, admin, leaving, receiver)

    assert task.lead is receiver and task.coordinators == []


def test_dry_run_counts_and_writes_nothing(unit, admin, leaving, receiver):
    task = TaskFactory(unit=unit, lead=leaving)
    version = task.version

    handover = hand_over_work(db.session, admin, leaving, receiver, dry_run=True)

    assert handover.counts[WorkRole.LEAD] == 1 and not handover.applied
    assert task.lead is leaving and task.version == version
    assert count_rows(AuditEntry) == 0


def test_a_task_changed_since_the_preview_still_moves_and_counts_are_true(
        unit, admin, leaving, receiver, other):
    task = TaskFactory(unit=unit, lead=leaving)
    preview = open_work(db.session, admin, leaving)
    chairman = OfficialFactory(unit=unit, role=Role.CHAIRMAN)
    update_task(db.session, chairman, task, version=task.version, coordinators=[other])
    TaskFactory(unit=unit, lead=other, followers=[leaving])  # new since the preview

    handover = hand_over_work(db.session, admin, leaving, receiver)

    assert preview.task_count == 1 and handover.task_count == 2
    assert task.lead is receiver and task.coordinators == [other]


def test_the_chairman_may_hand_over_work_too(unit, leaving, receiver):
    chairman = OfficialFactory(unit=unit, role=Role.CHAIRMAN)
    task = TaskFactory(unit=unit, lead=leaving)

    hand_over_work(db.session, chairman, leaving, receiver)

    assert task.lead is receiver


@pytest.mark.parametrize("role", [Role.VICE_CHAIRMAN, Role.OFFICER, Role.VIEWER])
def test_other_roles_may_not_hand_over_work(unit, leaving, receiver, role):
    TaskFactory(unit=unit, lead=leaving)
    with pytest.raises(PermissionDenied):
        hand_over_work(db.session, OfficialFactory(unit=unit, role=role), leaving, receiver)
    with pytest.raises(PermissionDenied):
        open_work(db.session, OfficialFactory(unit=unit, role=role), leaving)


def test_the_admin_of_another_unit_may_not_hand_over_work(leaving, receiver):
    with pytest.raises(PermissionDenied):
        hand_over_work(db.session, OfficialFactory(role=Role.ADMIN), leaving, receiver)


@pytest.mark.parametrize("make_receiver", [
    lambda unit, leaving: OfficialFactory(unit=unit, active=False),
    lambda unit, leaving: OfficialFactory(),
    lambda unit, leaving: leaving,
    lambda unit, leaving: OfficialFactory(unit=unit, role=Role.VIEWER),
], ids=["inactive", "another-unit", "same-person", "read-only"])
def test_a_receiver_who_cannot_take_the_work_is_refused_and_nothing_moves(
        unit, admin, leaving, make_receiver):
    task = TaskFactory(unit=unit, lead=leaving)
    with pytest.raises(ValidationFailed) as refused:
        hand_over_work(db.session, admin, leaving, make_receiver(unit, leaving))
    assert "to" in refused.value.errors
    assert task.lead is leaving and count_rows(AuditEntry) == 0


def test_one_task_the_services_refuse_moves_none(unit, admin, leaving, receiver):
    gone = OfficialFactory(unit=unit, active=False)
    fine = TaskFactory(unit=unit, lead=leaving)
    TaskFactory(unit=unit, lead=leaving, title="Việc có người đã nghỉ", coordinators=[gone])

    with pytest.raises(ValidationFailed) as refused:
        hand_over_work(db.session, admin, leaving, receiver)

    assert "Việc có người đã nghỉ" in str(refused.value.errors["tasks"][0])
    db.session.expire_all()
    assert fine.lead == leaving and count_rows(AuditEntry) == 0


def test_the_system_hands_over_work_from_the_command_line(unit, leaving, receiver):
    task = TaskFactory(unit=unit, lead=leaving)
    hand_over_work(db.session, SYSTEM, leaving, receiver)
    assert task.lead is receiver
