"""A province assigns one task to its communes: each receives its copy, keeps the
province's deadline, asks the province to extend it, and is cancelled with it."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import func, select

from tests.factories import DocumentFactory, OfficialFactory, UnitFactory
from tracker.audit.models import AuditEntry
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.notifications.models import Notification, NotificationKind
from tracker.org.models import Official, UnitLevel
from tracker.tasks.assigned_down import assign_down, roll_up
from tracker.tasks.extension_requests import decide_extension, request_extension
from tracker.tasks.models import Task, TaskState
from tracker.tasks.services import cancel_task, complete_task, update_task
from tracker.tasks.status import TaskClass

DUE = date(2026, 12, 31)


@pytest.fixture(autouse=True)
def in_december():
    with time_machine.travel(datetime(2026, 12, 4, 2, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def province(db_session):
    return UnitFactory(code="tinh", name="UBND tỉnh Thử", level=UnitLevel.PROVINCE)


@pytest.fixture
def chairman(province):
    return OfficialFactory(unit=province, role=Role.CHAIRMAN, full_name="Chủ Tịch Tỉnh")


@pytest.fixture
def follower(province):
    return OfficialFactory(unit=province, full_name="Chuyên Viên Sở Nội Vụ")


@pytest.fixture
def communes(province):
    made = []
    for place in ("An Hòa", "Ba Gia", "Cà Đam"):
        commune = UnitFactory(parent=province, name=f"UBND xã {place}", place_name=place)
        OfficialFactory(unit=commune, role=Role.CHAIRMAN, full_name=f"Chủ Tịch {place}")
        made.append(commune)
    return made


def _assign(province, chairman, follower, units, **changes):
    fields = {"title": "Rà soát thủ tục hành chính năm 2026", "reform_area": "procedures",
              "due_date": DUE} | changes
    return assign_down(db.session, chairman, province, units=units, lead=follower, **fields)


def test_each_chosen_commune_receives_its_copy_and_its_chairman_is_told(
        province, chairman, follower, communes):
    task = _assign(province, chairman, follower, [communes[0].id, communes[2].id])
    copies = sorted(task.copies, key=lambda c: c.unit.place_name)
    assert [c.unit for c in copies] == [communes[0], communes[2]]
    for copy in copies:
        assert copy.parent is task and copy.due_date == DUE and copy.state is TaskState.OPEN
        assert copy.lead.role is Role.CHAIRMAN and copy.lead.unit_id == copy.unit_id
        told = db.session.scalar(select(func.count()).select_from(Notification).where(
            Notification.recipient_id == copy.lead_id, Notification.task_id == copy.id,
            Notification.kind == NotificationKind.ASSIGNED))
        assert told == 1
    assert task.lead is follower and task.unit is province
    everyone = _assign(province, chairman, follower, None)
    assert len(everyone.copies) == 3


@pytest.mark.parametrize("choose", [lambda communes: [], lambda communes: [10**9],
                                    lambda communes: [communes[0].id, 10**9]])
def test_bad_choices_write_nothing(province, chairman, follower, communes, choose):
    before = db.session.scalar(select(func.count()).select_from(Task))
    with pytest.raises(ValidationFailed) as refused:
        _assign(province, chairman, follower, choose(communes))
    assert "units" in refused.value.errors
    assert db.session.scalar(select(func.count()).select_from(Task)) == before


def test_a_commune_without_a_chairman_is_named_and_nothing_is_written(
        province, chairman, follower, communes):
    empty = UnitFactory(parent=province, name="UBND xã Chưa Có Lãnh Đạo")
    with pytest.raises(ValidationFailed) as refused:
        _assign(province, chairman, follower, [communes[0].id, empty.id])
    assert "UBND xã Chưa Có Lãnh Đạo" in str(refused.value.errors["units"][0])
    assert db.session.scalar(select(func.count()).select_from(Task)) == 0


def test_a_deadline_before_the_document_is_refused(province, chairman, follower, communes):
    plan = DocumentFactory(unit=province, issued_on=date(2026, 11, 1))
    with pytest.raises(ValidationFailed) as refused:
        _assign(province, chairman, follower, None, document=plan, due_date=date(2026, 10, 1))
    assert "due_date" in refused.value.errors
    assert db.session.scalar(select(func.count()).select_from(Task)) == 0


def test_only_the_leaders_of_the_unit_above_assign_down(province, follower, communes):
    commune_chairman = OfficialFactory(unit=communes[0], role=Role.CHAIRMAN)
    with pytest.raises(PermissionDenied):
        _assign(province, follower, follower, None)
    with pytest.raises(PermissionDenied):
        _assign(province, commune_chairman, follower, None)


def test_the_commune_assigns_a_lead_but_not_another_deadline(province, chairman, follower,
                                                             communes):
    copy = _assign(province, chairman, follower, [communes[1].id]).copies[0]
    commune_chairman = copy.lead
    officer = OfficialFactory(unit=communes[1], full_name="Công Chức Văn Phòng")
    update_task(db.session, commune_chairman, copy, version=copy.version, lead=officer)
    assert copy.lead is officer
    with pytest.raises(ValidationFailed) as refused:
        update_task(db.session, commune_chairman, copy, version=copy.version,
                    due_date=date(2027, 1, 31))
    assert "due_date" in refused.value.errors
    with pytest.raises(PermissionDenied):  # nor does the province edit the commune's copy
        update_task(db.session, chairman, copy, version=copy.version, lead=commune_chairman)


def test_the_province_decides_the_extension_a_commune_asks_for(province, chairman, follower,
                                                               communes):
    copy = _assign(province, chairman, follower, [communes[0].id]).copies[0]
    commune_chairman = copy.lead
    request = request_extension(db.session, commune_chairman, copy, reason="Chờ số liệu",
                                proposed_due_date=date(2027, 1, 15), version=copy.version)
    told = set(db.session.scalars(select(Notification.recipient_id).where(
        Notification.kind == NotificationKind.EXTENSION_REQUESTED)))
    assert told == {chairman.id}
    with pytest.raises(PermissionDenied):
        decide_extension(db.session, commune_chairman, request, approve=True,
                         version=copy.version)
    decide_extension(db.session, chairman, request, approve=True, version=copy.version)
    assert copy.due_date == date(2027, 1, 15)


def test_cancelling_cancels_the_copies_not_yet_done_and_the_roll_up_counts(
        province, chairman, follower, communes):
    task = _assign(province, chairman, follower, None)
    done, *open_copies = sorted(task.copies, key=lambda c: c.unit.place_name)
    complete_task(db.session, done.lead, done, result="Đã rà soát 12 thủ tục",
                  version=done.version)
    rolled = roll_up(db.session, task, date(2026, 12, 4))
    assert rolled.tally.done_on_time == 1 and rolled.tally.in_progress == 2
    cancel_task(db.session, chairman, task, reason="Tỉnh đổi kế hoạch", version=task.version)
    assert done.state is TaskState.DONE
    for copy in open_copies:
        assert copy.state is TaskState.CANCELLED
        assert copy.cancel_reason == "Cấp trên hủy nhiệm vụ: Tỉnh đổi kế hoạch"
        told = db.session.scalars(select(Notification.recipient_id).where(
            Notification.task_id == copy.id,
            Notification.kind == NotificationKind.CANCELLED_FROM_ABOVE)).all()
        assert told == [copy.lead_id]  # the lead is the chairman here: told once
    assert not db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.task_id == done.id,
        Notification.kind == NotificationKind.CANCELLED_FROM_ABOVE))
    rolled = roll_up(db.session, task, date(2026, 12, 4))
    assert [row.task_class for row in rolled.rows] == [
        TaskClass.DONE_ON_TIME, TaskClass.CANCELLED, TaskClass.CANCELLED]
    assert roll_up(db.session, done, date(2026, 12, 4)) is None


def test_cancelling_works_with_nothing_loaded_and_a_copy_is_cancelled_from_above_only(
        province, chairman, follower, communes):
    task = _assign(province, chairman, follower, None)
    copy_id, commune_chairman_id = task.copies[0].id, task.copies[0].lead_id
    db.session.expire_all()  # a request reads the task afresh: its copies' units unloaded
    copy = db.session.get(Task, copy_id)
    with pytest.raises(PermissionDenied):
        cancel_task(db.session, db.session.get(Official, commune_chairman_id), copy,
                    reason="Xã không làm", version=copy.version)
    task = db.session.get(Task, task.id)
    cancel_task(db.session, chairman, task, reason="Tỉnh đổi kế hoạch", version=task.version)
    assert {c.state for c in task.copies} == {TaskState.CANCELLED}


def test_a_copy_does_not_recur_and_no_deadline_is_set_past_2099(province, chairman, follower,
                                                                 communes):
    copy = _assign(province, chairman, follower, [communes[0].id]).copies[0]
    with pytest.raises(ValidationFailed) as refused:
        update_task(db.session, copy.lead, copy, version=copy.version, recurrence="monthly")
    assert "recurrence" in refused.value.errors
    with pytest.raises(ValidationFailed) as refused:
        _assign(province, chairman, follower, None, due_date=date(9999, 12, 31))
    assert "due_date" in refused.value.errors
    with pytest.raises(ValidationFailed) as refused:
        request_extension(db.session, copy.lead, copy, reason="Chờ", version=copy.version,
                          proposed_due_date=date(9999, 12, 31))
    assert "proposed_due_date" in refused.value.errors


def test_the_audit_log_records_who_leads_a_new_task(province, chairman, follower, communes):
    task = _assign(province, chairman, follower, [communes[0].id])
    entry = db.session.scalar(select(AuditEntry).where(
        AuditEntry.entity_type == "tasks", AuditEntry.entity_id == task.id,
        AuditEntry.action == "create"))
    assert entry.changes["lead_id"] == [None, follower.id]
