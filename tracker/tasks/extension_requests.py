"""Extension requests (gia hạn): the lead asks for a later due date with a reason;
the chairman or a vice-chairman approves it (with the date asked for or another) or
rejects it with a reason. Figures always count against the due date in force."""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.audit.services import record_created, record_updated, snapshot
from tracker.core.actor import Actor
from tracker.core.clock import now_utc, today_in
from tracker.core.db import refusing_duplicates
from tracker.core.errors import NotFound, PermissionDenied
from tracker.core.text import clean_multiline
from tracker.core.validation import LATEST_DUE_DATE, TOO_FAR, Problems
from tracker.notifications.models import NotificationKind
from tracker.org.models import Official
from tracker.tasks.models import ExtensionRequest, ExtensionState, Task, TaskState
from tracker.tasks.notices import deciders_of, iso_day, tell
from tracker.tasks.policy import can_decide_deadline, can_view_task, can_work_on
from tracker.tasks.versions import check_task_version, flush_task

_ALREADY_PENDING = _l("Nhiệm vụ đã có một đề nghị gia hạn đang chờ quyết định.")


def request_extension(
    session: Session, actor: Actor, task: Task, *, proposed_due_date: date | None, reason: str,
    version: int,
) -> ExtensionRequest:
    """Ask for a later due date; whoever assigned the task (or the chairman) is told.

    :raise PermissionDenied: unless the actor is the lead (or leads the unit).
    :raise Conflict: the task changed since `version` was read.
    :raise ValidationFailed: a closed or ongoing task, no reason, a date not later than
        the one in force or in the past, a request already waiting.
    """
    if not can_work_on(actor, task):
        raise PermissionDenied(_l("Chỉ người chủ trì được đề nghị gia hạn nhiệm vụ này."))
    check_task_version(task, version)
    problems = Problems()
    reason = clean_multiline(reason)
    problems.require("reason", reason)
    problems.require("proposed_due_date", proposed_due_date)
    _check_extendable(task, problems)
    if proposed_due_date and task.due_date and proposed_due_date <= task.due_date:
        problems.add("proposed_due_date", _l("Thời hạn mới phải sau thời hạn hiện tại."))
    if proposed_due_date and proposed_due_date > LATEST_DUE_DATE:
        problems.add("proposed_due_date", TOO_FAR)
    if proposed_due_date and proposed_due_date < today_in(task.unit.timezone):
        problems.add("proposed_due_date", _l("Thời hạn mới không được ở quá khứ."))
    if pending_extension(session, task) is not None:
        problems.add("reason", _ALREADY_PENDING)
    problems.raise_if_any()
    request = ExtensionRequest(task_id=task.id, requested_by_id=actor.id,
                               due_date_before=task.due_date,
                               proposed_due_date=proposed_due_date, reason=reason)
    with refusing_duplicates(session, field="reason", message=_ALREADY_PENDING):
        session.add(request)
    session.expire(task, ["extension_requests"])  # the new one joins the task's history
    record_created(session, actor, request, unit_id=task.unit_id)
    # A task from above: the unit above set its deadline and decides.
    deciders = deciders_of(session, task.parent if task.parent is not None else task)
    _tell(session, deciders, NotificationKind.EXTENSION_REQUESTED, request)
    return request


def decide_extension(
    session: Session, actor: Actor, request: ExtensionRequest, *, approve: bool,
    granted_due_date: date | None = None, note: str = "", version: int,
) -> ExtensionRequest:
    """Approve (the date asked for, or `granted_due_date`) or reject (with a reason).

    Approving moves the task's due date: reminders and overdue flags start again from it.

    :raise PermissionDenied: unless the actor leads the unit (for a task from above, the
        unit above).
    :raise Conflict: the task changed since `version` was read.
    :raise ValidationFailed: a request already decided, a rejection without a reason,
        a granted date not later than the one in force.
    """
    task = request.task
    if not can_decide_deadline(actor, task):
        raise PermissionDenied(_l("Chỉ Chủ tịch, Phó Chủ tịch của đơn vị giao nhiệm vụ được "
                                  "quyết định gia hạn."))
    check_task_version(task, version)
    problems = Problems()
    if request.state is not ExtensionState.PENDING:
        problems.add("state", _l("Đề nghị gia hạn này đã được quyết định."))
    note = clean_multiline(note)
    granted = (granted_due_date or request.proposed_due_date) if approve else None
    if not approve:
        problems.require("note", note)
    elif task.due_date and granted <= task.due_date:
        problems.add("granted_due_date", _l("Thời hạn mới phải sau thời hạn hiện tại."))
    elif granted > LATEST_DUE_DATE:
        problems.add("granted_due_date", TOO_FAR)
    problems.raise_if_any()
    before = snapshot(request)
    request.state = ExtensionState.APPROVED if approve else ExtensionState.REJECTED
    request.decided_by_id, request.decided_at = actor.id, now_utc()
    request.granted_due_date, request.decision_note = granted, note or None
    if approve:
        _move_due_date(session, actor, task, granted)
    session.flush()
    record_updated(session, actor, request, before, unit_id=task.unit_id, action="decide")
    _tell(session, [request.requested_by], NotificationKind.EXTENSION_DECIDED, request)
    return request


def pending_extension(session: Session, task: Task) -> ExtensionRequest | None:
    return session.scalar(select(ExtensionRequest).where(
        ExtensionRequest.task_id == task.id, ExtensionRequest.state == ExtensionState.PENDING))


def get_extension(
    session: Session, actor: Actor, task_id: int, request_id: int
) -> ExtensionRequest:
    """:raise NotFound: no such request of that task, or a task the actor may not see."""
    request = session.get(ExtensionRequest, request_id)
    if request is None or request.task_id != task_id or not can_view_task(actor, request.task):
        raise NotFound(_l("Không tìm thấy đề nghị gia hạn."))
    return request


def _check_extendable(task: Task, problems: Problems) -> None:
    if task.state is not TaskState.OPEN:
        problems.add("state", _l("Nhiệm vụ đã hoàn thành hoặc đã hủy."))
    elif task.due_date is None:
        problems.add("proposed_due_date", _l("Nhiệm vụ thường xuyên không có thời hạn để gia hạn."))


def _move_due_date(session: Session, actor: Actor, task: Task, due: date) -> None:
    before = snapshot(task)
    task.due_date, task.due_wording = due, None
    # Reminders and the overdue flag start again from the new due date.
    task.overdue_flagged_on = task.next_scan_on = None
    flush_task(session)
    record_updated(session, actor, task, before, unit_id=task.unit_id, action="extend")


def _tell(session: Session, recipients: list[Official], kind: NotificationKind,
          request: ExtensionRequest) -> None:
    tell(session, recipients, kind, request.task, {
        "due": iso_day(request.due_date_before), "proposed": iso_day(request.proposed_due_date),
        "granted": iso_day(request.granted_due_date), "reason": request.reason,
        "note": request.decision_note, "state": request.state.value,
        "by": request.requested_by.full_name,
    }, due=request.proposed_due_date, round_=request.id)
