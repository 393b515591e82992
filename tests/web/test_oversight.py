"""/oversight: the province's pages over its communes, read-only, and closed to communes."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from tests.conftest import sign_in
from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import queries_for
from tracker.core.actor import SYSTEM
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import UnitLevel
from tracker.reports.models import Report
from tracker.reports.services import create_report, finalise_report

DAY = date(2026, 10, 20)


@pytest.fixture(autouse=True)
def on_the_day():
    with time_machine.travel(datetime(2026, 10, 20, 9, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def province(db_session):
    return UnitFactory(code="tinh", name="UBND tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE)


@pytest.fixture
def communes(province):
    first = UnitFactory(parent=province, code="an-nhon", name="UBND xã An Nhơn",
                        place_name="An Nhơn")
    second = UnitFactory(parent=province, code="binh-son", name="UBND xã Bình Sơn",
                         place_name="Bình Sơn")
    TaskFactory(unit=first, title="Rà soát thủ tục quá hạn", due_date=DAY - timedelta(days=2))
    TaskFactory(unit=second, title="Số hóa hồ sơ", due_date=DAY + timedelta(days=3))
    return first, second


@pytest.fixture
def viewer(province):
    return OfficialFactory(unit=province, username="noivu", role=Role.VIEWER)


def _signed(unit, period: str, on: date) -> Report:
    """The unit's report drafted and signed through the services on the day `on`."""
    with time_machine.travel(datetime(on.year, on.month, on.day, 3, tzinfo=UTC), tick=False):
        report = create_report(db.session, SYSTEM, unit, period)
        return finalise_report(db.session, SYSTEM, report, accept_findings=True,
                               version=report.version)


def test_the_province_sees_each_commune_and_opens_one_read_only(client, communes, viewer):
    first, _second = communes
    sign_in(client, "noivu")
    home = client.get("/").get_data(as_text=True)
    assert 'data-testid="nav-oversight"' in home and 'data-testid="oversight-link"' in home
    page = client.get("/oversight").get_data(as_text=True)
    assert page.index("UBND xã An Nhơn") < page.index("UBND xã Bình Sơn")
    row = re.search(r'<tr data-unit="an-nhon">.*?</tr>', page, re.S).group(0)
    assert re.search(r'data-cell="overdue">1<', row)
    assert 'data-submission="missing"' in row
    assert 'data-testid="rate-chart"' in page
    dashboard = client.get(f"/oversight/units/{first.id}")
    assert dashboard.status_code == 200
    html = dashboard.get_data(as_text=True)
    assert 'data-testid="read-only"' in html and 'data-testid="back-to-oversight"' in html
    assert f"/oversight/tasks?unit={first.id}" in html.replace("&amp;", "&")


def test_sorting_turns_on_the_second_click(client, communes, viewer):
    sign_in(client, "noivu")
    by_overdue = client.get("/oversight?sort=overdue&desc=y").get_data(as_text=True)
    assert by_overdue.index("UBND xã An Nhơn") < by_overdue.index("UBND xã Bình Sơn")
    ascending = client.get("/oversight?sort=overdue").get_data(as_text=True)
    assert ascending.index("UBND xã Bình Sơn") < ascending.index("UBND xã An Nhơn")
    assert 'href="/oversight?sort=overdue&amp;desc=y"' in ascending


def test_the_tasks_across_communes_name_each_commune(client, communes, viewer):
    first, _second = communes
    sign_in(client, "noivu")
    every = client.get("/oversight/tasks").get_data(as_text=True)
    assert "Rà soát thủ tục quá hạn" in every and "Số hóa hồ sơ" in every
    assert every.count('data-testid="task-unit"') == 2
    overdue = client.get(f"/oversight/tasks?unit={first.id}&class=overdue").get_data(as_text=True)
    assert "Rà soát thủ tục quá hạn" in overdue and "Số hóa hồ sơ" not in overdue


@pytest.mark.parametrize("query", ["unit=abc", "page=0", "class=nope", "from=31/02/2026",
                                   "from=2026-12-10&to=2026-12-01"])
def test_bad_filters_get_a_message_not_a_list(client, communes, viewer, query):
    sign_in(client, "noivu")
    response = client.get(f"/oversight/tasks?{query}")
    assert response.status_code == 422
    assert "Bộ lọc chưa hợp lệ" in response.get_data(as_text=True)


def test_a_page_past_the_last_says_so(client, communes, viewer):
    sign_in(client, "noivu")
    page = client.get("/oversight/tasks?page=100000").get_data(as_text=True)
    assert 'data-testid="beyond-last"' in page and "danh sách có 1 trang" in page


def test_a_unit_not_below_is_not_found(client, communes, viewer):
    stranger = UnitFactory(name="UBND xã Nơi Khác")
    sign_in(client, "noivu")
    assert client.get(f"/oversight/units/{stranger.id}").status_code == 404
    assert client.get(f"/oversight/tasks?unit={stranger.id}").status_code == 404
    lead_elsewhere = OfficialFactory(unit=stranger)
    response = client.get(f"/oversight/tasks?unit={communes[0].id}&lead={lead_elsewhere.id}")
    assert response.status_code == 422
    assert client.get("/oversight/units/99999999999999999999").status_code == 404


def test_a_commune_has_no_oversight_pages(client, communes):
    OfficialFactory(unit=communes[0], username="ct.annhon", role=Role.CHAIRMAN)
    sign_in(client, "ct.annhon")
    assert 'data-testid="nav-oversight"' not in client.get("/").get_data(as_text=True)
    for url in ("/oversight", f"/oversight/units/{communes[1].id}", "/oversight/tasks",
                "/oversight/reports"):
        assert client.get(url).status_code == 403, url


def test_the_reports_of_a_period_and_the_missing_ones(client, communes, viewer):
    first, _second = communes
    report = _signed(first, "2026-Q3", date(2026, 9, 15))
    sign_in(client, "noivu")
    assert 'data-testid="reports-below-link"' in client.get("/reports").get_data(as_text=True)
    page = client.get("/oversight/reports").get_data(as_text=True)
    assert "1/2 đơn vị đã nộp báo cáo" in page
    assert re.search(r'<tr data-unit="an-nhon" data-submission="on_time">', page)
    assert re.search(r'<tr data-unit="binh-son" data-submission="missing">', page)
    assert f"/reports/{report.id}/report.json" in page
    download = client.get(f"/reports/{report.id}/report.json")
    assert download.status_code == 200
    assert "bao-cao-cchc-an-nhon-2026-Q3.json" in download.headers["Content-Disposition"]
    earlier = client.get("/oversight/reports?period=2026-H1").get_data(as_text=True)
    assert "0/2 đơn vị đã nộp báo cáo" in earlier
    for bad in ("2026-Q9", "2030-Q1", "x" * 500):
        response = client.get(f"/oversight/reports?period={bad}")
        assert response.status_code == 422 and "Kỳ báo cáo không hợp lệ" in response.get_data(
            as_text=True)


def test_the_page_reads_in_a_fixed_number_of_queries(client, province, communes, viewer):
    sign_in(client, "noivu")
    few = queries_for(client, "/oversight")
    for number in range(8):
        commune = UnitFactory(parent=province, name=f"UBND xã Thêm {number}")
        TaskFactory(unit=commune, due_date=DAY - timedelta(days=1))
        _signed(commune, "2026-Q3", date(2026, 9, 15))
    db.session.expire_all()
    assert queries_for(client, "/oversight") == few


def test_the_tasks_across_communes_read_in_a_fixed_number_of_queries(client, province,
                                                                     communes, viewer):
    sign_in(client, "noivu")
    db.session.expire_all()
    few = queries_for(client, "/oversight/tasks?class=overdue")
    for number in range(8):
        commune = UnitFactory(parent=province, name=f"UBND xã Quá Hạn {number}")
        TaskFactory(unit=commune, due_date=DAY - timedelta(days=1))
    db.session.expire_all()
    assert queries_for(client, "/oversight/tasks?class=overdue") == few
