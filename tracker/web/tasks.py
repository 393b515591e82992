"""A task's page: what it is, who does it, by when, how far it has come; and, for the
lead, recording progress and completing it, for coordinators, adding notes, for the
chairman, changing, reassigning or cancelling it. The links in reminders and e-mails
lead here."""

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf.file import FileField
from wtforms import DateField, IntegerField, StringField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, NumberRange, Optional

from tracker.core.clock import today_in
from tracker.core.errors import Conflict, ValidationFailed
from tracker.core.validation import REQUIRED
from tracker.extensions import db
from tracker.tasks.assigned_down import roll_up
from tracker.tasks.confirmation import confirm_completion, return_completion
from tracker.tasks.evidence import attach_evidence, evidence_file
from tracker.tasks.extension_requests import (
    decide_extension,
    get_extension,
    pending_extension,
    request_extension,
)
from tracker.tasks.history import task_history
from tracker.tasks.models import Task, TaskState
from tracker.tasks.policy import can_add_note, can_assign, can_decide_deadline, can_work_on
from tracker.tasks.queries import successor_of
from tracker.tasks.services import (
    add_note,
    cancel_task,
    complete_task,
    get_task,
    record_progress,
    update_task,
)
from tracker.tasks.status import classify
from tracker.web.files import send_stored, upload_folder
from tracker.web.forms import Form, VersionedForm, at_most, show_errors
from tracker.web.task_forms import DUE_HELP, assignment, task_form

bp = Blueprint("tasks", __name__, url_prefix="/tasks")

ACTION_LABELS = {
    "create": _l("Giao nhiệm vụ"), "update": _l("Sửa, giao lại"),
    "progress": _l("Cập nhật tiến độ"), "complete": _l("Báo hoàn thành"),
    "cancel": _l("Hủy, tạm dừng"), "extend": _l("Gia hạn"),
    "confirm": _l("Xác nhận hoàn thành"), "return": _l("Trả lại người chủ trì"),
}
FIELD_LABELS = {
    "title": _l("Tên nhiệm vụ"), "reform_area": _l("Lĩnh vực"), "lead_id": _l("Chủ trì"),
    "coordinator_ids": _l("Phối hợp"), "follower_ids": _l("Theo dõi"),
    "due_date": _l("Thời hạn"), "due_wording": _l("Thời hạn ghi trong văn bản"),
    "state": _l("Trạng thái"), "completed_on": _l("Ngày hoàn thành"),
    "awaiting_confirmation": _l("Chờ xác nhận"), "cancel_reason": _l("Lý do hủy"),
}

_NOTE_LENGTH = at_most(4000)


class ProgressForm(VersionedForm):
    percent = IntegerField(
        _l("Tiến độ (%)"),
        validators=[InputRequired(REQUIRED),
                    NumberRange(0, 99, _l("Tiến độ là số từ 0 đến 99; hoàn thành thì dùng "
                                          "mục Hoàn thành."))],
        invalid_value_message=_l("Nhập một số nguyên."),
    )
    note = TextAreaField(_l("Đã làm được gì"), validators=[_NOTE_LENGTH])
    evidence = FileField(_l("Minh chứng (PDF, DOCX, ảnh; tối đa 20 MB)"))


class CompleteForm(VersionedForm):
    result = TextAreaField(_l("Kết quả (đưa vào báo cáo)"),
                           validators=[InputRequired(REQUIRED), _NOTE_LENGTH])
    completed_on = DateField(_l("Ngày hoàn thành"), validators=[Optional()],
                             invalid_value_message=_l("Ngày không hợp lệ."))


class NoteForm(Form):
    note = TextAreaField(_l("Ghi chú"), validators=[InputRequired(REQUIRED), _NOTE_LENGTH])


class ExtensionForm(VersionedForm):
    proposed_due_date = DateField(_l("Đề nghị gia hạn đến ngày"),
                                  validators=[InputRequired(REQUIRED)],
                                  invalid_value_message=_l("Ngày không hợp lệ."))
    reason = TextAreaField(_l("Lý do"), validators=[InputRequired(REQUIRED), _NOTE_LENGTH])


class DecisionForm(VersionedForm):
    # Which of the form's two buttons was pressed (they carry the value).
    decision = StringField(validators=[AnyOf(["approve", "reject"], _l("Lựa chọn không hợp lệ."))])
    granted_due_date = DateField(_l("Gia hạn đến ngày"), validators=[Optional()],
                                 invalid_value_message=_l("Ngày không hợp lệ."))
    note = TextAreaField(_l("Ý kiến (bắt buộc khi không đồng ý)"), validators=[_NOTE_LENGTH])


class ConfirmForm(VersionedForm):
    """Confirming takes nothing but the version the chairman saw."""


class ReturnForm(VersionedForm):
    reason = TextAreaField(_l("Lý do trả lại"),
                           validators=[InputRequired(_l("Cần nêu lý do trả lại.")), _NOTE_LENGTH])


class CancelForm(VersionedForm):
    reason = TextAreaField(_l("Lý do hủy, tạm dừng"),
                           validators=[InputRequired(_l("Cần nêu lý do hủy.")), _NOTE_LENGTH])


@bp.get("/<int:task_id>")
@login_required
def detail(task_id: int):
    return _render(get_task(db.session, current_user, task_id))


@bp.post("/<int:task_id>/progress")
@login_required
def progress(task_id: int):
    task = get_task(db.session, current_user, task_id)
    form = ProgressForm()

    def record() -> None:
        update = record_progress(db.session, current_user, task, percent=form.percent.data,
                                 note=form.note.data or "", version=form.seen_version)
        if form.evidence.data:
            attach_evidence(db.session, current_user, update, stream=form.evidence.data.stream,
                            filename=form.evidence.data.filename or "", folder=upload_folder())

    return _apply(task, form, "progress", record, _l("Đã ghi nhận tiến độ."))


@bp.get("/<int:task_id>/evidence/<int:update_id>")
@login_required
def evidence(task_id: int, update_id: int):
    return send_stored(evidence_file(db.session, current_user, task_id, update_id,
                                     upload_folder()))


@bp.post("/<int:task_id>/complete")
@login_required
def complete(task_id: int):
    task = get_task(db.session, current_user, task_id)
    form = CompleteForm()
    return _apply(task, form, "complete", lambda: complete_task(
        db.session, current_user, task, result=form.result.data,
        completed_on=form.completed_on.data, version=form.seen_version),
        _l("Nhiệm vụ đã hoàn thành."))


@bp.post("/<int:task_id>/notes")
@login_required
def note(task_id: int):
    task = get_task(db.session, current_user, task_id)
    form = NoteForm()
    return _apply(task, form, "note",
                  lambda: add_note(db.session, current_user, task, note=form.note.data),
                  _l("Đã thêm ghi chú."))


@bp.post("/<int:task_id>/cancel")
@login_required
def cancel(task_id: int):
    task = get_task(db.session, current_user, task_id)
    form = CancelForm()
    return _apply(task, form, "cancel", lambda: cancel_task(
        db.session, current_user, task, reason=form.reason.data, version=form.seen_version),
        _l("Đã hủy nhiệm vụ."))


@bp.post("/<int:task_id>/extension")
@login_required
def ask_extension(task_id: int):
    task = get_task(db.session, current_user, task_id)
    form = ExtensionForm()
    return _apply(task, form, "extension", lambda: request_extension(
        db.session, current_user, task, proposed_due_date=form.proposed_due_date.data,
        reason=form.reason.data, version=form.seen_version),
        _l("Đã gửi đề nghị gia hạn."))


@bp.post("/<int:task_id>/extension/<int:request_id>")
@login_required
def decide(task_id: int, request_id: int):
    extension = get_extension(db.session, current_user, task_id, request_id)
    form = DecisionForm()
    approve = form.decision.data == "approve"
    return _apply(extension.task, form, "decision", lambda: decide_extension(
        db.session, current_user, extension, approve=approve,
        granted_due_date=form.granted_due_date.data, note=form.note.data or "",
        version=form.seen_version),
        _l("Đã đồng ý gia hạn.") if approve else _l("Đã trả lời không đồng ý gia hạn."))


@bp.post("/<int:task_id>/confirm")
@login_required
def confirm(task_id: int):
    task = get_task(db.session, current_user, task_id)
    form = ConfirmForm()
    return _apply(task, form, "confirm", lambda: confirm_completion(
        db.session, current_user, task, version=form.seen_version),
        _l("Đã xác nhận hoàn thành."))


@bp.post("/<int:task_id>/return")
@login_required
def send_back(task_id: int):
    task = get_task(db.session, current_user, task_id)
    form = ReturnForm()
    return _apply(task, form, "send_back", lambda: return_completion(
        db.session, current_user, task, reason=form.reason.data, version=form.seen_version),
        _l("Đã trả lại nhiệm vụ cho người chủ trì."))


@bp.route("/<int:task_id>/edit", methods=["GET", "POST"])
@login_required
def edit(task_id: int):
    task = get_task(db.session, current_user, task_id)
    if not can_assign(current_user, task.unit):
        abort(403)
    posted = request.method == "POST"
    form = task_form(db.session, task.unit, task=task, formdata=posted)
    if not posted:
        return _render_edit(task, form)
    if not form.validate_on_submit():
        return _render_edit(task, form, 422)
    try:
        update_task(db.session, current_user, task, version=form.seen_version,
                    **assignment(db.session, form, task.unit, task.document))
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error, aliases={"due_date": "due"})
        return _render_edit(task, form, error.status_code)
    except Conflict as conflict:
        _keep_for_retry(task, form, conflict)
        return _render_edit(task, form, conflict.status_code)
    db.session.commit()
    flash(_l("Đã lưu thay đổi của nhiệm vụ."), "success")
    return redirect(url_for(".detail", task_id=task.id))


def _render_edit(task: Task, form, status: int = 200):
    return render_template("tasks/edit.html", task=task, form=form, due_help=DUE_HELP), status


def _apply(task: Task, form: Form, name: str, change: Callable[[], object], done):
    """Validate the posted form, make the change and commit; or show the page again
    with the messages (422) or, when someone changed the task meanwhile, with its
    current values and the official's input kept (409)."""
    if not form.validate_on_submit():
        return _render(task, 422, **{name: form})
    try:
        change()
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render(task, error.status_code, **{name: form})
    except Conflict as conflict:
        _keep_for_retry(task, form, conflict)
        return _render(task, conflict.status_code, **{name: form})
    db.session.commit()
    flash(done, "success")
    return redirect(url_for(".detail", task_id=task.id))


def _keep_for_retry(task: Task, form, conflict: Conflict) -> None:
    """Reload the task as it is now; keep what the official typed, with the message."""
    db.session.rollback()
    db.session.refresh(task)
    form.version.data = task.version  # sending again now is a deliberate choice
    form.form_errors.append(conflict.message)


def _shown(value: Any) -> str:
    """A value of the task's history as a reader expects it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_l("Có") if value else _l("Không"))
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _render(task: Task, status: int = 200, **posted: Form):
    """The task page; `posted` is the form sent back with its messages, by name."""
    today = today_in(task.unit.timezone)
    pending = pending_extension(db.session, task)
    forms = {
        "progress": ProgressForm(formdata=None, percent=task.progress_percent,
                                 version=task.version),
        "complete": CompleteForm(formdata=None, version=task.version),
        "note": NoteForm(formdata=None),
        "cancel": CancelForm(formdata=None, version=task.version),
        "confirm": ConfirmForm(formdata=None, version=task.version),
        "send_back": ReturnForm(formdata=None, version=task.version),
        "extension": ExtensionForm(formdata=None, version=task.version),
        "decision": DecisionForm(formdata=None, version=task.version, granted_due_date=(
            pending.proposed_due_date if pending else None)),
    } | posted
    is_open = task.state is TaskState.OPEN
    return render_template(
        "tasks/detail.html",
        task=task,
        task_class=classify(task, today),
        may_work=is_open and can_work_on(current_user, task),
        may_note=can_add_note(current_user, task),
        may_assign=is_open and can_assign(current_user, task.unit),
        may_confirm=task.awaiting_confirmation and can_assign(current_user, task.unit),
        may_decide_deadline=can_decide_deadline(current_user, task),
        rolled=roll_up(db.session, task, today),
        pending=pending,
        form_for=forms,
        changes=task_history(db.session, task),
        previous=db.session.get(Task, task.recurs_from_id) if task.recurs_from_id else None,
        following=successor_of(db.session, task),
        action_labels=ACTION_LABELS,
        field_labels=FIELD_LABELS,
        shown=_shown,
    ), status
