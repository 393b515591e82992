import re
from datetime import timedelta

import pytest
import time_machine

from tests.conftest import csrf_token_from, sign_in
from tests.factories import OfficialFactory
from tests.helpers import audit_actions
from tracker import create_app
from tracker.core.roles import Role
from tracker.extensions import db, limiter


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    limiter.reset()  # counts in memory outlive a test's rolled-back database


def _from_address(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


@pytest.fixture
def official(db_session):
    return OfficialFactory(username="vanphong1", full_name="Trần Thị Mai", role=Role.OFFICER)


def test_home_asks_for_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_sign_in_page_is_vietnamese_and_served_without_cdn(client):
    html = client.get("/sign-in").get_data(as_text=True)
    assert "Đăng nhập" in html and "Tên đăng nhập hoặc e-mail" in html
    assert "cdn" not in html.lower()
    assert "/bootstrap/static/" in html


def test_sign_in_then_home_shows_the_unit(client, official):
    response = sign_in(client, "vanphong1")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    html = client.get("/").get_data(as_text=True)
    assert official.unit.name in html and "Trần Thị Mai" in html


def test_wrong_password_gives_a_clear_message_and_no_session(client, official):
    response = sign_in(client, "vanphong1", "sai-mat-khau")
    assert response.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(as_text=True)
    assert client.get_cookie("session") is None or client.get("/").status_code == 302


def test_failures_are_counted_then_refused_with_429(app, client, official):
    for _ in range(app.config["SIGN_IN_MAX_FAILURES"]):
        assert sign_in(client, "vanphong1", "sai-mat-khau").status_code == 401
    response = sign_in(client, "vanphong1")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == str(app.config["SIGN_IN_LOCK_MINUTES"] * 60)
    assert "thử lại sau" in response.get_data(as_text=True)
    assert audit_actions(official) == ["sign_in_failed"] * 5 + ["sign_in_locked"]


def test_a_strangers_failures_from_another_address_do_not_lock_the_owner_out(client, official):
    stranger = _from_address(client.application, "198.51.100.9")
    for _ in range(6):
        sign_in(stranger, "vanphong1", "doan-mo")
    assert sign_in(stranger, "vanphong1").status_code == 429
    assert sign_in(client, "vanphong1").headers["Location"] == "/"


def test_unknown_wrong_and_locked_logins_answer_alike(client, official):
    def answer(login):
        response = sign_in(client, login, "sai-mat-khau")
        page = re.sub(r'value="[^"]+"', "", response.get_data(as_text=True))
        return response.status_code, page.replace(login, "LOGIN")

    for _ in range(5):
        assert answer("vanphong1") == answer("khong-co-ai")
    assert answer("vanphong1")[0] == answer("khong-co-ai")[0] == 429
    assert answer("vanphong1") == answer("khong-co-ai")


def test_one_client_is_throttled_whatever_the_logins_it_tries(app, client, db_session):
    limit = int(app.config["SIGN_IN_RATE_LIMIT"].split()[0])
    sprayer = _from_address(app, "198.51.100.77")
    for n in range(limit):
        assert sign_in(sprayer, f"canbo-{n}", "123456").status_code == 401
    assert sign_in(sprayer, "canbo-moi", "123456").status_code == 429
    assert sign_in(client, "canbo-moi", "123456").status_code == 401


def test_sign_in_and_sign_out_are_audited(client, official):
    sign_in(client, "vanphong1")
    client.post("/sign-out", data={"csrf_token": csrf_token_from(client.get("/").text)})
    assert audit_actions(official) == ["sign_in", "sign_out"]


def test_a_session_cookie_replayed_after_sign_out_is_refused(app, client, official):
    sign_in(client, "vanphong1")
    cookie = client.get_cookie("session").value
    client.post("/sign-out", data={"csrf_token": csrf_token_from(client.get("/").text)})
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    assert thief.get("/").status_code == 302


@pytest.mark.parametrize(("idle", "status"), [(timedelta(hours=1, minutes=59), 200),
                                              (timedelta(hours=2, minutes=1), 302)])
def test_an_idle_session_ends_after_the_units_idle_time(client, official, idle, status):
    official.unit.settings.session_idle_hours = 2
    db.session.flush()
    with time_machine.travel("2023-03-20 08:00 +07:00", tick=False) as traveller:
        sign_in(client, "vanphong1")
        traveller.shift(idle)
        assert client.get("/").status_code == status


def test_empty_form_is_a_400_with_field_messages(client, db_session):
    token = csrf_token_from(client.get("/sign-in").get_data(as_text=True))
    response = client.post("/sign-in", data={"csrf_token": token})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Nhập tên đăng nhập hoặc e-mail." in html and "Nhập mật khẩu." in html


def test_post_without_csrf_token_is_rejected(client, official):
    response = client.post("/sign-in", data={"login": "vanphong1", "password": "x" * 10})
    assert response.status_code == 400
    assert "Biểu mẫu đã hết hạn hoặc không hợp lệ" in response.get_data(as_text=True)


def test_sign_out_needs_the_csrf_token(client, official):
    sign_in(client, "vanphong1")
    assert client.post("/sign-out").status_code == 400
    assert client.get("/").status_code == 200
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    assert client.post("/sign-out", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302


def test_sign_out_everywhere_ends_other_sessions(app, official):
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, "vanphong1")
    sign_in(phone, "vanphong1")
    token = csrf_token_from(laptop.get("/").get_data(as_text=True))
    laptop.post("/sign-out-everywhere", data={"csrf_token": token})
    assert phone.get("/").status_code == 302


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_sign_in_never_redirects_off_site(client, official, target):
    token = csrf_token_from(client.get("/sign-in").get_data(as_text=True))
    response = client.post(
        "/sign-in", query_string={"next": target},
        data={"login": "vanphong1", "password": "mat-khau-thu-nghiem", "csrf_token": token},
    )
    assert response.headers["Location"] == "/"


def test_sign_in_returns_to_a_local_page(client, official):
    token = csrf_token_from(client.get("/sign-in").get_data(as_text=True))
    response = client.post(
        "/sign-in", query_string={"next": "/?tab=mine"},
        data={"login": "vanphong1", "password": "mat-khau-thu-nghiem", "csrf_token": token},
    )
    assert response.headers["Location"] == "/?tab=mine"


def test_session_cookie_is_httponly_lax_and_secure_outside_debug(client, official):
    sign_in(client, "vanphong1")
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax"
    production = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    assert production.config["SESSION_COOKIE_SECURE"] is True


def test_unknown_page_is_a_vietnamese_404(client, db_session):
    response = client.get("/khong-co")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.get_data(as_text=True)
