"""The notifications list is paged: counted, validated, and the same work for any length."""

import pytest

from tests.conftest import sign_in
from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import queries_for
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.notifications.models import NotificationKind
from tracker.notifications.services import Draft, enqueue_many, mark_all_read


@pytest.fixture
def me(db_session):
    return OfficialFactory(unit=UnitFactory(), username="tuphap1", role=Role.OFFICER)


def _notify(official, count: int) -> None:
    task = TaskFactory(unit=official.unit, lead=official)
    payload = {"role": "lead", "title": task.title, "due": "2023-03-31"}
    enqueue_many(db.session, official.unit, [
        Draft(official, NotificationKind.ASSIGNED, payload, task_id=task.id, offset=offset)
        for offset in range(count)])


def test_the_heading_counts_the_unread_and_the_pager_the_pages(client, me):
    _notify(me, 55)
    mark_all_read(db.session, me)
    _notify(me, 3)
    sign_in(client, "tuphap1")
    html = client.get("/notifications").get_data(as_text=True)
    assert 'data-testid="unread-heading">3 chưa đọc<' in html
    assert "58 thông báo" in html and "Trang 1 / 2" in html
    second = client.get("/notifications?page=2").get_data(as_text=True)
    assert second.count('data-testid="notification-') == 8 and "Trang 2 / 2" in second


def test_a_page_past_the_last_is_an_empty_page_that_says_so(client, me):
    _notify(me, 3)
    sign_in(client, "tuphap1")
    response = client.get("/notifications?page=7")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'data-testid="notification-' not in html and "Chưa có thông báo nào." not in html
    assert "Trang 7 không có thông báo nào: danh sách có 1 trang." in html
    assert 'href="/notifications?page=6"' in html


@pytest.mark.parametrize(("page", "message"), [
    ("abc", "Nhập một số nguyên."),
    ("1.5", "Nhập một số nguyên."),
    ("0", "Số trang phải từ 1 trở lên."),
    ("-3", "Số trang phải từ 1 trở lên."),
    ("100001", "Số trang tối đa là 100000."),
    ("9" * 400, "quá lớn"),
])
def test_a_page_that_is_no_page_number_is_refused_with_its_reason(client, me, page, message):
    sign_in(client, "tuphap1")
    response = client.get(f"/notifications?page={page}")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_a_long_list_costs_as_many_queries_as_a_short_one(client, me):
    _notify(me, 5)
    sign_in(client, "tuphap1")
    short = queries_for(client, "/notifications")
    _notify(me, 120)
    assert queries_for(client, "/notifications?page=2") == short
