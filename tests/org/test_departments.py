"""Departments: only the unit's own admin changes them; closing keeps history but not
while the department holds active officials or compiles the report."""

import pytest

from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tests.helpers import audit_actions
from tracker.core.actor import SYSTEM
from tracker.core.errors import NotFound, PermissionDenied, ValidationFailed
from tracker.core.roles import Role
from tracker.org.departments import (
    create_department,
    department_members,
    find_department,
    move_department,
    update_department,
)
from tracker.org.models import Department, UnitLevel
from tracker.org.settings import update_unit_settings


@pytest.fixture
def unit(db_session):
    return UnitFactory(name="UBND xã Bộ Phận")


@pytest.fixture
def admin(unit):
    return OfficialFactory(unit=unit, role=Role.ADMIN)


def _names(unit) -> list[str]:
    return [d.name for d in sorted(unit.departments, key=lambda d: (d.position, d.id))]


def test_admin_creates_a_department_with_a_code(db_session, unit, admin):
    office = create_department(db_session, admin, unit, name="  Văn phòng   HĐND và UBND ",
                               code="VP")
    assert (office.name, office.code, office.active) == ("Văn phòng HĐND và UBND", "vp", True)
    assert audit_actions(office) == ["create"]


def test_departments_go_last_and_move_up_and_down(db_session, unit, admin):
    for name in ("A", "B", "C"):
        create_department(db_session, admin, unit, name=name)
    c = next(d for d in unit.departments if d.name == "C")
    move_department(db_session, admin, c, -1)
    assert _names(unit) == ["A", "C", "B"]
    move_department(db_session, admin, c, -1)
    move_department(db_session, admin, c, -1)  # already first: stays
    assert _names(unit) == ["C", "A", "B"]
    update_department(db_session, admin, c, position=3)
    assert _names(unit) == ["A", "B", "C"]
    assert audit_actions(c)[-1] == "update"


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"name": ""}, "name", "bắt buộc"),
    ({"name": "x" * 151}, "name", "150"),
    ({"name": "Tư pháp"}, "name", "đã có"),
    ({"name": "Mới", "code": "tp"}, "code", "đã có"),
    ({"name": "Mới", "code": "mã có dấu"}, "code", "không dấu"),
])
def test_bad_department_is_refused_per_field(db_session, unit, admin, fields, field, message):
    create_department(db_session, admin, unit, name="Tư pháp", code="tp")
    with pytest.raises(ValidationFailed) as error:
        create_department(db_session, admin, unit, **fields)
    assert message in str(error.value.errors[field][0])
    assert len(unit.departments) == 1


def test_same_name_in_another_unit_is_fine(db_session, unit, admin):
    DepartmentFactory(name="Tư pháp")
    assert create_department(db_session, admin, unit, name="Tư pháp").unit == unit


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.OFFICER, Role.VIEWER])
def test_only_the_admin_changes_departments(db_session, unit, role):
    actor = OfficialFactory(unit=unit, role=role)
    department = DepartmentFactory(unit=unit)
    with pytest.raises(PermissionDenied):
        create_department(db_session, actor, unit, name="Mới")
    with pytest.raises(PermissionDenied):
        update_department(db_session, actor, department, name="Khác")


def test_admin_of_another_unit_or_of_the_province_cannot_change_them(db_session, unit):
    province = UnitFactory(level=UnitLevel.PROVINCE)
    unit.parent = province
    department = DepartmentFactory(unit=unit)
    for actor in (OfficialFactory(role=Role.ADMIN), OfficialFactory(unit=province,
                                                                    role=Role.ADMIN)):
        with pytest.raises(PermissionDenied):
            update_department(db_session, actor, department, name="Khác")


def test_closing_is_refused_while_officials_work_there(db_session, unit, admin):
    department = DepartmentFactory(unit=unit)
    official = OfficialFactory(unit=unit, department=department)
    with pytest.raises(ValidationFailed) as error:
        update_department(db_session, admin, department, active=False)
    assert "còn 1 cán bộ" in str(error.value.errors["active"][0])
    assert department.active
    official.active = False
    update_department(db_session, admin, department, active=False)
    assert not department.active and department not in unit.active_departments
    assert department_members(db_session, department) == [official]
    update_department(db_session, admin, department, active=True)
    assert department.active


def test_the_report_office_cannot_close_nor_a_closed_one_become_it(db_session, unit, admin):
    office = DepartmentFactory(unit=unit)
    update_unit_settings(db_session, SYSTEM, unit, office_department=office)
    with pytest.raises(ValidationFailed) as error:
        update_department(db_session, admin, office, active=False)
    assert "tổng hợp báo cáo" in str(error.value.errors["active"][0])
    closed = DepartmentFactory(unit=unit, active=False)
    with pytest.raises(ValidationFailed) as error:
        update_unit_settings(db_session, admin, unit, office_department=closed)
    assert "ngừng hoạt động" in str(error.value.errors["office_department"][0])


def test_a_position_must_be_a_whole_number_from_one(db_session, unit, admin):
    department = DepartmentFactory(unit=unit)
    for bad in (0, -1, True, "2"):
        with pytest.raises(ValidationFailed) as error:
            update_department(db_session, admin, department, position=bad)
        assert "position" in error.value.errors


def test_rename_to_its_own_name_is_no_clash(db_session, unit, admin):
    department = create_department(db_session, admin, unit, name="Tư pháp", code="tp")
    update_department(db_session, admin, department, name="Tư pháp", code="tp")
    assert audit_actions(department) == ["create"]


def test_find_by_code_or_folded_name(db_session, unit, admin):
    department = create_department(db_session, admin, unit, name="Văn hóa - Xã hội", code="vhxh")
    assert find_department(db_session, unit, "VHXH") is department
    assert find_department(db_session, unit, "van hoa - xa hoi") is department
    with pytest.raises(NotFound):
        find_department(db_session, unit, "không có")
    assert db_session.get(Department, department.id) is department
