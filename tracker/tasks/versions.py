"""A task's version: what a writer who read an older one is told (core.versioning)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from tracker.audit.services import snapshot
from tracker.core.versioning import check_version, flush_versioned
from tracker.tasks.models import Task

TASK_CHANGED = _l(
    "Nhiệm vụ vừa được người khác cập nhật. Vui lòng xem giá trị hiện tại rồi thử lại."
)


def check_task_version(task: Task, version: int) -> None:
    """:raise Conflict: the task changed since `version` was read, with its values now."""
    check_version(task, version, TASK_CHANGED,
                  current=lambda: snapshot(task) | {"version": task.version})


def flush_task(session: Session) -> None:
    """:raise Conflict: someone else's change to a task was committed since it was read."""
    flush_versioned(session, TASK_CHANGED)
