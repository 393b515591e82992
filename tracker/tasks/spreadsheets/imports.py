"""Assigning the tasks of an uploaded sheet through the services: all rows or none."""

from typing import BinaryIO

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from tracker.core.actor import Actor
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.spreadsheets import (
    RowProblem,
    SheetRejected,
    read_rows,
)
from tracker.org.models import Unit
from tracker.tasks.models import Task, TaskState
from tracker.tasks.policy import can_assign
from tracker.tasks.services import cancel_task, complete_task, create_task, record_progress
from tracker.tasks.spreadsheets.columns import (
    FIELD_COLUMNS,
    MAX_IMPORT_ROWS,
    TASK_SHEET,
    sheet_labels,
)
from tracker.tasks.spreadsheets.rows import RowPlan, RowReader, column_order, task_header


def import_tasks(session: Session, actor: Actor, unit: Unit, stream: BinaryIO) -> list[Task]:
    """Assign the tasks of an uploaded workbook's sheet "Nhiệm vụ" (laid out as the export
    or the template); flushes only.

    :raise PermissionDenied: unless the actor may assign tasks in the unit.
    :raise ValidationFailed: a file that is no .xlsx workbook, or too large.
    :raise SheetRejected: any problem in any row (each by row and column); nothing written.
    """
    require_assigner(actor, unit)
    # Room for the header and a title or two above it; the tasks are counted below.
    rows = read_rows(stream, field="file", sheet_name=TASK_SHEET, max_rows=MAX_IMPORT_ROWS + 10)
    reader = RowReader(session, unit, sheet_labels(), task_header(rows))
    plans = [reader.read(row) for row in rows if row.number > reader.header_row]
    plans = [plan for plan in plans if plan is not None]
    if not plans:
        raise SheetRejected(_l("Bảng tính không có nhiệm vụ nào."), [])
    if len(plans) > MAX_IMPORT_ROWS:
        raise ValidationFailed.on("file", _l(
            "Bảng tính có hơn %(count)d nhiệm vụ; hãy chia thành nhiều tệp.",
            count=MAX_IMPORT_ROWS))
    reader.check_repeats(plans)
    tasks: list[Task] = []
    problems = [problem for plan in plans for problem in plan.problems]
    with session.begin_nested():
        for plan in plans:
            if not plan.problems:
                # Rows go on after a refused one, so that the page lists every problem.
                task = _assign(session, actor, unit, plan, problems)
                tasks += [task] if task else []
        if problems:
            problems.sort(key=lambda p: (p.row, column_order(p.column)))
            raise SheetRejected(_l(
                "Bảng tính có %(count)d lỗi; chưa nhập nhiệm vụ nào. Sửa các ô được nêu rồi tải "
                "lên lại.", count=len(problems)), problems)
    return tasks


def require_assigner(actor: Actor, unit: Unit) -> None:
    if not can_assign(actor, unit):
        raise PermissionDenied(_l("Chỉ Chủ tịch, Phó Chủ tịch của đơn vị được giao nhiệm vụ."))


def _assign(session: Session, actor: Actor, unit: Unit, plan: RowPlan,
            problems: list[RowProblem]) -> Task | None:
    """Assign one row's task, then record how far it has come, each in the row's own
    savepoint; a rule the services refuse becomes the row's problem."""
    try:
        with session.begin_nested():
            # Work already done or cancelled is history: nobody is told of it as new.
            task = create_task(session, actor, unit, **plan.assignment,
                               announce=plan.state is TaskState.OPEN)
            if plan.percent and plan.state is not TaskState.DONE:
                record_progress(session, actor, task, percent=plan.percent, note="",
                                version=task.version)
            if plan.state is TaskState.DONE:
                complete_task(session, actor, task, result=plan.result,
                              completed_on=plan.completed_on, version=task.version)
            elif plan.state is TaskState.CANCELLED:
                cancel_task(session, actor, task, reason=plan.cancel_reason,
                            version=task.version)
            return task
    except ValidationFailed as error:
        for name, messages in error.errors.items() or [("", [error.message])]:
            column = plan.due_column if name == "due_date" else FIELD_COLUMNS.get(name, "")
            problems += [RowProblem(plan.row, column, message) for message in messages]
        return None
