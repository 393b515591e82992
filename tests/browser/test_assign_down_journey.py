"""The province assigns one task to three communes in the browser; each chairman assigns
it on; one lead completes it, another asks for more time and the province grants it; the
province's task and its dashboard show it; no commune sees another's copy."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in_page
from tracker.core.actor import SYSTEM
from tracker.core.clock import today_in
from tracker.documents.services import register_document
from tracker.extensions import db
from tracker.org.services import create_official
from tracker.org.units import create_unit

pytestmark = pytest.mark.browser
PASSWORD = "mat-khau-thu-nghiem"
PLACES = (("an-hoa", "An Hòa"), ("ba-gia", "Ba Gia"), ("ca-dam", "Cà Đam"))


@pytest.fixture(scope="module")
def province(live_app):
    with live_app.app_context():
        province = create_unit(db.session, SYSTEM, code="tinh-giao", name="UBND tỉnh Giao",
                               place_name="Giao", level="province")
        create_official(db.session, SYSTEM, province, username="ct.tinh", password=PASSWORD,
                        full_name="Chủ Tịch Tỉnh", role="chairman")
        create_official(db.session, SYSTEM, province, username="cv.tinh", password=PASSWORD,
                        full_name="Chuyên Viên Nội Vụ", role="officer")
        for code, place in PLACES:
            commune = create_unit(db.session, SYSTEM, code=code, name=f"UBND xã {place}",
                                  place_name=place, level="commune", parent=province,
                                  commune_kind="xa")
            create_official(db.session, SYSTEM, commune, username=f"ct.{code}",
                            password=PASSWORD, full_name=f"Chủ Tịch {place}", role="chairman")
            create_official(db.session, SYSTEM, commune, username=f"cc.{code}",
                            password=PASSWORD, full_name=f"Công Chức {place}", role="officer")
        today = today_in(province.timezone)
        plan = register_document(
            db.session, SYSTEM, province, doc_type="KH", number=88, symbol="KH-UBND",
            issued_on=today - timedelta(days=3), title="Kế hoạch rà soát thủ tục hành chính",
            issuer="UBND tỉnh Giao", reform_area="procedures")
        db.session.commit()
        return {"plan": plan.id, "due": today + timedelta(days=20)}


def _sign_out(page) -> None:
    page.context.clear_cookies()


def test_a_task_goes_down_to_three_communes_and_its_progress_comes_up(page, live_url,
                                                                     province):
    sign_in_page(page, live_url, "ct.tinh", PASSWORD)
    page.goto(f"{live_url}/documents/{province['plan']}")
    page.get_by_test_id("assign-down").click()
    form = page.get_by_test_id("assign-down-form")
    form.get_by_label("Nhiệm vụ", exact=True).fill("Rà soát thủ tục hành chính cấp xã")
    form.get_by_label("Chủ trì").select_option(label="Chuyên Viên Nội Vụ")
    form.get_by_label("Thời hạn").fill(province["due"].strftime("%d/%m/%Y"))
    form.get_by_label("Tất cả các đơn vị trực thuộc").check()
    form.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.get_by_text("cho 3 đơn vị")).to_be_visible()
    expect(page.get_by_test_id("roll-up-table").locator("tbody tr")).to_have_count(3)
    task_url = page.url.split("#")[0]
    _sign_out(page)

    copies = {}
    for code, _place in PLACES:
        sign_in_page(page, live_url, f"ct.{code}", PASSWORD)
        page.goto(f"{live_url}/tasks")
        page.get_by_role("link", name="Rà soát thủ tục hành chính cấp xã").click()
        expect(page.get_by_test_id("from-above")).to_be_visible()
        copies[code] = page.url
        page.get_by_role("link", name="Sửa, giao lại").click()
        page.get_by_label("Chủ trì").select_option(label=f"Công Chức {_place}")
        page.get_by_role("button", name="Lưu thay đổi").click()
        expect(page.get_by_test_id("task-lead")).to_contain_text(f"Công Chức {_place}")
        _sign_out(page)

    sign_in_page(page, live_url, "cc.an-hoa", PASSWORD)
    page.goto(copies["an-hoa"])
    page.get_by_label("Kết quả (đưa vào báo cáo)").fill("Đã rà soát 12 thủ tục")
    page.get_by_role("button", name="Đánh dấu hoàn thành").click()
    expect(page.get_by_text("Hoàn thành đúng hạn").first).to_be_visible()
    page.goto(copies["ba-gia"])  # another commune's copy is not there for it
    expect(page.get_by_text("Không tìm thấy nhiệm vụ.")).to_be_visible()
    _sign_out(page)

    later = province["due"] + timedelta(days=15)
    sign_in_page(page, live_url, "cc.ba-gia", PASSWORD)
    page.goto(copies["ba-gia"])
    page.get_by_label("Đề nghị gia hạn đến ngày").fill(later.isoformat())
    page.get_by_label("Lý do").fill("Chờ số liệu của thôn")
    page.get_by_role("button", name="Gửi đề nghị gia hạn").click()
    expect(page.get_by_test_id("decision-form")).to_have_count(0)  # the commune cannot decide
    _sign_out(page)

    sign_in_page(page, live_url, "ct.tinh", PASSWORD)
    page.goto(copies["ba-gia"])
    page.get_by_test_id("decision-form").get_by_role("button", name="Đồng ý gia hạn").click()
    expect(page.get_by_test_id("task-due")).to_contain_text(later.strftime("%d/%m/%Y"))
    page.goto(task_url)
    expect(page.get_by_test_id("roll-up-summary")).to_contain_text("1/3 đơn vị hoàn thành")
    expect(page.locator('[data-testid=roll-up-table] tr[data-unit="an-hoa"]')).to_have_attribute(
        "data-class", "done_on_time")
    page.goto(f"{live_url}/oversight")
    expect(page.locator('tr[data-unit="an-hoa"] [data-cell=on_time]')).to_have_text("1")
