from datetime import date

import pytest
from playwright.sync_api import expect

from tracker.core.actor import SYSTEM
from tracker.extensions import db
from tracker.org.services import create_official
from tracker.org.units import create_unit
from tracker.tasks.services import create_task

pytestmark = pytest.mark.browser
PASSWORD = "mat-khau-trinh-duyet"


@pytest.fixture(scope="module")
def commune(live_app):
    with live_app.app_context():
        unit = create_unit(db.session, SYSTEM, code="pho-phong", name="UBND xã Phổ Phong",
                           place_name="Phổ Phong", level="commune")
        lead = create_official(db.session, SYSTEM, unit, username="tuphap1", password=PASSWORD,
                               full_name="Võ Thị Hạnh", role="officer")
        create_task(db.session, SYSTEM, unit, title="Tuyên truyền Luật nghĩa vụ quân sự",
                    reform_area="institutions", lead=lead, due_date=date(2099, 3, 31))
        db.session.commit()


def test_official_signs_in_on_a_phone_sees_their_tasks_and_signs_out(page, live_url, commune):
    page.goto(f"{live_url}/")
    assert "/sign-in" in page.url
    page.get_by_label("Tên đăng nhập hoặc e-mail").fill("tuphap1")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_url}/")
    expect(page.get_by_role("heading", name="UBND xã Phổ Phong")).to_be_visible()
    my_tasks = page.get_by_test_id("my-tasks")
    expect(my_tasks).to_contain_text("Tuyên truyền Luật nghĩa vụ quân sự")
    expect(my_tasks).to_contain_text("Đang thực hiện trong hạn")
    # Nothing wider than a 360 px phone screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Mở menu").click()
    # Bootstrap animates the menu open: a click while it still slides in can miss.
    page.locator("#main-nav.collapse.show").wait_for()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{live_url}/sign-in")
    expect(page.get_by_text("Bạn đã đăng xuất.")).to_be_visible()


def test_wrong_password_shows_the_message_in_the_form(page, live_url, commune):
    page.goto(f"{live_url}/sign-in")
    page.get_by_label("Tên đăng nhập hoặc e-mail").fill("tuphap1")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_have_text("Tên đăng nhập hoặc mật khẩu không đúng.")
    assert "/sign-in" in page.url
