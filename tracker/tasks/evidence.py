"""Evidence files on progress updates: checked and kept like documents' files, given
only to those who may see the task."""

from pathlib import Path
from typing import BinaryIO

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from tracker.audit.services import record_event
from tracker.core.actor import Actor
from tracker.core.errors import NotFound, PermissionDenied
from tracker.core.files import StoredFile, accept_upload, store, stored_file
from tracker.tasks.models import ProgressUpdate
from tracker.tasks.policy import can_add_note
from tracker.tasks.services import get_task


def attach_evidence(
    session: Session, actor: Actor, update: ProgressUpdate, *, filename: str,
    stream: BinaryIO, folder: Path,
) -> None:
    """Attach a file to a progress update or note the actor has just written.

    :raise PermissionDenied: unless the actor wrote it and still works on the task.
    :raise ValidationFailed: as `core.files.accept_upload`, on the field "evidence".
    """
    if update.author_id != actor.id or not can_add_note(actor, update.task):
        raise PermissionDenied(_l("Chỉ người ghi cập nhật được đính kèm minh chứng."))
    accepted = accept_upload(stream, filename, field="evidence")
    update.evidence_path = store(stream, folder)
    update.evidence_name, update.evidence_type = accepted.name, accepted.kind.mime
    update.evidence_size = accepted.size
    record_event(session, actor, update, "attach_evidence",
                 {"evidence": [None, accepted.name], "size": [None, accepted.size]},
                 unit_id=update.task.unit_id)


def evidence_file(
    session: Session, actor: Actor, task_id: int, update_id: int, folder: Path
) -> StoredFile:
    """:raise NotFound: no such task for the actor, or no file on that update."""
    task = get_task(session, actor, task_id)
    update = session.get(ProgressUpdate, update_id)
    stored = None
    if update is not None and update.task_id == task.id:
        stored = stored_file(folder, update.evidence_path, update.evidence_name,
                             update.evidence_type)
    if stored is None:
        raise NotFound(_l("Không tìm thấy tệp minh chứng."))
    return stored
