"""Excel: the task list, one's own tasks and the document registry as .xlsx downloads
(with the filters of their pages), the import template, and the task import page."""

from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tracker.core.clock import today_in
from tracker.documents.spreadsheets import export_documents
from tracker.extensions import db
from tracker.tasks.models import TaskState
from tracker.tasks.policy import can_assign
from tracker.tasks.queries import TaskFilters
from tracker.tasks.spreadsheets import export_tasks, import_tasks, task_template
from tracker.web.documents import document_filters
from tracker.web.errors import render_error
from tracker.web.lists import TaskListForm, checked_filters
from tracker.web.uploads import SheetForm, read_upload, sheet_page, xlsx_download

bp = Blueprint("spreadsheets", __name__)
IMPORT_PAGE = "tasks/import.html"


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
    form = SheetForm()
    if request.method == "GET":
        return sheet_page(IMPORT_PAGE, form)
    tasks = read_upload(form, IMPORT_PAGE, lambda stream: import_tasks(
        db.session, current_user, unit, stream))
    db.session.commit()
    flash(_l("Đã nhập %(count)d nhiệm vụ.", count=len(tasks)), "success")
    return redirect(url_for("lists.index"))



def _download(data: bytes, title: Any, day: date) -> Response:
    """An .xlsx named "<title> - <unit> - <day>.xlsx"."""
    return xlsx_download(data, f"{title} - {current_user.unit.name} - {day:%d-%m-%Y}")
