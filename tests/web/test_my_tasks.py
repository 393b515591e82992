"""'Việc của tôi' shows a page of each section, counts all, links to the whole set."""

import re
from datetime import date, timedelta
from html import unescape

import pytest

from tests.conftest import sign_in
from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import queries_for
from tests.web.test_lists import _ids, _total
from tracker.tasks.models import TaskState

TODAY = date(2023, 3, 20)


def _link(html: str, testid: str) -> str:
    """Where a section's "Xem tất cả" link leads."""
    section = html[html.index(f'data-testid="{testid}-all"'):]
    return unescape(re.search(r'href="([^"]+)"', section).group(1))


@pytest.fixture
def busy(db_session):
    """An official leading 52 open tasks and coordinating 51, besides their done ones
    and the unit's other work."""
    unit = UnitFactory()
    me = OfficialFactory(unit=unit, username="tuphap1", full_name="Trần Văn Dũng")
    other = OfficialFactory(unit=unit)
    led = [TaskFactory(unit=unit, lead=me, due_date=TODAY + timedelta(days=n - 10))
           for n in range(51)] + [TaskFactory(unit=unit, lead=me, due_date=None)]
    helped = [TaskFactory(unit=unit, lead=other, coordinators=[me],
                          due_date=TODAY + timedelta(days=n)) for n in range(51)]
    TaskFactory(unit=unit, lead=me, state=TaskState.DONE, completed_on=TODAY)
    TaskFactory(unit=unit, lead=other, coordinators=[me], state=TaskState.DONE,
                completed_on=TODAY)
    TaskFactory(unit=unit, lead=other)
    return led, helped


def test_each_section_shows_the_50_most_urgent_and_counts_them_all(
        client, busy, on_20_march_2023):
    led, helped = busy
    sign_in(client, "tuphap1")
    html = client.get("/my-tasks").get_data(as_text=True)
    assert _ids(html, "leading") == [task.id for task in led[:50]]
    assert _ids(html, "coordinating") == [task.id for task in helped[:50]]
    assert "Tôi chủ trì (52)" in html and "Tôi phối hợp (51)" in html
    assert "Đang hiện 50 nhiệm vụ gấp nhất." in html
    assert "Xem tất cả 52 nhiệm vụ tôi chủ trì" in html
    assert "Xem tất cả 51 nhiệm vụ tôi phối hợp" in html


@pytest.mark.parametrize(("section", "filter_testid"), [
    ("leading", "lead-filter"), ("coordinating", "coordinator-filter")])
def test_see_all_lists_exactly_that_section_in_the_same_order(
        client, busy, on_20_march_2023, section, filter_testid):
    led, helped = busy
    tasks = {"leading": led, "coordinating": helped}[section]
    sign_in(client, "tuphap1")
    url = _link(client.get("/my-tasks").get_data(as_text=True), section)
    response = client.get(url)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and _total(html) == len(tasks)
    assert _ids(html) == [task.id for task in tasks[:50]]
    assert f'data-testid="{filter_testid}"' in html and "Trần Văn Dũng" in html
    second = client.get(url + "&page=2").get_data(as_text=True)
    assert _ids(second) == [task.id for task in tasks[50:]]


def test_no_see_all_link_when_every_task_is_shown(client, db_session, on_20_march_2023):
    unit = UnitFactory()
    me = OfficialFactory(unit=unit, username="tuphap1")
    TaskFactory(unit=unit, lead=me)
    sign_in(client, "tuphap1")
    html = client.get("/my-tasks").get_data(as_text=True)
    assert "Tôi chủ trì (1)" in html and "Tôi phối hợp (0)" in html
    assert 'data-testid="leading-all"' not in html and "Xem tất cả" not in html


def test_the_task_list_refuses_a_coordinator_of_another_unit(client, busy, on_20_march_2023):
    stranger = OfficialFactory(unit=UnitFactory())
    sign_in(client, "tuphap1")
    for value in (stranger.id, "abc", 2**31):
        response = client.get("/tasks", query_string={"coordinator": value})
        html = response.get_data(as_text=True)
        assert response.status_code == 422 and "Không tìm thấy cán bộ." in html, value
        assert 'data-testid="coordinator-filter"' not in html


def _official_with(number: int) -> str:
    """An official who leads `number` open tasks and coordinates as many, with as many
    documents and other people as tasks, up to 20; returns their username."""
    unit = UnitFactory()
    me = OfficialFactory(unit=unit, username=f"tuphap{number}")
    people = [OfficialFactory(unit=unit) for _ in range(min(number, 20))]
    for n in range(number):
        helper = people[n % len(people)]
        TaskFactory(unit=unit, lead=me, coordinators=[helper], due_date=TODAY)
        TaskFactory(unit=unit, lead=helper, coordinators=[me, people[n % 7 % len(people)]])
    return me.username


def test_as_many_queries_and_rows_for_1000_own_tasks_as_for_10(
        client, db_session, on_20_march_2023):
    pages = {}
    for number in (10, 1000):
        username = _official_with(number)
        signed_in = client.application.test_client()
        sign_in(signed_in, username)
        pages[number] = (queries_for(signed_in, "/my-tasks"),
                         signed_in.get("/my-tasks").get_data(as_text=True))
    assert pages[10][0] == pages[1000][0], (pages[10][0], pages[1000][0])
    big = pages[1000][1]
    assert len(_ids(big, "leading")) == len(_ids(big, "coordinating")) == 50
    assert "Tôi chủ trì (1.000)" in big and "Tôi phối hợp (1.000)" in big
