"""The chairman registers a plan and assigns two tasks; an official works one to done."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import complete, record_progress, sign_in_page
from tracker.core.actor import SYSTEM
from tracker.extensions import db
from tracker.org.services import create_official
from tracker.org.units import create_unit

pytestmark = pytest.mark.browser
PASSWORD = "mat-khau-ke-hoach"


@pytest.fixture(scope="module")
def commune(live_app):
    with live_app.app_context():
        unit = create_unit(db.session, SYSTEM, code="xa-ke-hoach", name="UBND xã Kế Hoạch",
                           place_name="Kế Hoạch", level="commune")
        for username, name, role in (
            ("chutich.kh", "Nguyễn Văn Chủ", "chairman"),
            ("tuphap.kh", "Võ Thị Pháp", "officer"),
            ("vanhoa.kh", "Bùi Văn Hóa", "officer"),
        ):
            create_official(db.session, SYSTEM, unit, username=username, password=PASSWORD,
                            full_name=name, role=role)
        db.session.commit()


def _count(page, task_class: str) -> int:
    return int(page.locator(f'[data-class="{task_class}"]').inner_text())


def _assign(page, title: str, lead: str, coordinator: str, due: str):
    form = page.get_by_test_id("assign-form")
    form.get_by_label("Nhiệm vụ", exact=True).fill(title)
    form.get_by_label("Chủ trì").select_option(label=lead)
    form.get_by_role("group", name="Phối hợp").get_by_label(coordinator).check()
    form.get_by_label("Thời hạn").fill(due)
    form.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.get_by_text(f"Đã giao nhiệm vụ “{title}”.")).to_be_visible()


def test_a_plan_from_registration_to_a_completed_task(browser, live_url, commune):
    chairman = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = chairman.new_page()
    page.set_default_timeout(10_000)
    sign_in_page(page, live_url, "chutich.kh", PASSWORD)
    assert _count(page, "in_progress") == 0
    page.goto(f"{live_url}/documents/new")
    page.get_by_label("Số", exact=True).fill("14")
    page.get_by_label("Ngày ban hành").fill(date.today().isoformat())
    page.get_by_label("Trích yếu").fill("Triển khai thi hành pháp luật về xử lý vi phạm hành chính")
    page.get_by_role("button", name="Đăng ký và giao nhiệm vụ").click()
    expect(page.get_by_test_id("document-citation")).to_contain_text("Kế hoạch số 14/KH-UBND")
    _assign(page, "Rà soát hồ sơ vi phạm hành chính", "Võ Thị Pháp", "Bùi Văn Hóa",
            "trong 10 ngày làm việc")
    _assign(page, "Tuyên truyền Luật xử lý vi phạm hành chính", "Bùi Văn Hóa", "Võ Thị Pháp",
            "Quý IV/2099")
    expect(page.get_by_test_id("document-tasks").locator("tbody tr")).to_have_count(2)
    page.goto(f"{live_url}/")
    assert _count(page, "in_progress") == 2
    chairman.close()

    official = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740})
    page = official.new_page()
    page.set_default_timeout(10_000)
    sign_in_page(page, live_url, "tuphap.kh", PASSWORD)
    page.get_by_test_id("my-tasks").get_by_role("link", name="Rà soát hồ sơ").click()
    record_progress(page, 50, "Đã rà soát hồ sơ tháng trước.")
    complete(page, "Đã rà soát 12 hồ sơ, không sai sót.")
    page.goto(f"{live_url}/")
    assert (_count(page, "done_on_time"), _count(page, "in_progress")) == (1, 1)
    other_task = page.get_by_test_id("unit-tasks").get_by_role("link", name="Tuyên truyền Luật")
    other_task.click()
    page.wait_for_url(re.compile(r"/tasks/\d+$"))
    response = page.goto(page.url + "/edit")
    assert response.status == 403
    expect(page.locator("body")).to_contain_text("Bạn không có quyền")
    official.close()
