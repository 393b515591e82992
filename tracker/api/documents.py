"""The unit's document registry: list, read, register, correct."""

from dataclasses import asdict
from typing import Any

from flask_babel import lazy_gettext as _l

from tracker.api.core import Endpoint, endpoint, load_body, load_query, official
from tracker.api.schemas import DocumentIn, DocumentListQuery, DocumentOut, DocumentPage
from tracker.core.errors import NotFound, ValidationFailed
from tracker.documents.models import Document
from tracker.documents.queries import DocumentFilters, list_documents
from tracker.documents.services import get_document, register_document, update_document
from tracker.extensions import db
from tracker.tasks.by_document import tally_by_document

_ONE = "/documents/<int(max=2147483647):document_id>"


@endpoint("/documents", "GET", Endpoint(
    _l("Văn bản của đơn vị, mới ban hành trước"), query=DocumentListQuery,
    response=DocumentPage))
def documents_list():
    args = load_query()
    filters = DocumentFilters(args.get("doc_type"), args.get("year"),
                              {"own": True, "received": False}.get(args.get("source", "")))
    found = list_documents(db.session, official().unit, filters, page=args["page"],
                           per_page=args["per_page"])
    return {"items": _dump(found.documents), "total": found.total, "page": args["page"],
            "per_page": args["per_page"]}


@endpoint(_ONE, "GET", Endpoint(_l("Một văn bản"), response=DocumentOut))
def document_get(document_id: int):
    return _dump([get_document(db.session, official(), document_id)])[0]


@endpoint("/documents", "POST", Endpoint(
    _l("Đăng ký văn bản (Chủ tịch, Phó Chủ tịch)"), body=DocumentIn, response=DocumentOut,
    status=201))
def document_create():
    fields = _service_fields(load_body())
    fields.setdefault("issuer", official().unit.name)
    document = register_document(db.session, official(), official().unit, **fields)
    db.session.commit()
    return _dump([document])[0], 201


@endpoint(_ONE, "PATCH", Endpoint(
    _l("Sửa văn bản đã đăng ký: chỉ gửi các trường cần sửa"), body=DocumentIn,
    response=DocumentOut, partial=True))
def document_update(document_id: int):
    document = get_document(db.session, official(), document_id)
    changes = _service_fields(load_body())
    update_document(db.session, official(), document, **changes)
    db.session.commit()
    return _dump([document])[0]


def _service_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The loaded body with the implemented document's id turned into the document."""
    if data.get("implements") is not None:
        data["implements"] = _visible_document(data["implements"])
    return data


def _visible_document(document_id: int) -> Document:
    try:
        return get_document(db.session, official(), document_id)
    except NotFound as error:
        raise ValidationFailed.on("implements", error.message) from None


def _dump(documents: list[Document]) -> list[dict[str, Any]]:
    """The documents with how many of their tasks are done (one query for all)."""
    tallies = tally_by_document(db.session, documents)
    schema = DocumentOut()
    return [schema.dump(d) | {"tasks": asdict(tallies[d.id])} for d in documents]
