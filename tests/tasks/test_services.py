from datetime import date

import pytest

from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import audit_actions, count_rows
from tracker.audit.models import AuditEntry
from tracker.core.actor import SYSTEM
from tracker.core.errors import Conflict, PermissionDenied, ValidationFailed
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.tasks.models import ProgressUpdate, Task, TaskState
from tracker.tasks.services import (
    add_note,
    cancel_task,
    complete_task,
    create_task,
    record_progress,
    update_task,
)

TODAY = date(2023, 3, 20)


pytestmark = pytest.mark.usefixtures("on_20_march_2023")


@pytest.fixture
def unit(db_session):
    return UnitFactory()


@pytest.fixture
def people(unit):
    return {
        role: OfficialFactory(unit=unit, role=role)
        for role in (Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.OFFICER, Role.VIEWER, Role.ADMIN)
    }


@pytest.fixture
def task(unit, people):
    return TaskFactory(unit=unit, lead=people[Role.OFFICER], due_date=date(2023, 3, 31))


def _new_task(actor, unit, lead, **extra):
    fields = {"title": "Rà soát thủ tục hành chính", "reform_area": "procedures", "lead": lead}
    return create_task(db.session, actor, unit, **(fields | extra))


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.VICE_CHAIRMAN])
def test_chairman_and_vice_chairman_assign_tasks_in_their_unit(unit, people, role):
    task = _new_task(people[role], unit, people[Role.OFFICER])
    assert task.state is TaskState.OPEN
    assert task.assigned_by_id == people[role].id
    assert audit_actions(task) == ["create"]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.VIEWER, Role.ADMIN])
def test_other_roles_cannot_assign_tasks(unit, people, role):
    with pytest.raises(PermissionDenied):
        _new_task(people[role], unit, people[Role.OFFICER])
    assert count_rows(Task) == 0


def test_chairman_cannot_assign_in_another_unit(unit, people):
    other = UnitFactory()
    with pytest.raises(PermissionDenied):
        _new_task(people[Role.CHAIRMAN], other, OfficialFactory(unit=other))


def test_lead_from_another_unit_is_refused_with_a_message(unit, people):
    outsider = OfficialFactory(unit=UnitFactory(), full_name="Lê Văn Ngoài")
    with pytest.raises(ValidationFailed) as refused:
        _new_task(people[Role.CHAIRMAN], unit, outsider)
    assert "Lê Văn Ngoài không thuộc đơn vị" in str(refused.value.errors["lead"][0])


def test_empty_title_and_unknown_area_are_refused_together(unit, people):
    with pytest.raises(ValidationFailed) as refused:
        _new_task(people[Role.CHAIRMAN], unit, people[Role.OFFICER], title="   ",
                  reform_area="nope")
    assert set(refused.value.errors) == {"title", "reform_area"}
    assert count_rows(Task) == 0 and count_rows(AuditEntry) == 0


def test_due_date_before_the_document_issue_date_is_refused(unit, people):
    document = DocumentFactory(unit=unit, issued_on=date(2023, 2, 1))
    with pytest.raises(ValidationFailed) as refused:
        _new_task(people[Role.CHAIRMAN], unit, people[Role.OFFICER], document=document,
                  due_date=date(2023, 1, 31))
    assert "trước ngày ban hành" in str(refused.value.errors["due_date"][0])


def test_lead_cannot_also_coordinate(unit, people):
    lead = people[Role.OFFICER]
    with pytest.raises(ValidationFailed) as refused:
        _new_task(people[Role.CHAIRMAN], unit, lead, coordinators=[lead])
    assert "coordinators" in refused.value.errors


def test_officer_records_progress_on_a_task_they_lead(task, people):
    update = record_progress(db.session, people[Role.OFFICER], task, percent=50,
                             note="Đã rà soát 10/20 thủ tục", version=task.version)
    assert task.progress_percent == 50 and update.percent == 50
    assert audit_actions(task) == ["progress"]


def test_officer_cannot_change_a_task_led_by_another(task, unit):
    other_officer = OfficialFactory(unit=unit, role=Role.OFFICER)
    with pytest.raises(PermissionDenied):
        record_progress(db.session, other_officer, task, percent=50, note="",
                        version=task.version)
    with pytest.raises(PermissionDenied):
        complete_task(db.session, other_officer, task, result="Xong",
                      completed_on=TODAY, version=task.version)
    assert task.progress_percent == 0 and count_rows(ProgressUpdate) == 0


def test_viewer_reads_but_cannot_change_anything(task, people):
    viewer = people[Role.VIEWER]
    with pytest.raises(PermissionDenied):
        add_note(db.session, viewer, task, note="Góp ý")
    with pytest.raises(PermissionDenied):
        cancel_task(db.session, viewer, task, reason="x", version=task.version)


def test_coordinator_adds_notes_but_cannot_complete(task, unit):
    coordinator = OfficialFactory(unit=unit, role=Role.OFFICER)
    task.coordinators.append(coordinator)
    note = add_note(db.session, coordinator, task, note="Đã gửi số liệu phối hợp")
    assert note.percent is None
    with pytest.raises(PermissionDenied):
        complete_task(db.session, coordinator, task, result="Xong", completed_on=TODAY,
                      version=task.version)


def test_complete_sets_result_date_and_full_progress(task, people):
    complete_task(db.session, people[Role.OFFICER], task,
                  result="Đã niêm yết công khai 138 thủ tục", completed_on=TODAY,
                  version=task.version)
    assert (task.state, task.progress_percent, task.completed_on) == (
        TaskState.DONE, 100, TODAY)
    assert audit_actions(task) == ["complete"]


def test_completion_date_in_the_future_is_refused(task, people):
    with pytest.raises(ValidationFailed) as refused:
        complete_task(db.session, people[Role.OFFICER], task, result="Xong",
                      completed_on=date(2023, 3, 21), version=task.version)
    assert "completed_on" in refused.value.errors
    assert task.state is TaskState.OPEN


def test_completing_with_an_old_version_is_a_conflict(task, people):
    seen = task.version
    record_progress(db.session, people[Role.OFFICER], task, percent=30, note="",
                    version=seen)
    with pytest.raises(Conflict) as conflict:
        complete_task(db.session, people[Role.OFFICER], task, result="Xong",
                      completed_on=TODAY, version=seen)
    assert conflict.value.current["progress_percent"] == 30
    assert task.state is TaskState.OPEN


def test_chairman_reassigns_and_the_audit_log_keeps_before_and_after(task, people, unit):
    new_lead = OfficialFactory(unit=unit, role=Role.OFFICER)
    old_lead_id = task.lead_id
    update_task(db.session, people[Role.CHAIRMAN], task, version=task.version,
                lead=new_lead)
    entry = db.session.query(AuditEntry).filter_by(entity_id=task.id).one()
    assert entry.changes == {"lead_id": [old_lead_id, new_lead.id]}
    assert entry.actor_id == people[Role.CHAIRMAN].id


def test_cancel_needs_a_reason_and_keeps_the_task(task, people):
    with pytest.raises(ValidationFailed):
        cancel_task(db.session, people[Role.CHAIRMAN], task, reason=" ",
                    version=task.version)
    cancel_task(db.session, people[Role.CHAIRMAN], task,
                reason="Cấp trên đã thay thế kế hoạch", version=task.version)
    assert task.state is TaskState.CANCELLED and task.cancelled_on == TODAY
    assert count_rows(Task) == 1


def test_closed_task_takes_no_more_progress(task, people):
    complete_task(db.session, SYSTEM, task, result="Xong", completed_on=TODAY,
                  version=task.version)
    with pytest.raises(ValidationFailed):
        record_progress(db.session, people[Role.OFFICER], task, percent=10, note="",
                        version=task.version)
