"""/units: a province's admin lists the communes below and creates one with its admin."""

import pytest

from tests.conftest import csrf_token_from, sign_in
from tests.factories import OfficialFactory, UnitFactory
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import CommuneKind, Official, Unit, UnitLevel


@pytest.fixture
def province(db_session):
    return UnitFactory(code="quang-ngai", name="UBND tỉnh Quảng Ngãi", level=UnitLevel.PROVINCE)


@pytest.fixture
def province_admin(province):
    return OfficialFactory(unit=province, username="qt.tinh", role=Role.ADMIN)


def _form(**changes) -> dict:
    return {"code": "tu-nghia", "name": "UBND xã Tư Nghĩa", "place_name": "Tư Nghĩa",
            "commune_kind": "xa", "admin_username": "qt.tunghia",
            "admin_full_name": "Lê Thị Quản Trị", "admin_email": "", "admin_password": ""
            } | changes


def _post(client, data: dict):
    token = csrf_token_from(client.get("/profile").get_data(as_text=True))
    return client.post("/units", data={"csrf_token": token, **data})


def test_province_admin_creates_a_commune_and_sees_the_password_once(client, province,
                                                                     province_admin):
    existing = UnitFactory(parent=province, name="UBND phường Cũ")
    OfficialFactory(unit=existing, username="qt.cu", role=Role.ADMIN, full_name="Trần Cũ")
    sign_in(client, "qt.tinh")
    page = client.get("/units").get_data(as_text=True)
    assert "UBND phường Cũ" in page and "Trần Cũ (qt.cu)" in page
    assert 'href="/units"' in page  # in the menu
    response = _post(client, _form())
    assert response.status_code == 201
    html = response.get_data(as_text=True)
    assert 'data-testid="new-admin-password"' in html
    unit = db.session.query(Unit).filter_by(code="tu-nghia").one()
    assert (unit.parent, unit.commune_kind) == (province, CommuneKind.XA)
    admin = db.session.query(Official).filter_by(username="qt.tunghia").one()
    assert admin.unit == unit and admin.role is Role.ADMIN
    assert "UBND xã Tư Nghĩa" in client.get("/units").get_data(as_text=True)


def test_a_chosen_password_is_not_shown(client, province, province_admin):
    sign_in(client, "qt.tinh")
    response = _post(client, _form(admin_password="mat-khau-dai-du"))
    assert response.status_code == 201
    assert 'data-testid="new-admin-password"' not in response.get_data(as_text=True)


@pytest.mark.parametrize(("data", "message"), [
    ({"code": ""}, "Trường này là bắt buộc."),
    ({"code": "Có Dấu"}, "Mã đơn vị gồm"),
    ({"code": "quang-ngai"}, "Mã đơn vị quang-ngai đã có."),
    ({"name": ""}, "Trường này là bắt buộc."),
    ({"commune_kind": "huyen"}, "Lựa chọn không hợp lệ."),
    ({"admin_username": "qt.tinh"}, "Tên đăng nhập qt.tinh đã có."),
    ({"admin_email": "khong-phai-email"}, "Địa chỉ e-mail không hợp lệ."),
    ({"admin_password": "ngan"}, "Mật khẩu cần ít nhất 8 ký tự."),
    ({"admin_full_name": ""}, "Trường này là bắt buộc."),
])
def test_bad_input_is_refused_and_nothing_created(client, province, province_admin, data,
                                                  message):
    sign_in(client, "qt.tinh")
    response = _post(client, _form(**data))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.query(Unit).filter_by(parent_id=province.id).count() == 0
    assert db.session.query(Official).filter_by(username="qt.tunghia").count() == 0


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.OFFICER, Role.VIEWER])
def test_other_province_officials_get_403(client, province, role):
    OfficialFactory(unit=province, username="khac", role=role)
    sign_in(client, "khac")
    assert client.get("/units").status_code == 403
    assert _post(client, _form()).status_code == 403
    assert db.session.query(Unit).filter_by(code="tu-nghia").count() == 0


def test_a_commune_admin_creates_no_unit(client, province):
    commune = UnitFactory(parent=province)
    OfficialFactory(unit=commune, username="qt.xa", role=Role.ADMIN)
    sign_in(client, "qt.xa")
    assert 'href="/units"' not in client.get("/").get_data(as_text=True)
    assert client.get("/units").status_code == 403
    assert _post(client, _form()).status_code == 403
