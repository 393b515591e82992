"""The unit's officials and departments, to choose leads and filters from (read-only)."""

from flask_babel import lazy_gettext as _l

from tracker.api.core import Endpoint, endpoint, official
from tracker.api.schemas import DepartmentList, DepartmentOut, OfficialList, OfficialOut
from tracker.core.text import name_sort_key
from tracker.extensions import db
from tracker.org.services import get_department, get_official, list_officials

_MAX = "int(max=2147483647)"


@endpoint("/officials", "GET", Endpoint(
    _l("Cán bộ, công chức của đơn vị, theo thứ tự tên"), response=OfficialList))
def officials_list():
    people = sorted(list_officials(db.session, official().unit),
                    key=lambda o: name_sort_key(o.full_name))
    return OfficialList().dump({"items": people})


@endpoint(f"/officials/<{_MAX}:official_id>", "GET", Endpoint(
    _l("Một cán bộ, công chức"), response=OfficialOut))
def official_get(official_id: int):
    return OfficialOut().dump(get_official(db.session, official(), official_id))


@endpoint("/departments", "GET", Endpoint(_l("Bộ phận của đơn vị"), response=DepartmentList))
def departments_list():
    return DepartmentList().dump({"items": official().unit.departments})


@endpoint(f"/departments/<{_MAX}:department_id>", "GET", Endpoint(
    _l("Một bộ phận"), response=DepartmentOut))
def department_get(department_id: int):
    return DepartmentOut().dump(get_department(db.session, official(), department_id))
