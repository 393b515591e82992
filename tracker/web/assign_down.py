"""A province assigns a task of one of its documents to its communes: all of them or the
ones ticked. The province's own task shows each commune's copy (tasks.assigned_down)."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import BooleanField, SelectChoice

from tracker.core.errors import ValidationFailed
from tracker.core.validation import MAX_ID
from tracker.documents.models import Document
from tracker.documents.services import get_document
from tracker.extensions import db
from tracker.org.below import units_below
from tracker.tasks.assigned_down import assign_down, require_assigner_down
from tracker.web.forms import show_errors
from tracker.web.task_forms import DUE_HELP, Checkboxes, TaskForm, assignment, task_form

bp = Blueprint("assign_down", __name__)


class AssignDownForm(TaskForm):
    every_unit = BooleanField(_l("Tất cả các đơn vị trực thuộc"))
    units = Checkboxes(_l("Hoặc chọn đơn vị"), coerce=int)


@bp.route(f"/documents/<int(max={MAX_ID}):document_id>/assign-down", methods=["GET", "POST"])
@login_required
def page(document_id: int):
    document = get_document(db.session, current_user, document_id)
    form = _form(document, formdata=True)
    if not form.is_submitted():
        return _render(document, _form(document, formdata=False))
    if not form.validate():
        return _render(document, form, 422)
    chosen = None if form.every_unit.data else form.units.data
    try:
        task = assign_down(db.session, current_user, document.unit, units=chosen,
                           document=document,
                           **assignment(db.session, form, document.unit, document))
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error, aliases={"due_date": "due"})
        return _render(document, form, error.status_code)
    db.session.commit()
    flash(_l("Đã giao nhiệm vụ “%(title)s” cho %(count)d đơn vị.", title=task.title,
             count=len(task.copies)), "success")
    return redirect(url_for("tasks.detail", task_id=task.id, _anchor="units"))


def _form(document: Document, *, formdata: bool) -> AssignDownForm:
    unit = document.unit
    require_assigner_down(db.session, current_user, unit)
    below = units_below(db.session, current_user, unit)
    form = task_form(db.session, unit, document=document, formdata=formdata,
                     form_class=AssignDownForm)
    form.units.choices = [SelectChoice(u.id, u.name) for u in below]
    return form


def _render(document: Document, form: AssignDownForm, status: int = 200):
    return render_template("tasks/assign_down.html", document=document, form=form,
                           due_help=DUE_HELP), status
