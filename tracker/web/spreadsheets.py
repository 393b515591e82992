"""Excel: the task list, one's own tasks and the document registry as .xlsx downloads
(with the filters of their pages), the import template, and the task import page."""

import re
from datetime import date
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf.file import FileField, FileRequired

from tracker.core.clock import today_in
from tracker.core.errors import ValidationFailed
from tracker.core.spreadsheets import XLSX_MIME, SheetRejected
from tracker.core.text import fold
from tracker.documents.spreadsheets import export_documents
from tracker.extensions import db
from tracker.tasks.models import TaskState
from tracker.tasks.policy import can_assign
from tracker.tasks.queries import TaskFilters
from tracker.tasks.spreadsheets import export_tasks, import_tasks, task_template
from tracker.web.documents import document_filters
from tracker.web.errors import render_error
from tracker.web.forms import Form, show_errors
from tracker.web.lists import TaskListForm, checked_filters

bp = Blueprint("spreadsheets", __name__)

# The problems shown on the page at most; a sheet that bad is better fixed from the top.
SHOWN_PROBLEMS = 500


class ImportForm(Form):
    file = FileField(_l("Tệp Excel (.xlsx)"), validators=[FileRequired(_l("Hãy chọn một tệp."))])


@bp.app_template_global()
def may_import_tasks() -> bool:
    """Whether the signed-in official sees the "Nhập từ Excel" link."""
    return current_user.is_authenticated and can_assign(current_user, current_user.unit)


@bp.get("/tasks/export.xlsx")
@login_required
def task_list():
    unit = current_user.unit
    today = today_in(unit.timezone)
    form = TaskListForm(request.args)
    form.fill_choices(unit)
    checked = checked_filters(form, unit)
    if checked is None:
        return render_error(422, _l("Bộ lọc chưa hợp lệ: sửa bộ lọc trên trang Nhiệm vụ rồi "
                                    "xuất lại."))
    data = export_tasks(db.session, current_user, unit, checked[0], today)
    return _download(data, _l("Nhiệm vụ"), today)


@bp.get("/my-tasks/export.xlsx")
@login_required
def my_tasks():
    """The open tasks one leads or coordinates, as on "Việc của tôi"."""
    unit = current_user.unit
    today = today_in(unit.timezone)
    filters = TaskFilters(official_id=current_user.id, state=TaskState.OPEN)
    data = export_tasks(db.session, current_user, unit, filters, today)
    return _download(data, _l("Việc của tôi"), today)


@bp.get("/documents/export.xlsx")
@login_required
def document_list():
    unit = current_user.unit
    filters, _problem = document_filters()  # a filter that makes no sense is left out
    data = export_documents(db.session, current_user, unit, filters)
    return _download(data, _l("Văn bản"), today_in(unit.timezone))


@bp.get("/tasks/import/template.xlsx")
@login_required
def template():
    unit = current_user.unit
    data = task_template(db.session, current_user, unit)
    return _download(data, _l("Mẫu nhập nhiệm vụ"), today_in(unit.timezone))


@bp.route("/tasks/import", methods=["GET", "POST"])
@login_required
def import_page():
    unit = current_user.unit
    if not can_assign(current_user, unit):
        abort(403)
    form = ImportForm()
    if request.method == "GET":
        return _render_import(form)
    if not form.validate_on_submit():
        return _render_import(form, status=422)
    try:
        tasks = import_tasks(db.session, current_user, unit, form.file.data.stream)
    except SheetRejected as error:
        db.session.rollback()
        return _render_import(form, rejected=error, status=error.status_code)
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render_import(form, status=error.status_code)
    db.session.commit()
    flash(_l("Đã nhập %(count)d nhiệm vụ.", count=len(tasks)), "success")
    return redirect(url_for("lists.index"))


def _render_import(form: ImportForm, *, rejected: SheetRejected | None = None,
                   status: int = 200) -> tuple[str, int]:
    return render_template("tasks/import.html", form=form, rejected=rejected,
                           shown=SHOWN_PROBLEMS), status


def _download(data: bytes, title: Any, day: date) -> Response:
    """An .xlsx attachment named "<title> - <unit> - <day>.xlsx", with an ASCII fallback
    name for clients that do not read RFC 6266's UTF-8 form."""
    name = f"{title} - {current_user.unit.name} - {day:%d-%m-%Y}.xlsx"
    fallback = re.sub(r"[^a-z0-9.]+", "-", fold(name)).strip("-")
    response = Response(data, mimetype=XLSX_MIME)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
