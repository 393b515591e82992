"""/setup: the unit's own admin sets the unit up; home leads a new unit's admin there."""

import re

import pytest

from tests.conftest import csrf_token_from, sign_in
from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import CommuneKind, UnitLevel


@pytest.fixture
def province(db_session):
    return UnitFactory(name="UBND tỉnh Quảng Ngãi", level=UnitLevel.PROVINCE)


@pytest.fixture
def unit(province):
    return UnitFactory(name="UBND xã Mới", parent=province, commune_kind=CommuneKind.XA)


@pytest.fixture
def admin(unit):
    return OfficialFactory(unit=unit, username="quantri1", role=Role.ADMIN)


def _form(**changes) -> dict:
    return {"name": "UBND phường Mới", "place_name": "Mới", "unit_type": "phuong",
            "preset": "2025", "office_department": "0", "report_recipients": "",
            "signature_authority": "TM. ỦY BAN NHÂN DÂN", "signer_title": "CHỦ TỊCH"} | changes


def _post(client, data: dict):
    token = csrf_token_from(client.get("/setup").get_data(as_text=True))
    return client.post("/setup", data={"csrf_token": token, **data})


def test_a_new_units_admin_is_shown_the_way_to_the_setup(client, unit, admin):
    sign_in(client, "quantri1")
    home = client.get("/").get_data(as_text=True)
    assert 'data-testid="setup-banner"' in home and 'href="/setup"' in home
    page = client.get("/setup").get_data(as_text=True)
    assert 'data-testid="first-setup"' in page and "UBND tỉnh Quảng Ngãi" in page
    assert re.search(r'<input checked[^>]*value="2025"', page)
    assert 'href="/setup"' in client.get("/settings").get_data(as_text=True)


def test_admin_sets_up_the_unit_with_the_2025_preset(client, unit, admin):
    sign_in(client, "quantri1")
    response = _post(client, _form(show_superior_body=""))
    assert response.status_code == 302
    db.session.expire_all()
    assert unit.name == "UBND phường Mới" and unit.commune_kind is CommuneKind.PHUONG
    assert [d.name for d in unit.departments] == [
        "Văn phòng HĐND và UBND", "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công"]
    assert unit.settings.office_department.name == "Văn phòng HĐND và UBND"
    assert "Sở Nội vụ tỉnh Quảng Ngãi" in unit.settings.report_recipients
    assert unit.settings.show_superior_body is False
    home = client.get("/").get_data(as_text=True)
    assert 'data-testid="setup-banner"' not in home
    assert "đã thêm 4 bộ phận" in home


def test_admin_chooses_the_office_and_the_signature(client, unit, admin):
    own = DepartmentFactory(unit=unit, name="Bộ phận riêng")
    sign_in(client, "quantri1")
    response = _post(client, _form(preset="empty", office_department=str(own.id),
                                   signer_title="phó chủ tịch", show_superior_body="y",
                                   report_recipients="Sở Nội vụ\nLưu: VT"))
    assert response.status_code == 302
    db.session.expire_all()
    settings = unit.settings
    assert (settings.office_department, settings.signer_title, settings.show_superior_body,
            settings.report_recipients) == (own, "PHÓ CHỦ TỊCH", True, "Sở Nội vụ\nLưu: VT")
    assert len(unit.departments) == 1


@pytest.mark.parametrize(("data", "message"), [
    ({"name": ""}, "Trường này là bắt buộc."),
    ({"unit_type": "province"}, "Đơn vị trực thuộc tỉnh là xã, phường hoặc đặc khu."),
    ({"unit_type": "huyen"}, "Lựa chọn không hợp lệ."),
    ({"preset": "1999"}, "Lựa chọn không hợp lệ."),
    ({"signer_title": ""}, "Trường này là bắt buộc."),
    ({"report_recipients": "x" * 201}, "Tối đa 30 nơi nhận"),
    ({"office_department": "999999"}, "Lựa chọn không hợp lệ."),
])
def test_bad_input_is_refused_and_nothing_written(client, unit, admin, data, message):
    sign_in(client, "quantri1")
    response = _post(client, _form(**data))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert unit.name == "UBND xã Mới" and unit.departments == []


def test_an_office_of_another_unit_cannot_be_chosen(client, unit, admin):
    other = DepartmentFactory(name="Văn phòng xã khác")
    sign_in(client, "quantri1")
    response = _post(client, _form(office_department=str(other.id)))
    assert response.status_code == 422
    db.session.expire_all()
    assert unit.settings.office_department is None


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.OFFICER, Role.VIEWER])
def test_other_roles_get_403(client, unit, admin, role):
    OfficialFactory(unit=unit, username="khac", role=role)
    sign_in(client, "khac")
    assert client.get("/setup").status_code == 403
    assert 'data-testid="setup-banner"' not in client.get("/").get_data(as_text=True)
    token = csrf_token_from(client.get("/profile").get_data(as_text=True))
    assert client.post("/setup", data={"csrf_token": token, **_form()}).status_code == 403


def test_the_province_admin_sets_up_only_its_own_unit(client, province, unit):
    OfficialFactory(unit=province, username="qt.tinh", role=Role.ADMIN)
    sign_in(client, "qt.tinh")
    token = csrf_token_from(client.get("/setup").get_data(as_text=True))
    response = client.post("/setup", data={"csrf_token": token, **_form(
        name="UBND tỉnh Quảng Ngãi", unit_type="province", preset="empty")})
    assert response.status_code == 302
    db.session.expire_all()
    assert unit.name == "UBND xã Mới"
