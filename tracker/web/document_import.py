"""Filling the registry from a report: paste its text (or upload a .txt or .docx), check the
documents it cites — new or already registered —, correct them and register the chosen ones
in one step."""

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional
from wtforms.widgets import HiddenInput

from tracker.core.errors import ValidationFailed
from tracker.documents.imports import (
    Candidate,
    find_references,
    nothing_registered,
    read_text,
    register_references,
)
from tracker.documents.policy import can_edit_registry
from tracker.documents.types import DocumentType
from tracker.extensions import db
from tracker.web.forms import Form, RowForm, show_errors
from tracker.web.task_forms import area_choices

bp = Blueprint("document_import", __name__, url_prefix="/documents/import")

MAX_ROWS = 500
_LONG = _l("Tối đa %(max)d ký tự.")


class SourceForm(Form):
    text = TextAreaField(_l("Nội dung báo cáo, kế hoạch …"))
    upload = FileField(_l("Hoặc chọn tệp .txt, .docx (tối đa 10 MB)"))


class ReferenceRow(RowForm):
    """One reference found; no CSRF token of its own (the page's form carries it)."""

    selected = BooleanField(_l("Đăng ký"))
    doc_type = SelectField(_l("Loại"))
    # Empty is left to the service, which reports every rule of every row at once.
    number = IntegerField(_l("Số"), validators=[Optional()],
                          invalid_value_message=_l("Số văn bản phải là số nguyên dương."))
    symbol = StringField(_l("Ký hiệu"), validators=[Length(max=60, message=_LONG)])
    issuer = StringField(_l("Cơ quan ban hành"), validators=[Length(max=200, message=_LONG)])
    issued_on = DateField(_l("Ngày ban hành"), validators=[Optional()],
                          invalid_value_message=_l("Ngày không hợp lệ."))
    title = TextAreaField(_l("Trích yếu"), validators=[Length(max=2000, message=_LONG)])
    reform_area = SelectField(_l("Lĩnh vực CCHC"), default="")
    # Shown again after a refused attempt; never trusted for anything else.
    found = HiddenField()  # the citation as the text wrote it
    # The id of the registry's document with the same identity (the page links to it).
    registered = IntegerField(widget=HiddenInput(), validators=[Optional()])
    proposed = HiddenField()  # "1": the issuer is a default, not what the text says
    notes = HiddenField()  # the parser's warnings, one a line


class ImportForm(Form):
    rows = FieldList(FormField(ReferenceRow), max_entries=MAX_ROWS)


@bp.route("", methods=["GET", "POST"])
@login_required
def index():
    source = SourceForm()
    if not source.validate_on_submit():
        return _render(source=source, status=422 if source.is_submitted() else 200)
    try:
        upload = source.upload.data
        text = read_text(upload.filename or "", upload.stream) if upload else source.text.data
        candidates = find_references(db.session, current_user, current_user.unit, text or "")
    except ValidationFailed as error:
        show_errors(source, error)
        return _render(source=source, status=error.status_code)
    return _render(source=source, found=_rows_form(candidates), searched=True)


@bp.post("/register")
@login_required
def register():
    unit = current_user.unit
    if not can_edit_registry(current_user, unit):
        abort(403)
    form = _with_choices(ImportForm())
    chosen = [entry.form for entry in form.rows if entry.form.selected.data]
    # Only the chosen rows are read (CSRFProtect has checked the token), each of them (a
    # list, not all() over a generator) so that every row shows its messages.
    unreadable = [row for row in chosen if not row.validate()]
    if unreadable:
        form.form_errors.append(nothing_registered(len(unreadable)))
        return _render(found=form, status=422)
    try:
        documents = register_references(db.session, current_user, unit,
                                        [_fields(row) for row in chosen])
    except ValidationFailed as error:
        db.session.rollback()
        _show_row_errors(form, chosen, error)
        return _render(found=form, status=error.status_code)
    db.session.commit()
    flash(_l("Đã đăng ký %(count)d văn bản.", count=len(documents)), "success")
    return redirect(url_for("documents.index"))


def _render(*, source: SourceForm | None = None, found: ImportForm | None = None,
            searched: bool = False, status: int = 200):
    return render_template(
        "documents/import.html", source=source or SourceForm(formdata=None), found=found,
        searched=searched, may_register=can_edit_registry(current_user, current_user.unit),
    ), status


def _rows_form(candidates: list[Candidate]) -> ImportForm:
    rows = [{
        "selected": candidate.registered is None,
        "doc_type": candidate.found.doc_type.value,
        "number": candidate.found.number,
        "symbol": candidate.found.symbol,
        "issuer": candidate.issuer,
        "issued_on": candidate.found.issued_on,
        "title": candidate.found.title or "",
        "reform_area": "",
        "found": candidate.found.citation,
        "registered": candidate.registered.id if candidate.registered else "",
        "proposed": "1" if candidate.issuer_proposed else "",
        "notes": "\n".join(str(problem) for problem in candidate.found.problems),
    } for candidate in candidates[:MAX_ROWS]]
    return _with_choices(ImportForm(formdata=None, data={"rows": rows}))


def _with_choices(form: ImportForm) -> ImportForm:
    """Labels in the reader's language: set per request, not when the class is defined."""
    types = [SelectChoice(t.value, f"{t.value} — {t.label}") for t in DocumentType]
    areas = [SelectChoice("", _l("— Không chọn —")), *area_choices()]
    for entry in form.rows:
        entry.form.doc_type.choices = types
        entry.form.reform_area.choices = areas
    return form


def _fields(row: ReferenceRow) -> dict[str, Any]:
    return {
        "doc_type": row.doc_type.data, "number": row.number.data, "symbol": row.symbol.data,
        "issuer": row.issuer.data, "issued_on": row.issued_on.data, "title": row.title.data,
        "reform_area": row.reform_area.data or None,
    }


def _show_row_errors(form: ImportForm, chosen: list[ReferenceRow],
                     error: ValidationFailed) -> None:
    """The service keys its messages "rows-<index among the chosen>-<field>"."""
    for key, messages in error.errors.items():
        _, index, name = key.split("-", 2) if key.count("-") >= 2 else (None, None, key)
        field = chosen[int(index)]._fields.get(name) if index is not None else None
        if field is None:
            form.form_errors.extend(messages)
        else:
            field.errors = [*field.errors, *messages]
    if error.message not in form.form_errors:
        form.form_errors.insert(0, error.message)
