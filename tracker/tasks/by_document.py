"""How far each document's tasks have come: done out of total, counted in the database."""

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload

from tracker.documents.models import Document
from tracker.tasks.models import Task, TaskState


@dataclass(frozen=True)
class TaskTally:
    done: int = 0
    total: int = 0  # cancelled tasks are not counted: they no longer have to be done


def tally_by_document(session: Session, documents: list[Document]) -> dict[int, TaskTally]:
    """Done and total tasks per document, one query for the whole page."""
    ids = [document.id for document in documents]
    done = func.sum(case((Task.state == TaskState.DONE, 1), else_=0))
    rows = session.execute(
        select(Task.document_id, done, func.count())
        .where(Task.document_id.in_(ids), Task.state != TaskState.CANCELLED)
        .group_by(Task.document_id)
    )
    tallies = dict.fromkeys(ids, TaskTally())
    tallies.update({document_id: TaskTally(int(d), n) for document_id, d, n in rows})
    return tallies


def document_tasks(session: Session, document: Document) -> list[Task]:
    """The document's tasks: open ones first by due date, then done and cancelled."""
    query = (
        select(Task).where(Task.document_id == document.id)
        .order_by(Task.state != TaskState.OPEN, Task.due_date.is_(None), Task.due_date, Task.id)
        .options(selectinload(Task.lead))
    )
    return list(session.scalars(query))
