"""The demo's present-day commune as a new user meets it: the chairman signs in after
the scheduler's first scan, follows the bell to the escalations and on to the task."""

import pytest
from playwright.sync_api import expect

from jobs.runner import run_once
from tests.browser.conftest import complete, record_progress, sign_in_page
from tracker.core.clock import today_in
from tracker.demo.loader import load_demo
from tracker.extensions import db
from tracker.org.calendar import unit_calendar
from tracker.org.units import get_unit

pytestmark = pytest.mark.browser
PASSWORD = "demo-trinh-duyet"


@pytest.fixture(scope="module")
def demo(live_app):
    with live_app.app_context():
        load_demo(db.session, password=PASSWORD)
        db.session.commit()
        calendar = unit_calendar(get_unit(db.session, "nguyen-nghiem"))
        today = today_in()
        first_working_day = today if calendar.is_working_day(today) \
            else calendar.add_working_days(today, 1)
    report = run_once(live_app, first_working_day)
    # Every open task of 2023 Phổ Phong with a due date (12) is long overdue by now; the
    # present-day commune has 3 overdue.
    assert report.outcome.flagged_overdue == 12 + 3


def test_the_chairman_follows_the_bell_to_an_overdue_task(page, live_url, demo):
    sign_in_page(page, live_url, "nn.chutich", PASSWORD)
    unread = int(page.get_by_test_id("unread-count").inner_text())
    assert unread >= 1
    page.get_by_test_id("bell").click()
    page.wait_for_url(f"{live_url}/notifications")
    notifications = page.get_by_test_id("notifications")
    expect(notifications).to_contain_text("Kiện toàn Tổ công nghệ số cộng đồng ở các thôn")
    notifications.locator("li", has_text="Kiện toàn Tổ công nghệ số").first \
        .get_by_role("link", name="Xem nhiệm vụ").click()
    expect(page.get_by_test_id("task-title")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Đang thực hiện quá hạn")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(f"{live_url}/notifications")
    page.get_by_role("button", name="Đánh dấu tất cả đã đọc").click()
    assert page.get_by_test_id("unread-count").count() == 0


def test_an_official_records_progress_then_completes_from_my_tasks(page, live_url, demo):
    sign_in_page(page, live_url, "nn.vanhoa2", PASSWORD)
    page.get_by_test_id("my-tasks").get_by_role("link", name="Tuyên truyền cải cách").click()
    record_progress(page, 50, "Đã đăng 03 tin trên trang thông tin điện tử xã.")
    expect(page.get_by_test_id("task-history")).to_contain_text("Đã đăng 03 tin")
    complete(page, "Đã truyền thông đủ 06 thôn.")
    expect(page.get_by_test_id("task-result")).to_have_text("Đã truyền thông đủ 06 thôn.")
    assert page.get_by_test_id("progress-form").count() == 0
