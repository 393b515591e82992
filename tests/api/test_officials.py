"""/api/v1/officials for the unit's admin: create, change, deactivate, new passwords and
unlocking, with the pages' services and rules; everyone else is refused."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.api.conftest import bearer
from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tests.helpers import audit_actions, count_rows
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import Official, SignInAttempts, UnitLevel
from tracker.org.sessions import load_signed_in, start_session


@pytest.fixture
def admin_auth(commune):
    commune.admin = OfficialFactory(unit=commune.unit, username="quantri", role=Role.ADMIN)
    return bearer(commune.admin)


def _new(**changes) -> dict:
    return {"username": "diachinh1", "full_name": "Nguyễn Văn Đất", "role": "officer",
            "position": "Công chức Địa chính - Xây dựng"} | changes


def test_admin_creates_an_official_and_gets_the_generated_password_once(
        client, commune, admin_auth):
    response = client.post("/api/v1/officials", json=_new(department=commune.office.id,
                                                          phone="0912 000 111"),
                           headers=admin_auth)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert len(body["password"]) == 12
    assert body["official"]["department"]["id"] == commune.office.id
    assert body["official"]["must_change_password"] is True
    created = db.session.get(Official, body["official"]["id"])
    assert created.unit == commune.unit and audit_actions(created) == ["create"]


def test_a_chosen_password_is_not_sent_back(client, admin_auth):
    response = client.post("/api/v1/officials", json=_new(password="mat-khau-du-dai"),
                           headers=admin_auth)
    assert response.status_code == 201 and response.get_json()["password"] is None


@pytest.mark.parametrize(("changes", "field"), [
    ({"username": "tuphap1"}, "username"),
    ({"email": "sai"}, "email"),
    ({"role": "boss"}, "role"),
    ({"full_name": ""}, "full_name"),
    ({"department": 2147483647}, "department"),
    ({"password": "ngan"}, "password"),
    ({"phone": "\x00"}, "phone"),
    ({"active": False}, "active"),
    ({"unit": 2147483647}, "unit"),
])
def test_bad_input_is_a_422_per_field_and_nothing_is_written(client, commune, admin_auth,
                                                             changes, field):
    before = count_rows(Official)
    response = client.post("/api/v1/officials", json=_new(**changes), headers=admin_auth)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert count_rows(Official) == before


def test_a_department_of_another_unit_is_refused(client, admin_auth):
    elsewhere = DepartmentFactory(name="Bộ phận xã khác")
    response = client.post("/api/v1/officials", json=_new(department=elsewhere.id),
                           headers=admin_auth)
    assert response.status_code == 422
    assert response.get_json()["errors"]["department"] == ["Bộ phận không thuộc đơn vị này."]


def test_patch_changes_only_what_is_sent(client, commune, admin_auth):
    response = client.patch(f"/api/v1/officials/{commune.lead.id}",
                            json={"position": "Chuyên viên", "department": None},
                            headers=admin_auth)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["position"] == "Chuyên viên" and body["department"] is None
    assert body["full_name"] == "Võ Thị Kim Oanh"


def test_patch_deactivates_and_the_old_token_and_session_are_refused(client, commune,
                                                                      admin_auth):
    secret = start_session(db.session, commune.lead, user_agent="", address="")
    response = client.patch(f"/api/v1/officials/{commune.lead.id}", json={"active": False},
                            headers=admin_auth)
    assert response.status_code == 200 and response.get_json()["active"] is False
    assert client.get("/api/v1/tasks", headers=commune.lead_auth).status_code == 401
    assert load_signed_in(db.session, secret, absolute_lifetime=timedelta(days=1)) is None
    response = client.patch(f"/api/v1/officials/{commune.lead.id}", json={"active": True},
                            headers=admin_auth)
    assert response.get_json()["active"] is True


def test_a_role_change_revokes_the_officials_tokens(client, commune, admin_auth):
    response = client.patch(f"/api/v1/officials/{commune.lead.id}",
                            json={"role": "vice_chairman"}, headers=admin_auth)
    assert response.status_code == 200
    assert client.get("/api/v1/tasks", headers=commune.lead_auth).status_code == 401


def test_the_only_chairman_and_the_last_admin_stay(client, commune, admin_auth):
    response = client.patch(f"/api/v1/officials/{commune.chairman.id}", json={"active": False},
                            headers=admin_auth)
    assert response.status_code == 422 and "active" in response.get_json()["errors"]
    response = client.patch(f"/api/v1/officials/{commune.admin.id}", json={"role": "officer"},
                            headers=admin_auth)
    assert response.status_code == 422 and "role" in response.get_json()["errors"]
    db.session.refresh(commune.admin)
    assert commune.admin.role is Role.ADMIN


def test_password_reset_returns_the_generated_password_and_revokes_tokens(client, commune,
                                                                          admin_auth):
    response = client.post(f"/api/v1/officials/{commune.lead.id}/password-reset",
                           headers=admin_auth)
    assert response.status_code == 200, response.get_json()
    assert len(response.get_json()["password"]) == 12
    assert response.get_json()["official"]["must_change_password"] is True
    assert client.get("/api/v1/tasks", headers=commune.lead_auth).status_code == 401
    chosen = client.post(f"/api/v1/officials/{commune.lead.id}/password-reset",
                         json={"password": "ngan"}, headers=admin_auth)
    assert chosen.status_code == 422 and "password" in chosen.get_json()["errors"]


def test_an_account_that_must_change_its_password_is_refused_with_403(client, commune):
    commune.lead.must_change_password = True
    db.session.flush()
    response = client.get("/api/v1/tasks", headers=commune.lead_auth)
    assert response.status_code == 403 and "đổi mật khẩu" in response.get_json()["message"]


def test_unlock_clears_the_counters(client, commune, admin_auth):
    db.session.add(SignInAttempts(login_key=f"#{commune.lead.id}", address="*", attempts=31,
                                  last_attempt_at=commune.lead.created_at))
    db.session.flush()
    response = client.post(f"/api/v1/officials/{commune.lead.id}/unlock", headers=admin_auth)
    assert response.status_code == 200
    assert count_rows(SignInAttempts) == 0 and "unlock" in audit_actions(commune.lead)


@pytest.mark.parametrize("caller", ["chairman", "lead", "viewer"])
def test_no_one_else_of_the_unit_manages_officials(client, commune, caller):
    auth = getattr(commune, f"{caller}_auth")
    target = commune.other.id
    calls = [("post", "/api/v1/officials", _new()),
             ("patch", f"/api/v1/officials/{target}", {"position": "X"}),
             ("patch", f"/api/v1/officials/{target}", {}),
             ("post", f"/api/v1/officials/{target}/password-reset", {}),
             ("post", f"/api/v1/officials/{target}/unlock", None)]
    for method, path, body in calls:
        response = getattr(client, method)(path, json=body, headers=auth)
        assert response.status_code == 403, (method, path)
    assert db.session.scalar(select(Official).where(Official.username == "diachinh1")) is None


def test_another_units_officials_are_not_found(client, commune):
    admin_elsewhere = OfficialFactory(role=Role.ADMIN)
    response = client.patch(f"/api/v1/officials/{commune.lead.id}", json={"position": "X"},
                            headers=bearer(admin_elsewhere))
    assert response.status_code == 404


def test_the_province_admin_creates_in_a_commune_directly_below(client, db_session):
    province = UnitFactory(level=UnitLevel.PROVINCE)
    commune = UnitFactory(parent=province)
    auth = bearer(OfficialFactory(unit=province, role=Role.ADMIN))
    response = client.post("/api/v1/officials", json=_new(unit=commune.id, role="admin"),
                           headers=auth)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["official"]["unit"]["id"] == commune.id
    elsewhere = UnitFactory()
    response = client.post("/api/v1/officials", json=_new(unit=elsewhere.id, username="khac1"),
                           headers=auth)
    assert response.status_code == 422 and "unit" in response.get_json()["errors"]
