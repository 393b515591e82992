"""The admin creates an official and resets their password in the browser; the official
signs in with it and must change it before anything else."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in_page
from tracker.core.actor import SYSTEM
from tracker.extensions import db
from tracker.org.departments import create_department
from tracker.org.services import create_official
from tracker.org.units import create_unit

pytestmark = pytest.mark.browser
ADMIN_PASSWORD = "mat-khau-quan-tri"


@pytest.fixture(scope="module")
def commune(live_app):
    with live_app.app_context():
        unit = create_unit(db.session, SYSTEM, code="ba-to", name="UBND xã Ba Tơ",
                           place_name="Ba Tơ", level="commune")
        create_department(db.session, SYSTEM, unit, name="Văn phòng HĐND và UBND")
        create_official(db.session, SYSTEM, unit, username="quantri", password=ADMIN_PASSWORD,
                        full_name="Đỗ Quản Trị", role="admin")
        db.session.commit()


def test_admin_creates_resets_and_the_official_must_change_the_password(
        page, browser, live_url, commune):
    sign_in_page(page, live_url, "quantri", ADMIN_PASSWORD)
    page.goto(f"{live_url}/officials")
    page.get_by_test_id("new-official").click()
    page.get_by_label("Tên đăng nhập").fill("vanphong1")
    page.get_by_label("Họ và tên").fill("Huỳnh Văn Tâm")
    page.get_by_label("Chức vụ, chức danh").fill("Chuyên viên")
    page.get_by_label("Bộ phận").select_option(label="Văn phòng HĐND và UBND")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_test_id("new-password")).to_be_visible()
    expect(page.get_by_test_id("official-name")).to_have_text("Huỳnh Văn Tâm")

    page.get_by_role("button", name="Đặt lại mật khẩu").click()
    expect(page.get_by_text("Đã đặt lại mật khẩu")).to_be_visible()
    password = page.get_by_test_id("new-password-value").inner_text().strip()
    assert len(password) == 12

    official = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740})
    them = official.new_page()
    them.goto(f"{live_url}/sign-in")
    them.get_by_label("Tên đăng nhập hoặc e-mail").fill("vanphong1")
    them.get_by_label("Mật khẩu").fill(password)
    them.get_by_role("button", name="Đăng nhập").click()
    expect(them.get_by_test_id("must-change-password")).to_be_visible()
    them.goto(f"{live_url}/tasks")
    expect(them.get_by_test_id("must-change-password")).to_be_visible()
    them.get_by_label("Mật khẩu hiện tại").fill(password)
    them.get_by_label("Mật khẩu mới", exact=True).fill("mat-khau-cua-tam")
    them.get_by_label("Nhập lại mật khẩu mới").fill("mat-khau-cua-tam")
    them.get_by_role("button", name="Đổi mật khẩu").click()
    expect(them.get_by_text("Đã đổi mật khẩu.")).to_be_visible()
    expect(them.get_by_test_id("must-change-password")).to_have_count(0)
    them.goto(f"{live_url}/tasks")
    expect(them.get_by_role("heading", name="Nhiệm vụ của đơn vị")).to_be_visible()
    official.close()
