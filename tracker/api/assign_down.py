"""A province's task given to its communes at once: all of them or the ones chosen, the
same body as assigning a task in the unit plus the units (tasks.assigned_down)."""

from flask_babel import lazy_gettext as _l

from tracker.api.assign_down_schemas import AssignDownIn, TaskWithCopiesOut
from tracker.api.core import Endpoint, endpoint, load_body, official
from tracker.api.tasks import assignment
from tracker.extensions import db
from tracker.tasks.assigned_down import assign_down, require_assigner_down


@endpoint("/tasks/assign-down", "POST", Endpoint(
    _l("Giao một nhiệm vụ cho các đơn vị trực thuộc (Chủ tịch, Phó Chủ tịch cấp trên)"),
    body=AssignDownIn, response=TaskWithCopiesOut, status=201))
def task_assign_down():
    unit = official().unit
    require_assigner_down(db.session, official(), unit)  # before the body is read
    data = load_body()
    units = data.pop("units")
    task = assign_down(db.session, official(), unit, units=units,
                       **assignment(data, unit, document=None))
    db.session.commit()
    return TaskWithCopiesOut().dump(task), 201
