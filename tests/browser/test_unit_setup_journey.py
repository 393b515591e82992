"""A 2025 commune starts from nothing, in the browser: the province's admin creates it with
its first admin; that admin sets it up from the 2025 preset, imports the officials from
Excel and names the office; the office then drafts the quarter's report, headed by the
commune alone and sent to the province's Sở Nội vụ."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import sign_in_page
from tracker.core.actor import SYSTEM
from tracker.core.clock import DEFAULT_TIMEZONE, today_in
from tracker.core.periods import PeriodKind, ReportingPeriod, next_commune_period, period_due_now
from tracker.extensions import db
from tracker.org.services import create_official
from tracker.org.units import create_unit

pytestmark = pytest.mark.browser
PROVINCE_ADMIN, PROVINCE_PASSWORD = "qt.tinh", "mat-khau-cua-tinh"
OFFICE = "Văn phòng HĐND và UBND"
OFFICE_OFFICER = "tn.vanphong1"
# The commune's people as its admin types them into the template: name, login, position,
# department (left empty for the leaders, who belong to none), role.
OFFICIALS = [
    ("Trần Văn Minh", "tn.chutich", "Chủ tịch UBND xã", "", "Chủ tịch"),
    ("Lê Thị Hoa", "tn.pct1", "Phó Chủ tịch UBND xã", "", "Phó Chủ tịch"),
    ("Phạm Văn Dũng", "tn.pct2", "Phó Chủ tịch UBND xã", "", "Phó Chủ tịch"),
    ("Nguyễn Thị Lan", OFFICE_OFFICER, "Chuyên viên", OFFICE, "Công chức"),
    ("Võ Văn Nam", "tn.vanphong2", "Chánh Văn phòng", OFFICE, "Công chức"),
    ("Huỳnh Thị Mai", "tn.kinhte1", "Trưởng phòng", "Phòng Kinh tế", "Công chức"),
    ("Đặng Văn Hải", "tn.kinhte2", "Chuyên viên", "Phòng Kinh tế", "Công chức"),
    ("Bùi Thị Thu", "tn.vhxh1", "Trưởng phòng", "Phòng Văn hóa - Xã hội", "Công chức"),
    ("Đỗ Văn Long", "tn.vhxh2", "Chuyên viên", "Phòng Văn hóa - Xã hội", "Công chức"),
    ("Ngô Thị Hạnh", "tn.hcc1", "Giám đốc", "Trung tâm Phục vụ hành chính công", "Công chức"),
    ("Dương Văn Tài", "tn.hcc2", "Viên chức", "Trung tâm Phục vụ hành chính công",
     "Công chức"),
    ("Lý Thị Ngọc", "tn.hcc3", "Viên chức", "Trung tâm Phục vụ hành chính công",
     "Công chức"),
]
QUARTERS = (PeriodKind.Q1, PeriodKind.Q3)


@pytest.fixture(scope="module")
def province(live_app):
    with live_app.app_context():
        unit = create_unit(db.session, SYSTEM, code="quang-ngai", name="UBND tỉnh Quảng Ngãi",
                           place_name="Quảng Ngãi", level="province")
        create_official(db.session, SYSTEM, unit, username=PROVINCE_ADMIN,
                        password=PROVINCE_PASSWORD, full_name="Phan Quản Trị", role="admin")
        db.session.commit()


def _desk(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _sign_in_first_time(page, live_url: str, username: str, password: str) -> None:
    """Sign in with a password someone else chose: the official must change it before
    anything else, and does so as they would, on the page the sign-in leads to."""
    page.goto(f"{live_url}/sign-in")
    page.get_by_label("Tên đăng nhập hoặc e-mail").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("must-change-password")).to_be_visible()
    page.get_by_label("Mật khẩu hiện tại").fill(password)
    page.get_by_label("Mật khẩu mới", exact=True).fill(f"{username}-mat-khau-rieng")
    page.get_by_label("Nhập lại mật khẩu mới").fill(f"{username}-mat-khau-rieng")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    expect(page.get_by_text("Đã đổi mật khẩu.")).to_be_visible()
    expect(page.get_by_test_id("must-change-password")).to_have_count(0)


def _quarter_offered_now() -> ReportingPeriod:
    """The quarterly report the commune writes now: the one due, else the one running
    (whatever the day, one of the two is Quý I or Quý III)."""
    today = today_in(DEFAULT_TIMEZONE)
    return next(period for period in (period_due_now(today), next_commune_period(today))
                if period.kind in QUARTERS)


def _create_commune(browser, live_url: str) -> str:
    """As the province's admin: Tư Nghĩa and its first admin; the password shown once."""
    context, page = _desk(browser)
    sign_in_page(page, live_url, PROVINCE_ADMIN, PROVINCE_PASSWORD)
    page.get_by_role("link", name="Đơn vị", exact=True).click()
    form = page.get_by_test_id("commune-form")
    form.get_by_label("Mã đơn vị").fill("tu-nghia")
    form.get_by_label("Tên đơn vị").fill("UBND xã Tư Nghĩa")
    form.get_by_label("Địa danh").fill("Tư Nghĩa")
    form.get_by_label("Loại").select_option(label="Xã")
    form.get_by_label("Tên đăng nhập của quản trị").fill("tn.quantri")
    form.get_by_label("Họ và tên quản trị").fill("Trương Văn Quản")
    form.get_by_role("button", name="Tạo đơn vị").click()
    expect(page.get_by_role("heading", name="Đã tạo UBND xã Tư Nghĩa")).to_be_visible()
    expect(page.get_by_test_id("new-admin-username")).to_have_text("tn.quantri")
    password = page.get_by_test_id("new-admin-password").inner_text().strip()
    page.get_by_role("link", name="Về danh sách đơn vị").click()
    row = page.get_by_test_id("unit-row").filter(has_text="UBND xã Tư Nghĩa")
    expect(row).to_contain_text("Trương Văn Quản (tn.quantri)")
    expect(row).to_contain_text("Chưa thiết lập")
    context.close()
    return password


def _set_up(page) -> None:
    """As the commune's admin: the set-up from the 2025 preset, then the office in Cài đặt."""
    expect(page.get_by_test_id("setup-banner")).to_be_visible()
    page.get_by_test_id("setup-banner").get_by_role("link", name="Thiết lập đơn vị").click()
    expect(page.get_by_test_id("first-setup")).to_be_visible()
    form = page.get_by_test_id("setup-form")
    expect(form.get_by_label("Tên đơn vị")).to_have_value("UBND xã Tư Nghĩa")
    expect(form.get_by_label("Cấp, loại đơn vị")).to_have_value("xa")
    expect(page.get_by_test_id("parent-unit")).to_have_text("UBND tỉnh Quảng Ngãi")
    form.get_by_label("Xã, phường từ 01/7/2025 (các phòng theo Nghị định 150/2025)").check()
    expect(form.get_by_label("Nơi nhận của báo cáo (mỗi nơi một dòng)")).to_contain_text(
        "Sở Nội vụ tỉnh Quảng Ngãi")
    form.get_by_role("button", name="Lưu thiết lập").click()
    expect(page.get_by_text("Đã lưu thiết lập đơn vị; đã thêm 4 bộ phận.")).to_be_visible()
    expect(page.get_by_test_id("first-setup")).to_have_count(0)
    expect(page.get_by_test_id("setup-banner")).to_have_count(0)
    for room in (OFFICE, "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
                 "Trung tâm Phục vụ hành chính công"):
        expect(form.get_by_label("Bộ phận tổng hợp báo cáo")).to_contain_text(room)

    page.get_by_role("link", name="Cài đặt", exact=True).click()
    settings = page.get_by_test_id("settings-form")
    settings.get_by_label("Bộ phận tổng hợp báo cáo").select_option(label=OFFICE)
    settings.get_by_role("button", name="Lưu cài đặt").click()
    expect(page.get_by_text("Đã lưu cài đặt của đơn vị.")).to_be_visible()
    expect(page.get_by_test_id("settings-form").get_by_label("Bộ phận tổng hợp báo cáo")
           .locator("option:checked")).to_have_text(OFFICE)


def _filled_template(page) -> bytes:
    """The import template downloaded from the page, with the commune's officials in it."""
    with page.expect_download() as download:
        page.get_by_test_id("official-import-template").click()
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet = workbook["Cán bộ"]
    headers = [cell.value for cell in sheet[1]]
    columns = ("Họ và tên", "Tên đăng nhập", "Chức vụ", "Bộ phận", "Vai trò")
    for number, official in enumerate(OFFICIALS, start=2):
        for header, value in zip(columns, official, strict=True):
            sheet.cell(row=number, column=headers.index(header) + 1, value=value or None)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _import_officials(page) -> dict[str, str]:
    """As the commune's admin: the twelve officials from Excel; their temporary passwords
    from the file only the admin downloads, once."""
    page.get_by_role("link", name="Cán bộ", exact=True).click()
    page.get_by_test_id("import-officials").click()
    upload = _filled_template(page)
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(files=[{
        "name": "can-bo-tu-nghia.xlsx", "buffer": upload,
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.get_by_role("button", name="Nhập cán bộ").click()
    expect(page.get_by_text("Đã tạo 12 tài khoản.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_test_id("password-download").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    passwords = {row[1]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    expect(page.get_by_test_id("password-sheet")).to_be_visible()

    page.get_by_role("link", name="Cán bộ", exact=True).click()
    expect(page.get_by_test_id("official-row")).to_have_count(len(OFFICIALS) + 1)
    expect(page.locator(f'[data-testid="official-row"][data-username="{OFFICE_OFFICER}"]')
           ).to_contain_text(OFFICE)
    return passwords


def _draft_report(page, period: ReportingPeriod) -> None:
    """As the office officer: the quarter's draft, from the commune's (empty) data."""
    page.get_by_role("link", name="Báo cáo", exact=True).click()
    page.get_by_label("Kỳ báo cáo").select_option(label=period.label)
    page.get_by_role("button", name="Tạo dự thảo từ dữ liệu").click()
    expect(page.get_by_text(f"Đã tạo dự thảo báo cáo {period.label} từ dữ liệu.")
           ).to_be_visible()
    expect(page.get_by_test_id("report-title")).to_contain_text(period.label)


def test_a_new_commune_sets_itself_up_and_drafts_its_report(browser, live_url, province):
    admin_password = _create_commune(browser, live_url)

    admin, page = _desk(browser)
    _sign_in_first_time(page, live_url, "tn.quantri", admin_password)
    page.goto(f"{live_url}/")
    _set_up(page)
    passwords = _import_officials(page)
    admin.close()

    office, page = _desk(browser)
    _sign_in_first_time(page, live_url, OFFICE_OFFICER, passwords[OFFICE_OFFICER])
    period = _quarter_offered_now()
    _draft_report(page, period)
    # NĐ 30/2020: the UBND alone heads its report, no superior body's line above it.
    expect(page.get_by_test_id("report-issuer")).to_have_text(
        re.compile(r"^\s*ỦY BAN NHÂN DÂN XÃ TƯ NGHĨA\s+Số:"))
    expect(page.get_by_test_id("report-issuer")).not_to_contain_text("TỈNH")
    expect(page.get_by_test_id("report-recipients")).to_contain_text(
        "- Sở Nội vụ tỉnh Quảng Ngãi;")
    expect(page.get_by_test_id("report-recipients")).to_contain_text(
        "- UBND tỉnh Quảng Ngãi;")
    office.close()
