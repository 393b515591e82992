"""The unit's departments."""

from flask_babel import lazy_gettext as _l

from tracker.api.core import Endpoint, endpoint, official
from tracker.api.schemas import DepartmentList, DepartmentOut
from tracker.core.validation import MAX_ID
from tracker.extensions import db
from tracker.org.departments import get_department

_MAX = f"int(max={MAX_ID})"


@endpoint("/departments", "GET", Endpoint(_l("Bộ phận của đơn vị"), response=DepartmentList))
def departments_list():
    return DepartmentList().dump({"items": official().unit.departments})


@endpoint(f"/departments/<{_MAX}:department_id>", "GET", Endpoint(
    _l("Một bộ phận"), response=DepartmentOut))
def department_get(department_id: int):
    return DepartmentOut().dump(get_department(db.session, official(), department_id))
