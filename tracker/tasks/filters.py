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
    query parameters (department, official, lead, coordinator, document, to).

    :raise ValidationFailed: a department or official the unit does not have, a document
        the actor may not see, a due-date range that ends before it starts.
    """
    problems = Problems()
    department = {"department": filters.department_id}
    for name in _not_in_unit(session, Department, unit, department):
        problems.add(name, _l("Không tìm thấy bộ phận."))
    people = {"official": filters.official_id, "lead": filters.lead_id,
              "coordinator": filters.coordinator_id}
    for name in _not_in_unit(session, Official, unit, people):
        problems.add(name, NO_OFFICIAL)
    document = visible_document(session, actor, filters.document_id, problems)
    check_due_range(filters, problems)
    problems.raise_if_any(_l("Bộ lọc chưa hợp lệ."))
    return document


def _not_in_unit(
    session: Session, model: type[Department | Official], unit: Unit, ids: dict[str, int | None]
) -> list[str]:
    """The parameters of `ids` naming no `model` of the unit, in one query and only for
    the ids given (a list mostly has none); an id no column can hold is not looked up."""
    named = {name: id_ for name, id_ in ids.items() if id_ is not None}
    possible = {id_ for id_ in named.values() if 0 < id_ <= MAX_ID}
    found = set(session.scalars(select(model.id).where(
        model.unit_id == unit.id, model.id.in_(possible)))) if possible else set()
    return [name for name, id_ in named.items() if id_ not in found]


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
