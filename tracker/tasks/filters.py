"""What a task list may be narrowed to: one check for the list page, its export and the
API, which read the same parameters (each checks only their shapes and types)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.actor import Actor
from tracker.core.errors import NotFound
from tracker.core.validation import MAX_ID, Problems
from tracker.documents.models import Document
from tracker.documents.services import get_document
from tracker.org.models import Department, Official, Unit
from tracker.tasks.queries import TaskFilters

NO_OFFICIAL = _l("Không tìm thấy cán bộ.")
NO_DOCUMENT = _l("Không tìm thấy văn bản.")


def check_filters(
    session: Session, actor: Actor, unit: Unit, filters: TaskFilters
) -> Document | None:
    """The document the list is narrowed to, if any; errors are named after the list's
    query parameters (department, official, lead, document, to).

    :raise ValidationFailed: a department or official the unit does not have, a document
        the actor may not see, a due-date range that ends before it starts.
    """
    problems = Problems()
    departments = set(session.scalars(select(Department.id).where(Department.unit_id == unit.id)))
    if filters.department_id is not None and filters.department_id not in departments:
        problems.add("department", _l("Không tìm thấy bộ phận."))
    people = set(session.scalars(select(Official.id).where(Official.unit_id == unit.id)))
    for name, official_id in (("official", filters.official_id), ("lead", filters.lead_id)):
        if official_id is not None and official_id not in people:
            problems.add(name, NO_OFFICIAL)
    document = visible_document(session, actor, filters.document_id, problems)
    check_due_range(filters, problems)
    problems.raise_if_any(_l("Bộ lọc chưa hợp lệ."))
    return document


def check_due_range(filters: TaskFilters, problems: Problems) -> None:
    """A due-date range that ends before it starts is noted on "to"."""
    if filters.due_from and filters.due_to and filters.due_to < filters.due_from:
        problems.add("to", _l("Ngày cuối phải từ ngày đầu trở đi."))


def visible_document(
    session: Session, actor: Actor, document_id: int | None, problems: Problems
) -> Document | None:
    """The document `document_id` names if the actor may see it; else None, with the
    problem noted on "document"."""
    if document_id is None:
        return None
    if not 0 < document_id <= MAX_ID:  # no query with an id no column holds
        problems.add("document", NO_DOCUMENT)
        return None
    try:
        return get_document(session, actor, document_id)
    except NotFound:
        problems.add("document", NO_DOCUMENT)
        return None
