"""What the audit trail keeps of everyday work, and that nobody can rewrite it."""

import io
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tracker.audit.models import AuditEntry
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.tasks.evidence import attach_evidence
from tracker.tasks.services import add_note, record_progress

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64

pytestmark = pytest.mark.usefixtures("on_20_march_2023")


@pytest.fixture
def task(db_session):
    unit = UnitFactory()
    lead = OfficialFactory(unit=unit, role=Role.OFFICER)
    helper = OfficialFactory(unit=unit, role=Role.OFFICER)
    return TaskFactory(unit=unit, lead=lead, coordinators=[helper], due_date=date(2023, 3, 31))


def _entries_on(update) -> list[AuditEntry]:
    return db.session.query(AuditEntry).filter_by(
        entity_type="progress_updates", entity_id=update.id).order_by(AuditEntry.id).all()


def test_a_progress_note_is_in_the_audit_log_with_its_author(task):
    update = record_progress(db.session, task.lead, task, percent=40,
                             note="Đã rà soát 12 hồ sơ.", version=task.version)
    [entry] = _entries_on(update)
    assert (entry.action, entry.actor_id, entry.unit_id) == ("create", task.lead.id, task.unit_id)
    assert entry.changes["note"] == [None, "Đã rà soát 12 hồ sơ."]
    assert entry.changes["percent"] == [None, 40]


def test_a_coordinators_note_is_in_the_audit_log(task):
    coordinator = task.coordinators[0]
    update = add_note(db.session, coordinator, task, note="Đã gửi số liệu cho chủ trì.")
    [entry] = _entries_on(update)
    assert entry.actor_id == coordinator.id
    assert entry.changes["note"] == [None, "Đã gửi số liệu cho chủ trì."]


def test_an_evidence_file_is_in_the_audit_log_with_its_name_and_size(task, tmp_path):
    update = add_note(db.session, task.lead, task, note="Biên bản họp.")
    attach_evidence(db.session, task.lead, update, filename="bien-ban.png",
                    stream=io.BytesIO(PNG), folder=tmp_path)
    entries = _entries_on(update)
    assert [e.action for e in entries] == ["create", "attach_evidence"]
    assert entries[1].changes == {"evidence": [None, "bien-ban.png"], "size": [None, len(PNG)]}


@pytest.mark.parametrize("statement", [
    "UPDATE audit_entries SET action = 'forged'",
    "DELETE FROM audit_entries",
])
def test_the_database_refuses_to_change_or_remove_an_audit_entry(task, statement):
    add_note(db.session, task.lead, task, note="Ghi chú.")
    db.session.flush()
    with pytest.raises(DBAPIError, match="append-only"), db.session.begin_nested():
        db.session.execute(text(statement))
    assert db.session.query(AuditEntry).filter(AuditEntry.action == "forged").count() == 0
