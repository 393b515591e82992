"""A document's attached file (the scanned plan or decision): PDF, DOCX or an image up to
20 MB, checked by its bytes, kept under a random name outside the web root and given
only to those who may see the document."""

from pathlib import Path
from typing import BinaryIO

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from tracker.audit.services import record_updated, snapshot
from tracker.core.actor import Actor
from tracker.core.errors import NotFound
from tracker.core.files import StoredFile, accept_upload, store, stored_file
from tracker.documents.models import Document
from tracker.documents.services import get_document, require_editor


def attach_file(
    session: Session, actor: Actor, document: Document, *, filename: str, stream: BinaryIO,
    folder: Path,
) -> Path | None:
    """Attach (or replace) the document's file. Returns the replaced file's path, for the
    caller to remove once the change is committed.

    :raise PermissionDenied: unless the actor leads the unit.
    :raise ValidationFailed: as `core.files.accept_upload`, on the field "attachment": an
        empty file, one over 20 MB, one that is not really a PDF, a Word document (DOCX)
        or a PNG/JPEG image whatever its name says, or a DOCX with macros or that unzips
        too large.
    """
    require_editor(actor, document.unit)
    accepted = accept_upload(stream, filename, field="attachment")
    replaced = folder / document.attachment_path if document.attachment_path else None
    before = snapshot(document)
    document.attachment_path = store(stream, folder)
    document.attachment_name = accepted.name
    document.attachment_type, document.attachment_size = accepted.kind.mime, accepted.size
    session.flush()
    record_updated(session, actor, document, before, unit_id=document.unit_id, action="attach")
    return replaced


def attached_file(session: Session, actor: Actor, document_id: int, folder: Path) -> StoredFile:
    """:raise NotFound: no such document for the actor, or it has no file."""
    document = get_document(session, actor, document_id)
    stored = stored_file(folder, document.attachment_path, document.attachment_name,
                         document.attachment_type)
    if stored is None:
        raise NotFound(_l("Văn bản chưa có tệp đính kèm."))
    return stored
