"""The one folded text a task is searched by (`core.search.searchable_parts`): its title,
description, document's reference and lead's name, then apart its document's title — a
plan's long title otherwise lends a word to every search of its tasks ("dat dai" found
"Đài truyền thanh" under a plan "… đạt chuẩn …"). Session events keep it in step with
every write of a task, a document or an official, whichever service, import or job made
it; `refresh_search_text` recomputes it over a set of tasks."""

from sqlalchemy import bindparam, event, inspect, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from tracker.core.search import searchable_parts
from tracker.core.text import fold
from tracker.documents.models import Document
from tracker.org.models import Official
from tracker.tasks.models import Task

_BATCH = 2000
# A task's own attributes its text is made of (the relationships may be set instead of ids).
_TASK_FIELDS = ("title", "description", "document_id", "document", "lead_id", "lead")


def compose(title: str, description: str | None, document: tuple[str, str] | None,
            lead_name_key: str) -> str:
    """The search text of a task with these parts (the document's reference and title keys)."""
    reference, document_title = document or ("", "")
    return searchable_parts(
        " ".join([fold(title), fold(description), reference, lead_name_key]), document_title)


def refresh_search_text(connection: Connection, where: ColumnElement[bool] | None = None
                        ) -> int:
    """Recompute the text of the tasks `where` selects (every task: None), in batches by
    id; how many tasks were rewritten."""
    rows = (select(Task.id, Task.title, Task.description, Document.reference_key,
                   Document.title_key, Official.name_key)
            .join(Official, Official.id == Task.lead_id)
            .outerjoin(Document, Document.id == Task.document_id)
            .order_by(Task.id).limit(_BATCH))
    if where is not None:
        rows = rows.where(where)
    table = Task.__table__
    rewrite = (update(table).where(table.c.id == bindparam("task_id"))
               .values(search_text=bindparam("text")))
    count, last = 0, 0
    while batch := connection.execute(rows.where(Task.id > last)).all():
        connection.execute(rewrite, [
            {"task_id": row.id, "text": compose(row.title, row.description, (
                row.reference_key, row.title_key) if row.reference_key is not None else None,
                row.name_key)} for row in batch])
        count, last = count + len(batch), batch[-1].id
    return count


def _changed(instance: object, *names: str) -> bool:
    attributes = inspect(instance).attrs
    return any(attributes[name].history.has_changes() for name in names)


def _related(session: Session, task: Task, relation: str, model: type, key: int | None):
    """The task's document or lead as the flush will write it: set as an object or by id."""
    history = inspect(task).attrs[relation].history
    if history.added:
        return history.added[0]
    return session.get(model, key) if key is not None else None


def _composed(session: Session, task: Task) -> str:
    document = _related(session, task, "document", Document, task.document_id)
    lead = _related(session, task, "lead", Official, task.lead_id)
    return compose(task.title, task.description,
                   (document.reference_key, document.title_key) if document else None,
                   lead.name_key if lead else "")


@event.listens_for(Session, "before_flush")
def _compose_written_tasks(session: Session, _context, _instances) -> None:
    for task in (*session.new, *session.dirty):
        if isinstance(task, Task) and (task in session.new or _changed(task, *_TASK_FIELDS)):
            task.search_text = _composed(session, task)


@event.listens_for(Session, "after_flush")
def _refresh_tasks_of_renamed(session: Session, _context) -> None:
    """A document's reference or title, or an official's name, changed: their tasks'
    texts, in one statement per batch once the new keys are written."""
    documents = [document.id for document in session.dirty if isinstance(document, Document)
                 and _changed(document, "title_key", "reference_key")]
    leads = [official.id for official in session.dirty if isinstance(official, Official)
             and _changed(official, "name_key")]
    if documents or leads:
        refresh_search_text(session.connection(), or_(
            Task.document_id.in_(documents), Task.lead_id.in_(leads)))
