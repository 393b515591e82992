"""/departments: the unit's own admin only; bad input answered beside the field."""

import pytest

from tests.conftest import csrf_token_from, sign_in
from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tests.helpers import audit_actions
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import Department, UnitLevel


@pytest.fixture
def unit(db_session):
    return UnitFactory(name="UBND xã Bộ Phận")


@pytest.fixture
def admin(unit):
    return OfficialFactory(unit=unit, username="quantri1", role=Role.ADMIN)


def _post(client, path: str, data: dict | None = None):
    token = csrf_token_from(client.get("/departments").get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **(data or {})})


def test_admin_adds_a_department_and_sees_it_listed(client, unit, admin):
    sign_in(client, "quantri1")
    response = _post(client, "/departments", {"name": "Phòng Kinh tế", "code": "kt"})
    assert response.status_code == 302
    (department,) = unit.departments
    assert (department.name, department.code) == ("Phòng Kinh tế", "kt")
    html = client.get("/departments").get_data(as_text=True)
    assert "Phòng Kinh tế" in html and "Đã thêm bộ phận Phòng Kinh tế." in html


@pytest.mark.parametrize(("data", "message"), [
    ({"name": ""}, "Trường này là bắt buộc."),
    ({"name": "Tư pháp"}, "Bộ phận Tư pháp đã có."),
    ({"name": "Mới", "code": "tp"}, "Mã bộ phận tp đã có."),
    ({"name": "Mới", "code": "có dấu"}, "không dấu"),
    ({"name": "x" * 151}, "Tối đa 150 ký tự."),
    ({"name": "A\x00B"}, "ký tự điều khiển"),
])
def test_bad_input_is_refused_with_a_message_and_nothing_written(client, unit, admin, data,
                                                                  message):
    DepartmentFactory(unit=unit, name="Tư pháp", code="tp")
    sign_in(client, "quantri1")
    response = _post(client, "/departments", data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert len(unit.departments) == 1


def test_rename_reorder_close_and_reopen(client, unit, admin):
    first = DepartmentFactory(unit=unit, name="A", position=1)
    second = DepartmentFactory(unit=unit, name="B", position=2)
    sign_in(client, "quantri1")
    assert _post(client, f"/departments/{second.id}/up").status_code == 302
    db.session.expire_all()
    assert second.position < first.position
    response = _post(client, f"/departments/{first.id}",
                     {"name": "Văn phòng", "code": "vp", "position": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (first.name, first.code, first.position, second.position) == ("Văn phòng", "vp", 1, 2)
    assert _post(client, f"/departments/{first.id}/close").status_code == 302
    db.session.expire_all()
    assert not first.active
    assert _post(client, f"/departments/{first.id}/reopen").status_code == 302
    db.session.expire_all()
    assert first.active and audit_actions(first) == ["update"] * 3


def test_closing_a_department_with_members_says_why(client, unit, admin):
    department = DepartmentFactory(unit=unit, name="Tư pháp")
    OfficialFactory(unit=unit, department=department, full_name="Võ Thị Kim Oanh")
    sign_in(client, "quantri1")
    page = client.get(f"/departments/{department.id}").get_data(as_text=True)
    assert "Võ Thị Kim Oanh" in page
    response = _post(client, f"/departments/{department.id}/close")
    assert response.status_code == 422
    assert "còn 1 cán bộ đang làm việc" in response.get_data(as_text=True)
    db.session.expire_all()
    assert department.active


def test_closing_the_report_office_says_why(client, unit, admin):
    office = DepartmentFactory(unit=unit)
    unit.settings.office_department = office
    db.session.flush()
    sign_in(client, "quantri1")
    response = _post(client, f"/departments/{office.id}/close")
    assert response.status_code == 422
    assert "bộ phận tổng hợp báo cáo" in response.get_data(as_text=True)


def test_a_position_that_is_not_a_number_is_refused(client, unit, admin):
    department = DepartmentFactory(unit=unit)
    sign_in(client, "quantri1")
    for bad in ("abc", "0", "9" * 30):
        response = _post(client, f"/departments/{department.id}",
                         {"name": department.name, "position": bad})
        assert response.status_code == 422


def test_a_department_of_another_unit_is_not_found(client, unit, admin):
    other = DepartmentFactory(name="Của xã khác")
    sign_in(client, "quantri1")
    assert client.get(f"/departments/{other.id}").status_code == 404
    assert _post(client, f"/departments/{other.id}", {"name": "Đổi"}).status_code == 404
    assert _post(client, f"/departments/{other.id}/close").status_code == 404
    db.session.expire_all()
    assert other.name == "Của xã khác" and other.active


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.OFFICER, Role.VIEWER])
def test_other_roles_get_403_and_cannot_post(client, unit, admin, role):
    department = DepartmentFactory(unit=unit)
    OfficialFactory(unit=unit, username="khac", role=role)
    sign_in(client, "khac")
    assert client.get("/departments").status_code == 403
    token = csrf_token_from(client.get("/profile").get_data(as_text=True))
    response = client.post("/departments", data={"csrf_token": token, "name": "Mới"})
    assert response.status_code == 403
    response = client.post(f"/departments/{department.id}/close", data={"csrf_token": token})
    assert response.status_code == 403
    assert db.session.query(Department).filter_by(unit_id=unit.id).count() == 1


def test_the_province_admin_does_not_run_a_communes_departments(client, unit):
    province = UnitFactory(level=UnitLevel.PROVINCE)
    unit.parent = province
    db.session.flush()
    department = DepartmentFactory(unit=unit)
    OfficialFactory(unit=province, username="qt.tinh", role=Role.ADMIN)
    sign_in(client, "qt.tinh")
    assert client.get(f"/departments/{department.id}").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, unit):
    assert client.get("/departments").status_code == 302
