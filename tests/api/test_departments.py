"""POST and PATCH /api/v1/departments: the unit's admin only, the same rules as the page."""

import pytest

from tests.api.conftest import bearer
from tests.factories import DepartmentFactory, OfficialFactory
from tests.helpers import audit_actions
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import Department


@pytest.fixture
def admin_auth(commune):
    return bearer(OfficialFactory(unit=commune.unit, username="quantri", role=Role.ADMIN))


def test_admin_creates_renames_moves_and_closes_a_department(client, commune, admin_auth):
    response = client.post("/api/v1/departments", headers=admin_auth,
                           json={"name": "Phòng Kinh tế", "code": "KT"})
    assert response.status_code == 201
    created = response.json
    assert (created["name"], created["code"], created["active"]) == ("Phòng Kinh tế", "kt", True)
    one = f"/api/v1/departments/{created['id']}"
    response = client.patch(one, headers=admin_auth,
                            json={"name": "Phòng Kinh tế, Hạ tầng và Đô thị", "position": 1})
    assert response.status_code == 200 and response.json["position"] == 1
    response = client.patch(one, headers=admin_auth, json={"active": False})
    assert response.status_code == 200 and response.json["active"] is False
    names = [d["name"] for d in client.get("/api/v1/departments",
                                           headers=admin_auth).json["items"]]
    assert "Phòng Kinh tế, Hạ tầng và Đô thị" not in names  # pickers offer open ones only
    department = db.session.get(Department, created["id"])
    assert audit_actions(department) == ["create", "update", "update"]


@pytest.mark.parametrize(("body", "field", "message"), [
    ({}, "name", "Trường này là bắt buộc."),
    ({"name": ""}, "name", "Trường này là bắt buộc."),
    ({"name": "Tư pháp - Hộ tịch"}, "name", "Bộ phận Tư pháp - Hộ tịch đã có."),
    ({"name": "Mới", "code": "có dấu"}, "code", "không dấu"),
    ({"name": "x" * 151}, "name", "Tối đa 150 ký tự."),
    ({"name": "Mới", "unit": 1}, "unit", "Trường này không có trong API."),
    ({"name": 5}, "name", "Cần một chuỗi ký tự."),
])
def test_bad_body_is_refused_per_field(client, commune, admin_auth, body, field, message):
    response = client.post("/api/v1/departments", headers=admin_auth, json=body)
    assert response.status_code == 422
    assert message in " ".join(response.json["errors"][field])
    assert db.session.query(Department).filter_by(unit_id=commune.unit.id).count() == 2


@pytest.mark.parametrize(("body", "field"), [
    ({"position": 0}, "position"), ({"position": "1"}, "position"),
    ({"active": "no"}, "active"), ({"name": None}, "name"),
])
def test_bad_patch_is_refused(client, commune, admin_auth, body, field):
    response = client.patch(f"/api/v1/departments/{commune.justice.id}", headers=admin_auth,
                            json=body)
    assert response.status_code == 422 and field in response.json["errors"]


def test_closing_a_department_with_officials_or_the_office_is_refused(client, commune,
                                                                      admin_auth):
    commune.unit.settings.office_department = commune.office
    db.session.flush()
    for department in (commune.justice, commune.office):
        response = client.patch(f"/api/v1/departments/{department.id}", headers=admin_auth,
                                json={"active": False})
        assert response.status_code == 422
        assert response.json["errors"]["active"]
        db.session.expire_all()
        assert department.active


def test_a_department_of_another_unit_is_not_found(client, commune, admin_auth):
    other = DepartmentFactory(name="Của xã khác")
    response = client.patch(f"/api/v1/departments/{other.id}", headers=admin_auth,
                            json={"name": "Đổi"})
    assert response.status_code == 404
    db.session.expire_all()
    assert other.name == "Của xã khác"


@pytest.mark.parametrize("who", ["chairman", "lead", "viewer", "stranger"])
def test_only_the_admin_changes_departments(client, commune, who):
    auth = getattr(commune, f"{who}_auth")
    response = client.post("/api/v1/departments", headers=auth, json={"name": "Mới"})
    assert response.status_code == 403
    response = client.patch(f"/api/v1/departments/{commune.justice.id}", headers=auth,
                            json={"name": "Đổi"})
    assert response.status_code == (404 if who == "stranger" else 403)
    db.session.expire_all()
    assert commune.justice.name == "Tư pháp - Hộ tịch"
