"""The province's Sở Nội vụ follows its communes in the browser: the table, sorting, one
commune's dashboard read-only, the overdue tasks across communes, the reports that came
up and the missing one; a commune's chairman has no such page."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in_page
from tracker.core.actor import SYSTEM
from tracker.core.clock import today_in
from tracker.core.periods import period_due_now
from tracker.extensions import db
from tracker.org.services import create_official
from tracker.org.units import create_unit
from tracker.reports.services import create_report, finalise_report
from tracker.tasks.services import create_task

pytestmark = pytest.mark.browser
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture(scope="module")
def province(live_app):
    with live_app.app_context():
        province = create_unit(db.session, SYSTEM, code="tinh-thu", name="UBND tỉnh Thử",
                               place_name="Thử", level="province")
        create_official(db.session, SYSTEM, province, username="noivu", password=PASSWORD,
                        full_name="Tạ Thị Ngọc Hân", role="viewer")
        today = today_in(province.timezone)
        communes = {}
        for code, place, overdue in (("an-hoa", "An Hòa", 1), ("ba-gia", "Ba Gia", 3)):
            commune = create_unit(db.session, SYSTEM, code=code, name=f"UBND xã {place}",
                                  place_name=place, level="commune", parent=province,
                                  commune_kind="xa")
            communes[code] = commune
            chairman = create_official(db.session, SYSTEM, commune, username=f"ct.{code}",
                                       password=PASSWORD, full_name=f"Chủ Tịch {place}",
                                       role="chairman")
            for number in range(overdue):
                create_task(db.session, SYSTEM, commune, title=f"Việc quá hạn {number} ở {place}",
                            lead=chairman, reform_area="procedures",
                            due_date=today - timedelta(days=5 + number), announce=False)
        db.session.commit()
        # Ba Gia has signed the report due now; An Hòa has not.
        report = create_report(db.session, SYSTEM, communes["ba-gia"], period_due_now(today).code)
        finalise_report(db.session, SYSTEM, report, accept_findings=True, version=report.version)
        db.session.commit()


def test_the_province_follows_its_communes(page, live_url, province):
    sign_in_page(page, live_url, "noivu", PASSWORD)
    page.get_by_test_id("oversight-link").get_by_role("link").click()
    table = page.get_by_test_id("oversight-table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody tr").first).to_have_attribute("data-unit", "an-hoa")
    expect(page.get_by_test_id("total-overdue")).to_have_text("4")

    table.locator("[data-sort=overdue]").click()
    expect(table.locator("tbody tr").first).to_have_attribute("data-unit", "an-hoa")
    table.locator("[data-sort=overdue]").click()  # the second click turns the order
    expect(table.locator("tbody tr").first).to_have_attribute("data-unit", "ba-gia")
    expect(page.locator('tr[data-unit="ba-gia"] [data-cell=overdue]')).to_have_text("3")

    page.locator('tr[data-unit="ba-gia"]').get_by_test_id("unit-link").click()
    expect(page.get_by_test_id("read-only")).to_be_visible()
    expect(page.locator("h1")).to_have_text("UBND xã Ba Gia")
    page.get_by_test_id("back-to-oversight").click()
    expect(page.get_by_test_id("oversight-table")).to_be_visible()

    page.locator('tr[data-unit="an-hoa"] [data-cell=overdue]').click()
    tasks = page.get_by_test_id("below-task-list")
    expect(tasks.locator("tbody tr")).to_have_count(1)
    expect(tasks.get_by_test_id("task-unit")).to_have_text("UBND xã An Hòa")

    page.goto(f"{live_url}/oversight")
    page.get_by_test_id("reports-below").click()
    expect(page.get_by_test_id("reports-summary")).to_contain_text("1/2")
    expect(page.locator('tr[data-unit="an-hoa"]')).to_have_attribute(  # on its due day: not yet
        "data-submission", re.compile("^(missing|not_yet_due)$"))
    signed = page.locator('tr[data-unit="ba-gia"]')
    with page.expect_download() as download:
        signed.locator("[data-format=json]").click()
    assert download.value.suggested_filename.startswith("bao-cao-cchc-ba-gia-")


def test_a_commune_chairman_has_no_oversight(page, live_url, province):
    sign_in_page(page, live_url, "ct.an-hoa", PASSWORD)
    expect(page.get_by_test_id("oversight-link")).to_have_count(0)
    response = page.goto(f"{live_url}/oversight")
    assert response.status == 403
