"""What the API reads and writes of tasks assigned down: the body that gives a task to
the units below, and a task as every /tasks/<id> answer shows it, with the copies of a
task assigned down or, for a copy, the task above it comes from."""

from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields
from marshmallow.validate import Range

from tracker.api.schemas import OfficialRef, TaskDetailOut, TaskIn
from tracker.core.clock import today_in
from tracker.core.validation import MAX_ID
from tracker.extensions import db
from tracker.tasks.assigned_down import CopyRow, roll_up
from tracker.tasks.models import Task, TaskState
from tracker.tasks.status import TaskClass

EVERY_UNIT = "all"


class UnitChoice(fields.List):
    """The units below chosen: a list of their ids, or "all" (loaded as None: every one)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any
                     ) -> list[Any] | None:
        if value == EVERY_UNIT:
            return None
        return super()._deserialize(value, attr, data, **kwargs)


class AssignDownIn(TaskIn):
    units = UnitChoice(
        fields.Integer(strict=True, validate=Range(1, MAX_ID, error=_l("Mã không hợp lệ."))),
        required=True, error_messages={"invalid": _l(
            "Cần danh sách mã đơn vị trực thuộc hoặc \"all\".")},
        metadata={"description": "Mã các đơn vị trực thuộc được giao, hoặc chuỗi \"all\": "
                                 "mọi đơn vị trực thuộc"})


class CopyUnitRef(Schema):
    id = fields.Integer()
    code = fields.String()
    name = fields.String()


class CopyOut(Schema):
    """One unit's copy of a task assigned down, as the roll-up reads it today."""

    id = fields.Integer(attribute="task.id")
    unit = fields.Nested(CopyUnitRef, attribute="task.unit")
    lead = fields.Nested(OfficialRef, attribute="task.lead")
    state = fields.Enum(TaskState, by_value=True, attribute="task.state")
    task_class = fields.Enum(TaskClass, by_value=True, data_key="class")
    progress_percent = fields.Integer(attribute="task.progress_percent")
    due_date = fields.Date(allow_none=True, attribute="task.due_date")


class ParentUnitRef(Schema):
    id = fields.Integer()
    name = fields.String()


class ParentOut(Schema):
    id = fields.Integer()
    unit = fields.Nested(ParentUnitRef)


class TaskWithCopiesOut(TaskDetailOut):
    parent = fields.Nested(ParentOut, allow_none=True, metadata={
        "description": "Nhiệm vụ của cấp trên mà đơn vị nhận bản giao này; null: nhiệm vụ "
                       "của chính đơn vị"})
    copies = fields.List(fields.Nested(CopyOut), metadata={
        "description": "Bản giao cho từng đơn vị trực thuộc, theo tên địa phương; rỗng với "
                       "nhiệm vụ không giao xuống"})

    def get_attribute(self, obj: Any, attr: str, default: Any) -> Any:
        if attr == "copies":
            return _copies(obj)
        return super().get_attribute(obj, attr, default)


def _copies(task: Task) -> list[CopyRow]:
    """The roll-up, not `task.copies`: one query for every copy with its unit and lead."""
    rolled = roll_up(db.session, task, today_in(task.unit.timezone))
    return rolled.rows if rolled else []
