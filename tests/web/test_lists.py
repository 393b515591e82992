import re
from datetime import date, timedelta
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine

from tests.conftest import sign_in
from tests.factories import (
    DepartmentFactory,
    DocumentFactory,
    OfficialFactory,
    TaskFactory,
    UnitFactory,
)
from tests.helpers import queries_for
from tracker.core.reform_areas import ReformArea
from tracker.tasks.models import TaskState


def _ids(html: str, testid: str = "task-list") -> list[int]:
    """The tasks a table shows, in order."""
    start = html.index(f'data-testid="{testid}"')
    table = html[start:html.index("</table>", start)]
    return [int(task_id) for task_id in re.findall(r'data-task-id="(\d+)"', table)]


def _total(html: str) -> int:
    return int(re.search(r'data-testid="task-total" data-total="(\d+)"', html).group(1))


def _hrefs(html: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', html)]


@pytest.fixture
def commune(db_session):
    unit = UnitFactory()
    office = DepartmentFactory(unit=unit, name="Văn phòng - Thống kê")
    me = OfficialFactory(unit=unit, username="vanphong1", department=office,
                         full_name="Võ Thị Kim Oanh")
    dat = OfficialFactory(unit=unit, full_name="Lê Đức Đạt")
    plan = DocumentFactory(unit=unit, number=14, title="Kế hoạch cải cách hành chính năm 2023")
    tasks = SimpleNamespace(
        review=TaskFactory(unit=unit, lead=me, document=plan, coordinators=[dat],
                           title="Rà soát thủ tục hành chính", due_date=date(2023, 3, 31)),
        survey=TaskFactory(unit=unit, lead=dat, reform_area=ReformArea.INSTITUTIONS,
                           title="Đo đạc bản đồ đất đai", due_date=date(2023, 3, 10)),
        notice=TaskFactory(unit=unit, lead=dat, title="Niêm yết công khai 100% thủ tục",
                           due_date=None),
        report=TaskFactory(unit=unit, lead=dat, document=plan, title="Báo cáo quý I",
                           due_date=date(2023, 3, 15), state=TaskState.DONE,
                           completed_on=date(2023, 3, 14), progress_percent=100),
    )
    TaskFactory(title="Rà soát thủ tục hành chính của xã khác", due_date=None)
    return SimpleNamespace(unit=unit, office=office, me=me, dat=dat, plan=plan, tasks=tasks)


def _get(client, **params):
    return client.get("/tasks", query_string=params)


def _shown(client, commune, **params) -> set[str]:
    response = _get(client, **params)
    assert response.status_code == 200, response.get_data(as_text=True)
    by_id = {task.id: name for name, task in vars(commune.tasks).items()}
    return {by_id[task_id] for task_id in _ids(response.get_data(as_text=True))}


def test_the_list_shows_the_units_tasks_only(client, commune, on_20_march_2023):
    sign_in(client, "vanphong1")
    html = _get(client).get_data(as_text=True)
    assert _total(html) == 4
    assert _shown(client, commune) == {"review", "survey", "notice", "report"}
    assert "của xã khác" not in html
    assert "Lê Đức Đạt" in html  # the coordinator, beside the lead
    assert 'href="/tasks"' in html and 'href="/my-tasks"' in html  # the navbar


@pytest.mark.parametrize(("params", "expected"), [
    ({"class": "overdue"}, {"survey"}),
    ({"class": "ongoing"}, {"notice"}),
    ({"state": "done"}, {"report"}),
    ({"area": "institutions"}, {"survey"}),
    ({"department": "office"}, {"review"}),
    ({"official": "dat"}, {"review", "survey", "notice", "report"}),  # review: coordinates
    ({"official": "me"}, {"review"}),
    ({"document": "plan"}, {"review", "report"}),
    ({"from": "15/03/2023"}, {"review", "report"}),
    ({"from": "2023-03-15"}, {"review", "report"}),
    ({"to": "10/03/2023"}, {"survey"}),
    ({"q": "thu tuc"}, {"review", "notice"}),
    ({"class": "in_progress", "official": "dat"}, {"review"}),
    ({"q": "ke hoach", "state": "open"}, {"review"}),
    ({"from": "01/03/2023", "to": "2023-03-15", "area": "procedures"}, {"report"}),
])
def test_filters_from_the_query_string(client, commune, on_20_march_2023, params, expected):
    sign_in(client, "vanphong1")
    resolved = {key: getattr(commune, value).id if key in ("department", "official", "document")
                else value for key, value in params.items()}
    assert _shown(client, commune, **resolved) == expected


def test_the_class_is_reckoned_in_the_units_time_zone(client, commune):
    due_20_march = TaskFactory(unit=commune.unit, lead=commune.me, due_date=date(2023, 3, 20))

    def shown(task_class: str) -> list[int]:
        return _ids(_get(client, **{"class": task_class}).get_data(as_text=True))

    # 16:59 UTC on 20/03 is 23:59 in Vietnam: still due today, so on time.
    with time_machine.travel("2023-03-20 16:59 +00:00", tick=False):
        sign_in(client, "vanphong1")
        assert due_20_march.id in shown("in_progress") and due_20_march.id not in shown("overdue")
    # 23:30 UTC on 20/03 is 06:30 on 21/03 in Vietnam: overdue there, though not yet in UTC.
    with time_machine.travel("2023-03-20 23:30 +00:00", tick=False):
        assert due_20_march.id in shown("overdue") and due_20_march.id not in shown("in_progress")


@pytest.mark.parametrize(("q", "expected"), [
    ("ke hoach", {"review", "report"}),
    ("KẾ HOẠCH", {"review", "report"}),
    ("dat dai", {"survey"}),
    ("ĐẤT ĐAI", {"survey"}),
    ("đạt", {"survey", "notice", "report"}),  # the lead Lê Đức Đạt
    ("14/kh-ubnd", {"review", "report"}),
    ("100%", {"notice"}),
    ("1%", set()),  # a literal %: "1%" is no "1" followed by anything, such as "100%"
    ("%", {"notice"}),
])
def test_search_ignores_diacritics_case_and_wildcards(client, commune, on_20_march_2023, q,
                                                      expected):
    sign_in(client, "vanphong1")
    assert _shown(client, commune, q=q) == expected


def test_matching_documents_lead_to_their_tasks(client, commune, on_20_march_2023):
    DocumentFactory(title="Kế hoạch của xã khác")
    sign_in(client, "vanphong1")
    html = _get(client, q="ke hoach", state="open").get_data(as_text=True)
    box = html[html.index('data-testid="matching-documents"'):
               html.index('data-testid="task-total"')]
    assert "Văn bản khớp" in box and "14/KH-UBND" in box and "của xã khác" not in box
    (link,) = [h for h in _hrefs(box) if h.startswith("/tasks?")]
    assert parse_qs(urlsplit(link).query) == {"document": [str(commune.plan.id)], "state": ["open"]}
    html = client.get(link).get_data(as_text=True)
    assert set(_ids(html)) == {commune.tasks.review.id}
    assert 'data-testid="document-filter"' in html and "Kế hoạch cải cách hành chính" in html
    assert "Văn bản khớp" not in _get(client).get_data(as_text=True)


def test_no_matching_document_is_said(client, commune, on_20_march_2023):
    sign_in(client, "vanphong1")
    html = _get(client, q="do dac").get_data(as_text=True)
    assert "Không có văn bản nào khớp." in html and set(_ids(html)) == {commune.tasks.survey.id}


@pytest.mark.parametrize(("params", "message"), [
    ({"class": "late"}, "Lựa chọn không hợp lệ."),
    ({"state": "paused"}, "Lựa chọn không hợp lệ."),
    ({"area": "taxes"}, "Lựa chọn không hợp lệ."),
    ({"sort": "colour"}, "Lựa chọn không hợp lệ."),
    ({"order": "sideways"}, "Lựa chọn không hợp lệ."),
    ({"department": "999999"}, "Không tìm thấy bộ phận."),
    ({"official": "abc"}, "Lựa chọn không hợp lệ."),
    ({"document": "abc"}, "Không tìm thấy văn bản."),
    ({"document": "999999"}, "Không tìm thấy văn bản."),
    ({"from": "31/02/2023"}, "Ngày không hợp lệ"),
    ({"to": "2023-13-01"}, "Ngày không hợp lệ"),
    ({"from": "20/03/2023", "to": "19/03/2023"}, "Ngày cuối phải từ ngày đầu trở đi."),
    ({"page": "0"}, "Số trang phải từ 1 trở lên."),
    ({"page": "hai"}, "Nhập một số nguyên."),
    ({"q": "x" * 201}, "Tối đa 200 ký tự."),
])
def test_bad_parameters_are_422_with_a_message_beside_the_form(
        client, commune, on_20_march_2023, params, message):
    sign_in(client, "vanphong1")
    response = _get(client, **params)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bộ lọc chưa hợp lệ" in html and message in html
    assert 'data-testid="task-filters"' in html and 'data-testid="task-list"' not in html
    assert _get(client).status_code == 200


def test_another_units_document_is_not_found(client, commune, on_20_march_2023):
    other = DocumentFactory(title="Văn bản của xã khác")
    sign_in(client, "vanphong1")
    response = _get(client, document=other.id)
    assert response.status_code == 422 and "Văn bản của xã khác" not in response.get_data(
        as_text=True)


@pytest.fixture
def many(db_session):
    unit = UnitFactory()
    lead = OfficialFactory(unit=unit, username="vanphong1")
    first = date(2023, 1, 1)
    return [TaskFactory(unit=unit, lead=lead, due_date=first + timedelta(days=n))
            for n in range(51)]


def test_fifty_a_page_and_beyond_the_last_page(client, many, on_20_march_2023):
    sign_in(client, "vanphong1")
    first = _get(client).get_data(as_text=True)
    assert _total(first) == 51 and _ids(first) == [task.id for task in many[:50]]
    assert "Trang 1 / 2" in first
    second = _get(client, page=2).get_data(as_text=True)
    assert _ids(second) == [many[50].id] and "Trang 2 / 2" in second
    beyond = _get(client, page=3)
    html = beyond.get_data(as_text=True)
    assert beyond.status_code == 200 and 'data-testid="beyond-last"' in html
    assert "Trang 3 không có nhiệm vụ nào: danh sách có 2 trang." in html
    assert 'href="/tasks?page=2"' in html


def test_every_link_keeps_the_other_filters(client, many, on_20_march_2023):
    sign_in(client, "vanphong1")
    html = _get(client, state="open", q="nhiem vu", sort="due", order="asc").get_data(
        as_text=True)
    links = [parse_qs(urlsplit(h).query) for h in _hrefs(html) if h.startswith("/tasks?")]
    next_page = {"state": ["open"], "q": ["nhiem vu"], "sort": ["due"], "order": ["asc"],
                 "page": ["2"]}
    assert next_page in links
    by_title = {"state": ["open"], "q": ["nhiem vu"], "sort": ["title"], "order": ["asc"]}
    assert by_title in links  # a column heading: the filters kept, back to the first page
    due_reversed = {"state": ["open"], "q": ["nhiem vu"], "sort": ["due"], "order": ["desc"]}
    assert due_reversed in links
    html = _get(client, state="open", q="nhiem vu", sort="due", order="desc").get_data(
        as_text=True)
    assert _ids(html)[0] == many[-1].id and 'aria-sort="descending"' in html
    # The form itself carries every filter, with its current value.
    assert re.search(r'<input[^>]*name="q"[^>]*value="nhiem vu"', html)
    assert '<option selected value="open">' in html


def test_sorting_by_the_leads_given_name(client, db_session, on_20_march_2023):
    unit = UnitFactory()
    OfficialFactory(unit=unit, username="vanphong1")
    for name in ("Võ Thị Kim Oanh", "Nguyễn Văn An", "Lê Đức Đạt", "Trần Văn Dũng"):
        TaskFactory(unit=unit, lead=OfficialFactory(unit=unit, full_name=name), title=name)
    sign_in(client, "vanphong1")
    html = _get(client, sort="lead").get_data(as_text=True)
    titles = re.findall(r'data-task-id="\d+">\s*<td>\s*<a href="[^"]+">([^<]+)</a>', html)
    assert titles == ["Nguyễn Văn An", "Trần Văn Dũng", "Lê Đức Đạt", "Võ Thị Kim Oanh"]


def test_my_tasks_lead_and_coordinate_apart_with_counts(client, db_session, on_20_march_2023):
    unit = UnitFactory()
    me = OfficialFactory(unit=unit, username="tuphap1")
    other = OfficialFactory(unit=unit)
    today = date(2023, 3, 20)
    later = TaskFactory(unit=unit, lead=me, due_date=today + timedelta(days=9))
    ongoing = TaskFactory(unit=unit, lead=me, due_date=None)
    soon = TaskFactory(unit=unit, lead=me, due_date=today + timedelta(days=2))
    overdue = TaskFactory(unit=unit, lead=me, due_date=today - timedelta(days=1))
    TaskFactory(unit=unit, lead=me, due_date=today, state=TaskState.DONE, completed_on=today)
    helping = TaskFactory(unit=unit, lead=other, coordinators=[me], due_date=None)
    TaskFactory(unit=unit, lead=other)
    sign_in(client, "tuphap1")
    response = client.get("/my-tasks")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _ids(html, "leading") == [overdue.id, soon.id, later.id, ongoing.id]
    assert _ids(html, "coordinating") == [helping.id]
    assert "Tôi chủ trì (4)" in html and "Tôi phối hợp (1)" in html
    leading = html[html.index('data-testid="leading"'):html.index('data-testid="coordinating"')]
    assert leading.count("Sắp đến hạn") == 1


def _unit_with_tasks(number: int) -> None:
    """A unit whose tasks have as many different leads, documents and coordinators as
    there are tasks, up to 20, besides the official who signs in (who coordinates all)."""
    unit = UnitFactory()
    me = OfficialFactory(unit=unit, username=f"vanphong{number}")
    people = [OfficialFactory(unit=unit) for _ in range(min(number, 20))]
    documents = [DocumentFactory(unit=unit) for _ in range(min(number, 20))]
    for n in range(number):
        TaskFactory(unit=unit, lead=people[n % len(people)],
                    document=documents[n % len(documents)], title=f"Kế hoạch việc {n}",
                    coordinators=[me, people[(n + 1) % len(people)]],
                    due_date=date(2023, 3, 1 + n % 28))


@pytest.mark.parametrize(("url", "many"), [
    ("/tasks", 1000), ("/tasks?q=ke+hoach&sort=lead&order=desc", 1000),
    ("/tasks?class=overdue&from=01/03/2023&official=", 1000),
    ("/my-tasks", 1000),
])
def test_the_same_number_of_queries_for_10_tasks_as_for_many(client, db_session,
                                                              on_20_march_2023, url, many):
    counts = {}
    for number in (10, many):
        _unit_with_tasks(number)
        other = client.application.test_client()
        sign_in(other, f"vanphong{number}")
        counts[number] = queries_for(other, url)
    assert counts[10] == counts[many], counts
