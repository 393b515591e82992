import re

import pytest
from sqlalchemy import select
from werkzeug.security import check_password_hash

from tests.conftest import TEST_PASSWORD, csrf_token_from, sign_in
from tests.factories import DepartmentFactory, OfficialFactory
from tests.helpers import audit_actions
from tracker.audit.models import AuditEntry
from tracker.core.roles import Role
from tracker.extensions import db

NEW_PASSWORD = "mat-khau-moi-2023"


@pytest.fixture
def me(db_session):
    department = DepartmentFactory(name="Tư pháp - Hộ tịch")
    return OfficialFactory(unit=department.unit, department=department, username="tuphap1",
                           full_name="Lê Văn Tư", position="Công chức Tư pháp - Hộ tịch",
                           email="tuphap1@xa.example.vn", role=Role.OFFICER)


def _checked(html: str, name: str) -> list[str]:
    inputs = re.findall(rf'<input [^>]*name="{name}"[^>]*>', html)
    return [re.search(r'value="([^"]*)"', i).group(1) for i in inputs if " checked" in i]


def _post(client, path: str, data: dict):
    token = csrf_token_from(client.get("/profile").get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **data})


def _change_password(client, current: str, new: str = NEW_PASSWORD, again: str | None = None):
    return _post(client, "/profile/password", {
        "current_password": current, "new_password": new,
        "confirm_password": new if again is None else again})


def test_profile_shows_the_officials_own_details(client, me):
    sign_in(client, "tuphap1")
    html = client.get("/profile").get_data(as_text=True)
    for text in ("Lê Văn Tư", "Công chức Tư pháp - Hộ tịch", "Tư pháp - Hộ tịch",
                 "tuphap1@xa.example.vn", "Công chức"):
        assert text in html
    assert "Một thư tổng hợp mỗi ngày" in html and "Mỗi thông báo một thư" in html


def test_preferences_are_saved(client, me):
    sign_in(client, "tuphap1")
    response = _post(client, "/profile", {"email_digest": "0", "notify_webhook": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (me.notify_email, me.email_digest, me.notify_webhook) == (False, False, True)
    html = client.get("/profile").get_data(as_text=True)
    assert "Đã lưu cách nhận thông báo." in html
    assert _checked(html, "email_digest") == ["0"]


def test_bad_digest_choice_is_422_and_nothing_saved(client, me):
    sign_in(client, "tuphap1")
    response = _post(client, "/profile", {"email_digest": "hang-gio", "notify_webhook": "y"})
    assert response.status_code == 422
    assert "Lựa chọn không hợp lệ." in response.get_data(as_text=True)
    db.session.expire_all()
    assert (me.notify_email, me.email_digest, me.notify_webhook) == (True, True, False)


def test_wrong_current_password_is_422_and_the_password_stays(client, me):
    sign_in(client, "tuphap1")
    response = _change_password(client, "khong-phai-mat-khau")
    assert response.status_code == 422
    assert "Mật khẩu hiện tại không đúng." in response.get_data(as_text=True)
    db.session.expire_all()
    assert check_password_hash(me.password_hash, TEST_PASSWORD)
    assert audit_actions(me)[-1] == "sign_in_failed"
    assert client.get("/profile").status_code == 200


@pytest.mark.parametrize(("new", "again", "message"), [
    (NEW_PASSWORD, "mat-khau-khac-2023", "Hai lần nhập mật khẩu mới không khớp."),
    ("ngan", "ngan", "Mật khẩu cần ít nhất 8 ký tự."),
])
def test_a_refused_new_password_is_422_with_its_message(client, me, new, again, message):
    sign_in(client, "tuphap1")
    response = _change_password(client, TEST_PASSWORD, new=new, again=again)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert check_password_hash(me.password_hash, TEST_PASSWORD)


def test_password_change_ends_other_sessions_but_not_this_one(app, me):
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, "tuphap1")
    sign_in(phone, "tuphap1")
    response = _change_password(laptop, TEST_PASSWORD)
    assert response.status_code == 302
    assert phone.get("/").status_code == 302
    assert laptop.get("/profile").status_code == 200
    fresh = app.test_client()
    assert sign_in(fresh, "tuphap1", NEW_PASSWORD).headers["Location"] == "/"


def test_sign_out_everywhere_from_the_profile_page(app, me):
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, "tuphap1")
    sign_in(phone, "tuphap1")
    html = laptop.get("/profile").get_data(as_text=True)
    assert 'action="/sign-out-everywhere"' in html
    laptop.post("/sign-out-everywhere", data={"csrf_token": csrf_token_from(html)})
    assert phone.get("/").status_code == 302 and laptop.get("/").status_code == 302


def test_preferences_need_the_csrf_token(client, me):
    sign_in(client, "tuphap1")
    response = client.post("/profile", data={"email_digest": "0"})
    assert response.status_code == 400
    db.session.expire_all()
    assert me.email_digest is True


def test_the_profile_lists_the_devices_signed_in_and_marks_this_one(app, me):
    laptop, phone = app.test_client(), app.test_client()
    laptop.environ_base["HTTP_USER_AGENT"] = "Firefox trên Windows"
    phone.environ_base["HTTP_USER_AGENT"] = "Zalo trên Android"
    sign_in(laptop, "tuphap1")
    sign_in(phone, "tuphap1")
    html = laptop.get("/profile").get_data(as_text=True)
    devices = html[html.index('data-testid="sessions"'):]
    assert "Firefox trên Windows" in devices and "Zalo trên Android" in devices
    assert devices.count("Thiết bị này") == 1
    assert re.search(r"Firefox trên Windows <span[^>]*>Thiết bị này", devices)


def test_a_change_of_channels_is_audited_with_what_changed(client, me):
    sign_in(client, "tuphap1")
    _post(client, "/profile", {"notify_email": "y", "email_digest": "0"})
    entry = db.session.scalars(select(AuditEntry).where(
        AuditEntry.entity_id == me.id, AuditEntry.action == "set_channels")).one()
    assert entry.changes == {"email_digest": [True, False]}
