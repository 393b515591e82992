"""The office drafts the quarter's report in the browser; the chairman signs it."""

import io

import pytest
from docx import Document as DocxDocument
from playwright.sync_api import expect

from tests.browser.conftest import sign_in_page
from tracker.demo.loader import load_demo
from tracker.extensions import db

pytestmark = pytest.mark.browser
PASSWORD = "demo-cchc"


@pytest.fixture(scope="module")
def demo(live_app):
    with live_app.app_context():
        load_demo(db.session, password=PASSWORD)
        db.session.commit()


def _desk(browser, live_url: str, username: str):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in_page(page, live_url, username, PASSWORD)
    return context, page


def test_the_office_drafts_and_the_chairman_signs(browser, live_url, demo):
    office, page = _desk(browser, live_url, "vanphong1")
    page.get_by_role("link", name="Báo cáo", exact=True).click()
    # Phổ Phong lives in 2023: its seed report's quarter is offered, whatever the year now.
    page.get_by_label("Kỳ báo cáo").select_option(label="Quý I năm 2023")
    page.get_by_role("button", name="Tạo dự thảo từ dữ liệu").click()
    expect(page.get_by_text("Đã tạo dự thảo báo cáo Quý I năm 2023")).to_be_visible()
    expect(page.get_by_test_id("report-title")).to_have_text(
        "Công tác cải cách hành chính Quý I năm 2023 và phương hướng nhiệm vụ Quý II năm 2023")

    strengths = page.get_by_test_id("point-III.1")
    strengths.get_by_text("Sửa nội dung").click()
    strengths.get_by_label("Nội dung").fill("- Lãnh đạo xã chỉ đạo sát sao công tác CCHC.")
    strengths.get_by_role("button", name="Lưu mục này").click()
    expect(page.get_by_text("Đã lưu mục “Mặt tích cực”.")).to_be_visible()

    figures = page.get_by_test_id("figures-form")
    for label, value in (("Tổng số hồ sơ tiếp nhận", "720"), ("Hồ sơ kỳ trước chuyển qua", "3"),
                         ("Hồ sơ mới tiếp nhận", "717"), ("Trả đúng hạn", "708"),
                         ("Trả quá hạn", "10"),
                         ("Hồ sơ đang giải quyết chưa đến hạn trả", "2")):
        figures.get_by_label(label, exact=True).fill(value)
    figures.get_by_role("button", name="Lưu số liệu").click()
    expect(page.get_by_text("Tổng số hồ sơ tiếp nhận: 720 hồ sơ. Trong đó:")).to_be_visible()
    expect(page.get_by_test_id("findings")).to_be_visible()  # e.g. the prose still to write
    report_url = page.url.split("#")[0]
    office.close()

    chairman, page = _desk(browser, live_url, "chutich")
    page.goto(report_url)
    page.get_by_role("link", name="Ký ban hành báo cáo…").click()
    expect(page.get_by_test_id("accepted-findings")).to_contain_text("Báo cáo chưa có số.")
    page.get_by_role("button", name="Xác nhận ký ban hành").click()
    expect(page.get_by_text("Báo cáo còn")).to_be_visible()  # not signed: nothing accepted
    expect(page.get_by_test_id("report-state")).to_have_text("Dự thảo")
    page.get_by_role("link", name="Ký ban hành báo cáo…").click()
    page.get_by_label("Tôi đã xem các vấn đề ở trên và vẫn ký ban hành").check()
    page.get_by_role("button", name="Xác nhận ký ban hành").click()
    expect(page.get_by_test_id("report-state")).to_have_text("Đã ban hành")
    expect(page.get_by_test_id("report-number")).to_have_text("Chưa vào số")
    assert page.get_by_text("Sửa nội dung").count() == 0
    with page.expect_download() as download:
        page.get_by_test_id("download-docx").click()
    docx = DocxDocument(io.BytesIO(download.value.path().read_bytes()))
    texts = [p.text for p in docx.paragraphs]
    assert "- Lãnh đạo xã chỉ đạo sát sao công tác CCHC." in texts
    assert "Nguyễn Văn Hùng" in [p.text for cell in docx.tables[-1]._cells
                                  for p in cell.paragraphs]
    chairman.close()

    _the_vanthu_numbers_it(browser, live_url, report_url)


def _the_vanthu_numbers_it(browser, live_url: str, report_url: str) -> None:
    """The văn thư enters the signed report in the register; the file then carries it."""
    office, page = _desk(browser, live_url, "vanphong1")
    page.goto(report_url)
    numbering = page.get_by_test_id("number-form")
    numbering.get_by_label("Số báo cáo").fill("15")
    numbering.get_by_role("button", name="Vào số").click()
    expect(page.get_by_test_id("report-number")).to_have_text("Số 15/BC-UBND")
    expect(page.get_by_test_id("number-form")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_test_id("download-docx").click()
    numbered = DocxDocument(io.BytesIO(download.value.path().read_bytes()))
    issuer = [p.text for cell in numbered.tables[0]._cells for p in cell.paragraphs]
    assert "Số: 15/BC-UBND" in issuer
    office.close()
