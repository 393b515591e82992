"""Confirming completions, where a unit asks for it: a task its lead completes waits
("chờ xác nhận") until whoever assigned it confirms it, or returns it with a reason.
The lead's completion date is the one that counts for on time or late."""

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from tracker.audit.services import record_updated, snapshot
from tracker.core.actor import Actor
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.text import clean_multiline
from tracker.notifications.models import NotificationKind
from tracker.tasks.models import ProgressUpdate, Task, TaskState
from tracker.tasks.notices import tell
from tracker.tasks.policy import can_assign
from tracker.tasks.versions import check_task_version, flush_task


def confirm_completion(session: Session, actor: Actor, task: Task, *, version: int) -> Task:
    """:raise PermissionDenied: unless the actor leads the unit.
    :raise Conflict: the task changed since `version` was read.
    :raise ValidationFailed: a task that is not waiting for confirmation.
    """
    _require_waiting(actor, task, version)
    before = snapshot(task)
    task.awaiting_confirmation = False
    flush_task(session)
    record_updated(session, actor, task, before, unit_id=task.unit_id, action="confirm")
    return task


def return_completion(
    session: Session, actor: Actor, task: Task, *, reason: str, version: int
) -> Task:
    """Send a completed task back to its lead: open again, with the reason in its history.

    :raise PermissionDenied, Conflict: as `confirm_completion`.
    :raise ValidationFailed: a task not waiting for confirmation, no reason.
    """
    _require_waiting(actor, task, version)
    reason = clean_multiline(reason)
    if not reason:
        raise ValidationFailed.on("reason", _l("Cần nêu lý do trả lại."))
    before = snapshot(task)
    task.state, task.awaiting_confirmation, task.completed_on = TaskState.OPEN, False, None
    session.add(ProgressUpdate(task=task, author_id=actor.id, percent=None,
                               note=str(_l("Trả lại, chưa xác nhận hoàn thành: %(reason)s",
                                           reason=reason))))
    flush_task(session)
    record_updated(session, actor, task, before, unit_id=task.unit_id, action="return")
    tell(session, [task.lead], NotificationKind.COMPLETION_RETURNED, task, {"reason": reason})
    return task


def _require_waiting(actor: Actor, task: Task, version: int) -> None:
    if not can_assign(actor, task.unit):
        raise PermissionDenied(
            _l("Chỉ Chủ tịch, Phó Chủ tịch của đơn vị được xác nhận hoàn thành."))
    check_task_version(task, version)
    if not (task.state is TaskState.DONE and task.awaiting_confirmation):
        raise ValidationFailed.on("state", _l("Nhiệm vụ không chờ xác nhận hoàn thành."))
