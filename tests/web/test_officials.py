"""The officials pages: only the unit's admin (and the province's for communes directly
below) reaches them; every change is checked, audited, and ends credentials where it must."""

import re

import pytest
from sqlalchemy import select

from tests.conftest import TEST_PASSWORD, csrf_token_from, sign_in
from tests.factories import DepartmentFactory, OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import audit_actions, count_rows
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import Official, UnitLevel


@pytest.fixture
def unit(db_session):
    return UnitFactory(name="UBND xã Phổ Phong")


@pytest.fixture
def office(unit):
    return DepartmentFactory(unit=unit, name="Văn phòng HĐND và UBND")


@pytest.fixture
def admin(unit):
    return OfficialFactory(unit=unit, username="quantri", role=Role.ADMIN, full_name="Đỗ Quản Trị")


@pytest.fixture
def officer(unit, office):
    return OfficialFactory(unit=unit, username="vanphong1", full_name="Huỳnh Văn Tâm",
                           department=office)


@pytest.fixture
def as_admin(client, admin):
    sign_in(client, "quantri")
    return client


def _post(client, path: str, data: dict | None = None):
    token = csrf_token_from(client.get("/profile").get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **(data or {})})


def _new_form(**changes) -> dict:
    return {"username": "tuphap1", "password": "", "full_name": "Võ Thị Kim Oanh",
            "position": "Công chức Tư pháp - Hộ tịch", "department": "0", "email": "",
            "phone": "", "role": "officer"} | changes


def _edit_form(official, **changes) -> dict:
    return {"full_name": official.full_name, "position": official.position,
            "department": str(official.department_id or 0), "email": official.email or "",
            "phone": official.phone or "", "role": official.role.value} | changes


def _other_browser(app, login: str):
    browser = app.test_client()
    sign_in(browser, login)
    assert browser.get("/").status_code == 200
    return browser


def test_the_menu_leads_the_admin_to_the_officials(as_admin):
    assert 'href="/officials"' in as_admin.get("/").get_data(as_text=True)


def test_the_list_shows_active_and_departed_officials_marked(as_admin, unit, officer):
    OfficialFactory(unit=unit, full_name="Lê Văn Nghỉ", username="nghi", active=False)
    html = as_admin.get("/officials").get_data(as_text=True)
    assert "Huỳnh Văn Tâm" in html and "Lê Văn Nghỉ (đã nghỉ)" in html


def test_the_list_searches_without_diacritics_and_filters(as_admin, unit, office, officer):
    OfficialFactory(unit=unit, full_name="Trần Thị Đào", username="daott")
    html = as_admin.get("/officials?q=dao").get_data(as_text=True)
    assert "Trần Thị Đào" in html and "Huỳnh Văn Tâm" not in html
    html = as_admin.get(f"/officials?department={office.id}").get_data(as_text=True)
    assert "Huỳnh Văn Tâm" in html and "Trần Thị Đào" not in html
    html = as_admin.get("/officials?role=admin&state=active").get_data(as_text=True)
    assert "Đỗ Quản Trị" in html and "Huỳnh Văn Tâm" not in html


@pytest.mark.parametrize("query", ["role=boss", "state=gone", "page=0", "department=999"])
def test_a_bad_filter_is_a_422_with_its_message(as_admin, query):
    response = as_admin.get(f"/officials?{query}")
    assert response.status_code == 422
    assert "Bộ lọc chưa hợp lệ" in response.get_data(as_text=True)


def test_admin_creates_an_official_and_sees_the_generated_password_once(as_admin, unit, office):
    response = _post(as_admin, "/officials/new", _new_form(department=str(office.id),
                                                           email="oanh@phophong.example.vn"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-testid="new-password"' in html
    official = db.session.scalar(select(Official).where(Official.username == "tuphap1"))
    assert official.department == office and official.must_change_password
    assert audit_actions(official) == ["create"]
    detail = as_admin.get(f"/officials/{official.id}").get_data(as_text=True)
    assert 'data-testid="new-password"' not in detail


def test_the_form_suggests_positions(as_admin):
    html = as_admin.get("/officials/new").get_data(as_text=True)
    assert 'list="position-suggestions"' in html and '<option value="Chủ tịch UBND">' in html


@pytest.mark.parametrize(("changes", "field_message"), [
    ({"username": "vanphong1"}, "Tên đăng nhập vanphong1 đã có."),
    ({"username": "Có Dấu"}, "Tên đăng nhập gồm 3–60"),
    ({"full_name": ""}, "Trường này là bắt buộc."),
    ({"email": "khong-phai-email"}, "Địa chỉ e-mail không hợp lệ."),
    ({"phone": "gọi tôi"}, "Số điện thoại chỉ gồm"),
    ({"password": "ngan"}, "Mật khẩu cần ít nhất 8 ký tự."),
    ({"role": "boss"}, "Lựa chọn không hợp lệ."),
    ({"position": "x" * 151}, "Tối đa 150 ký tự."),
])
def test_bad_input_is_refused_beside_its_field_and_nothing_is_written(
        as_admin, officer, changes, field_message):
    before = count_rows(Official)
    response = _post(as_admin, "/officials/new", _new_form(**changes))
    assert response.status_code == 422
    assert field_message in response.get_data(as_text=True)
    assert count_rows(Official) == before


def test_a_department_of_another_unit_is_refused(as_admin):
    elsewhere = DepartmentFactory(name="Bộ phận xã khác")
    response = _post(as_admin, "/officials/new", _new_form(department=str(elsewhere.id)))
    assert response.status_code == 422
    assert db.session.scalar(select(Official).where(Official.username == "tuphap1")) is None


def test_admin_edits_an_official(as_admin, officer):
    response = _post(as_admin, f"/officials/{officer.id}/edit", _edit_form(
        officer, position="Chánh Văn phòng", phone="0255 3845 123"))
    assert response.status_code == 302
    db.session.refresh(officer)
    assert (officer.position, officer.phone) == ("Chánh Văn phòng", "0255 3845 123")
    assert audit_actions(officer)[-1] == "update"


def test_an_email_already_used_is_refused_on_edit(as_admin, unit, officer):
    OfficialFactory(unit=unit, email="da-dung@phophong.example.vn")
    response = _post(as_admin, f"/officials/{officer.id}/edit", _edit_form(
        officer, email="da-dung@phophong.example.vn"))
    assert response.status_code == 422
    assert "đã được dùng" in response.get_data(as_text=True)


def test_the_last_admin_cannot_be_deactivated_nor_demoted(as_admin, admin):
    response = _post(as_admin, f"/officials/{admin.id}/deactivate")
    assert response.status_code == 422
    assert "quản trị duy nhất" in response.get_data(as_text=True)
    response = _post(as_admin, f"/officials/{admin.id}/edit", _edit_form(admin, role="officer"))
    assert response.status_code == 422
    db.session.refresh(admin)
    assert admin.active and admin.role is Role.ADMIN


def test_the_only_chairman_cannot_be_deactivated(as_admin, unit):
    chairman = OfficialFactory(unit=unit, role=Role.CHAIRMAN)
    assert _post(as_admin, f"/officials/{chairman.id}/deactivate").status_code == 422


@pytest.mark.parametrize("action", ["deactivate", "reset", "role"])
def test_an_old_cookie_and_an_old_token_are_refused_right_after(app, as_admin, officer, action):
    browser = _other_browser(app, "vanphong1")
    token = _token_of(browser)
    path, data = {
        "deactivate": (f"/officials/{officer.id}/deactivate", {}),
        "reset": (f"/officials/{officer.id}/password", {"password": ""}),
        "role": (f"/officials/{officer.id}/edit", _edit_form(officer, role="vice_chairman")),
    }[action]
    assert _post(as_admin, path, data).status_code in (200, 302)
    response = browser.get("/")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    api = app.test_client().get("/api/v1/tasks", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401


def _token_of(browser) -> str:
    html = browser.get("/profile").get_data(as_text=True)
    response = browser.post("/profile/tokens", data={
        "csrf_token": csrf_token_from(html), "name": "script", "valid_days": "30"})
    found = re.search(r'data-testid="new-token".*?readonly value="([^"]+)"',
                      response.get_data(as_text=True), re.S)
    assert found, "no new token on the page"
    return found.group(1)


def test_reactivating_lets_the_official_sign_in_again(client, admin, unit):
    departed = OfficialFactory(unit=unit, username="nghi", active=False)
    sign_in(client, "quantri")
    assert _post(client, f"/officials/{departed.id}/reactivate").status_code == 302
    db.session.refresh(departed)
    assert departed.active and audit_actions(departed)[-1] == "update"


def test_a_reset_password_must_be_changed_before_any_other_page(app, as_admin, officer):
    response = _post(as_admin, f"/officials/{officer.id}/password", {"password": "tam-thoi-123"})
    assert response.status_code == 302
    browser = app.test_client()
    assert sign_in(browser, "vanphong1", "tam-thoi-123").status_code == 302
    for page in ("/", "/tasks", "/documents"):
        landed = browser.get(page)
        assert landed.status_code == 302 and "/profile" in landed.headers["Location"]
    assert "must-change-password" in browser.get("/profile").get_data(as_text=True)
    api = browser.get("/api/v1/tasks")
    assert api.status_code == 403 and "đổi mật khẩu" in api.get_json()["message"]
    token = csrf_token_from(browser.get("/profile").get_data(as_text=True))
    changed = browser.post("/profile/password", data={
        "csrf_token": token, "current_password": "tam-thoi-123",
        "new_password": "mat-khau-cua-tam", "confirm_password": "mat-khau-cua-tam"})
    assert changed.status_code == 302
    assert browser.get("/").status_code == 200


def test_unlock_clears_the_failed_sign_ins(app, as_admin, officer):
    stranger = app.test_client()
    for _ in range(6):
        sign_in(stranger, "vanphong1", "sai-mat-khau")
    assert sign_in(stranger, "vanphong1", TEST_PASSWORD).status_code == 429
    assert "Đăng nhập sai gần đây: 5 lần." in as_admin.get(
        f"/officials/{officer.id}").get_data(as_text=True)
    assert _post(as_admin, f"/officials/{officer.id}/unlock").status_code == 302
    assert sign_in(stranger, "vanphong1", TEST_PASSWORD).status_code == 302
    assert "unlock" in audit_actions(officer)


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.OFFICER, Role.VIEWER])
def test_no_one_but_the_admin_reaches_the_pages_or_actions(client, unit, officer, role):
    OfficialFactory(unit=unit, username="khac", role=role)
    sign_in(client, "khac")
    assert 'href="/officials"' not in client.get("/").get_data(as_text=True)
    for path in ("/officials", "/officials/new", f"/officials/{officer.id}",
                 f"/officials/{officer.id}/edit"):
        assert client.get(path).status_code == 403, path
    for path, data in _actions(officer):
        assert _post(client, path, data).status_code == 403, path
    db.session.refresh(officer)
    assert officer.active and not officer.must_change_password
    assert audit_actions(officer) == []


def _actions(official) -> list[tuple[str, dict]]:
    return [(f"/officials/{official.id}/deactivate", {}),
            (f"/officials/{official.id}/password", {"password": ""}),
            (f"/officials/{official.id}/unlock", {}),
            (f"/officials/{official.id}/edit", _edit_form(official, position="X")),
            ("/officials/new", _new_form())]


def test_another_units_admin_finds_nothing_here(client, officer):
    OfficialFactory(username="quantri.khac", role=Role.ADMIN)
    sign_in(client, "quantri.khac")
    for path in (f"/officials/{officer.id}", f"/officials?unit={officer.unit_id}"):
        assert client.get(path).status_code == 404, path
    for path, data in _actions(officer)[:4]:
        assert _post(client, path, data).status_code == 404, path


def test_the_province_admin_runs_the_communes_directly_below(client, db_session):
    province = UnitFactory(level=UnitLevel.PROVINCE, name="UBND tỉnh Quảng Ngãi")
    commune = UnitFactory(parent=province, name="UBND xã Ba Tơ")
    OfficialFactory(unit=province, username="quantri.tinh", role=Role.ADMIN)
    member = OfficialFactory(unit=commune, full_name="Phạm Văn Xã")
    sign_in(client, "quantri.tinh")
    html = client.get(f"/officials?unit={commune.id}").get_data(as_text=True)
    assert "Phạm Văn Xã" in html and "UBND xã Ba Tơ" in html
    response = _post(client, f"/officials/new?unit={commune.id}", _new_form(
        username="bato.quantri", role="admin"))
    assert response.status_code == 200
    created = db.session.scalar(select(Official).where(Official.username == "bato.quantri"))
    assert created.unit == commune
    assert _post(client, f"/officials/{member.id}/password", {"password": ""}).status_code == 200


def test_a_task_page_names_a_departed_lead_as_such(as_admin, unit, officer):
    task = TaskFactory(unit=unit, lead=officer, coordinators=[
        OfficialFactory(unit=unit, full_name="Lê Văn Nghỉ", active=False)])
    html = as_admin.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "Lê Văn Nghỉ (đã nghỉ)" in html and "Huỳnh Văn Tâm (đã nghỉ)" not in html
