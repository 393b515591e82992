"""The unit's document registry: the list, registering a plan or decision, and a
document's page where the chairman splits it into tasks."""

from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, NumberRange

from tracker.core.clock import today_in
from tracker.core.errors import ValidationFailed
from tracker.core.paging import PER_PAGE
from tracker.core.validation import MAX_YEAR, MIN_YEAR, REQUIRED
from tracker.documents.attachments import attach_file, attached_file
from tracker.documents.models import Document
from tracker.documents.policy import can_edit_registry
from tracker.documents.queries import DocumentFilters, list_documents, registry_choices
from tracker.documents.services import get_document, register_document
from tracker.documents.types import DocumentType
from tracker.extensions import db
from tracker.tasks.by_document import document_tasks, tally_by_document
from tracker.tasks.services import create_task
from tracker.tasks.status import classify
from tracker.web.files import send_stored, upload_folder
from tracker.web.forms import Form, at_most, page_number, show_errors
from tracker.web.task_forms import DUE_HELP, TaskForm, area_choices, assignment, task_form

bp = Blueprint("documents", __name__, url_prefix="/documents")

NONE = 0


class DocumentForm(Form):
    doc_type = SelectField(_l("Loại văn bản"), default=DocumentType.KH.value)
    number = IntegerField(_l("Số"), validators=[
        InputRequired(REQUIRED), NumberRange(1, 10**7 - 1, _l("Số văn bản phải là số nguyên "
                                                              "dương."))],
        invalid_value_message=_l("Số văn bản phải là số nguyên dương."))
    symbol = StringField(_l("Ký hiệu"), default="KH-UBND", validators=[
        InputRequired(REQUIRED), at_most(60)])
    issuer = StringField(_l("Cơ quan ban hành"), validators=[
        InputRequired(REQUIRED), at_most(200)])
    issued_on = DateField(_l("Ngày ban hành"), validators=[InputRequired(REQUIRED)],
                          invalid_value_message=_l("Ngày không hợp lệ."))
    title = TextAreaField(_l("Trích yếu"), validators=[
        InputRequired(REQUIRED), at_most(2000)])
    reform_area = SelectField(_l("Lĩnh vực CCHC"))
    implements = SelectField(_l("Triển khai văn bản"), coerce=int, default=NONE)
    attachment = FileField(_l("Tệp văn bản (PDF, DOCX, ảnh; tối đa 20 MB)"))


class AttachmentForm(Form):
    attachment = FileField(_l("Tệp văn bản (PDF, DOCX, ảnh; tối đa 20 MB)"),
                           validators=[FileRequired(_l("Hãy chọn một tệp."))])


@bp.get("")
@login_required
def index():
    unit = current_user.unit
    filters, problem = document_filters()
    page = page_number(request.args)
    found = list_documents(db.session, unit, filters, page=page, per_page=PER_PAGE)
    return render_template(
        "documents/index.html", found=found, page=page, per_page=PER_PAGE,
        tallies=tally_by_document(db.session, found.documents), filters=filters,
        problem=problem, types=list(DocumentType),
        query={key: value for key, value in request.args.items() if key != "page"},
        may_register=can_edit_registry(current_user, unit),
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    unit = current_user.unit
    if not can_edit_registry(current_user, unit):
        abort(403)
    form = _document_form(formdata=request.method == "POST")
    if request.method == "GET" or not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("documents/new.html", form=form), status
    try:
        document = register_document(db.session, current_user, unit, **_document_fields(form))
        if form.attachment.data:
            _attach(document, form.attachment.data)
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return render_template("documents/new.html", form=form), error.status_code
    db.session.commit()
    flash(_l("Đã đăng ký %(citation)s. Hãy giao các nhiệm vụ của văn bản.",
             citation=document.citation), "success")
    return redirect(url_for(".detail", document_id=document.id, _anchor="assign"))


@bp.get("/<int:document_id>")
@login_required
def detail(document_id: int):
    document = get_document(db.session, current_user, document_id)
    return _render_detail(document)


@bp.post("/<int:document_id>/tasks")
@login_required
def assign(document_id: int):
    document = get_document(db.session, current_user, document_id)
    form = task_form(db.session, document.unit)
    if not form.validate_on_submit():
        return _render_detail(document, form, 422)
    try:
        create_task(db.session, current_user, document.unit, document=document,
                    **assignment(db.session, form, document.unit, document))
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error, aliases={"due_date": "due"})
        return _render_detail(document, form, error.status_code)
    db.session.commit()
    flash(_l("Đã giao nhiệm vụ “%(title)s”.", title=form.title.data), "success")
    return redirect(url_for(".detail", document_id=document.id, _anchor="assign"))


@bp.post("/<int:document_id>/attachment")
@login_required
def upload(document_id: int):
    document = get_document(db.session, current_user, document_id)
    form = AttachmentForm()
    if not form.validate_on_submit():
        return _render_detail(document, attachment=form, status=422)
    try:
        replaced = _attach(document, form.attachment.data)
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render_detail(document, attachment=form, status=error.status_code)
    db.session.commit()
    if replaced is not None:
        replaced.unlink(missing_ok=True)  # only once the new one is committed
    flash(_l("Đã đính kèm tệp %(name)s.", name=document.attachment_name), "success")
    return redirect(url_for(".detail", document_id=document.id))


@bp.get("/<int:document_id>/attachment")
@login_required
def download(document_id: int):
    return send_stored(attached_file(db.session, current_user, document_id, upload_folder()))


def _attach(document: Document, upload) -> Path | None:
    return attach_file(db.session, current_user, document, filename=upload.filename or "",
                       stream=upload.stream, folder=upload_folder())


def _render_detail(document: Document, form: TaskForm | None = None, status: int = 200,
                   attachment: AttachmentForm | None = None):
    unit = document.unit
    return render_template(
        "documents/detail.html", document=document,
        tasks=document_tasks(db.session, document), today=today_in(unit.timezone),
        classify=classify, due_help=DUE_HELP,
        may_assign=can_edit_registry(current_user, unit),
        form=form or task_form(db.session, unit, document=document, formdata=False),
        attachment_form=attachment or AttachmentForm(formdata=None),
    ), status


def _document_form(*, formdata: bool) -> DocumentForm:
    unit = current_user.unit
    form = DocumentForm() if formdata else DocumentForm(formdata=None, issuer=unit.name)
    # Labels in the reader's language: built per request, not when the class is defined.
    form.doc_type.choices = [SelectChoice(t.value, f"{t.value} — {t.label}") for t in DocumentType]
    form.reform_area.choices = [SelectChoice("", _l("— Không chọn —")), *area_choices()]
    form.implements.choices = [SelectChoice(NONE, _l("— Không —")), *(
        SelectChoice(d.id, f"{d.reference} ({d.issued_on:%d/%m/%Y}) — {d.title[:80]}")
        for d in registry_choices(db.session, unit))]
    return form


def _document_fields(form: DocumentForm) -> dict[str, Any]:
    implements = db.session.get(Document, form.implements.data) if form.implements.data else None
    return {
        "doc_type": form.doc_type.data, "number": form.number.data, "symbol": form.symbol.data,
        "issuer": form.issuer.data, "issued_on": form.issued_on.data, "title": form.title.data,
        "reform_area": form.reform_area.data or None, "implements": implements,
    }


def document_filters() -> tuple[DocumentFilters, Any]:
    """The list's filters from the query string; a value that makes no sense is dropped
    and said so, never an error page."""
    args, problem = request.args, None
    doc_type = args.get("type") or None
    if doc_type and doc_type not in {t.value for t in DocumentType}:
        doc_type, problem = None, _l("Loại văn bản không hợp lệ; đã bỏ lọc theo loại.")
    year = args.get("year", type=int)
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        year, problem = None, _l("Năm không hợp lệ; đã bỏ lọc theo năm.")
    own = {"own": True, "received": False}.get(args.get("source", ""))
    text = args.get("q", "")[:200]
    return DocumentFilters(DocumentType(doc_type) if doc_type else None, year, own, text,
                           oldest_first=args.get("order") == "asc"), problem
