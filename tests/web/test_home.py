import re
from datetime import date
from html import unescape

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
from tracker.core.roles import Role
from tracker.tasks.models import TaskState


def _count(html: str, task_class: str) -> int:
    marker = f'data-class="{task_class}">'
    start = html.index(marker) + len(marker)
    return int(html[start:html.index("<", start)])


def test_home_counts_by_class_in_the_units_time_zone(client, db_session):
    unit = UnitFactory(timezone="Asia/Ho_Chi_Minh")
    lead = OfficialFactory(unit=unit, username="diachinh1", role=Role.OFFICER)
    TaskFactory(unit=unit, lead=lead, due_date=date(2023, 3, 31), title="Đo đạc bản đồ")
    TaskFactory(unit=unit, lead=lead, due_date=None, title="Niêm yết thủ tục")
    # 16:59 UTC on 31/03 is 23:59 in Vietnam: still on time.
    with time_machine.travel("2023-03-31 16:59 +00:00", tick=False):
        sign_in(client, "diachinh1")
        html = client.get("/").get_data(as_text=True)
    assert (_count(html, "overdue"), _count(html, "in_progress")) == (0, 1)
    # 23:30 UTC on 31/03 is already 06:30 on 01/04 in Vietnam: the task is overdue.
    with time_machine.travel("2023-03-31 23:30 +00:00", tick=False):
        html = client.get("/").get_data(as_text=True)
    assert (_count(html, "overdue"), _count(html, "in_progress"), _count(html, "ongoing")) == (
        1, 0, 1)


def test_home_lists_my_tasks_and_the_units_documents(client, db_session):
    unit = UnitFactory()
    me = OfficialFactory(unit=unit, username="tuphap1")
    someone = OfficialFactory(unit=unit)
    TaskFactory(unit=unit, lead=me, title="Việc tôi chủ trì")
    TaskFactory(unit=unit, lead=someone, title="Việc người khác chủ trì")
    DocumentFactory(unit=unit, number=12, title="Phổ biến giáo dục pháp luật năm 2023")
    DocumentFactory(title="Văn bản của đơn vị khác")
    sign_in(client, "tuphap1")
    html = client.get("/").get_data(as_text=True)
    start = html.index('data-testid="my-tasks"')
    mine = html[start:html.index("</table>", start)]
    assert "Việc tôi chủ trì" in mine and "Việc người khác chủ trì" not in mine
    assert "12/KH-UBND" in html and "Phổ biến giáo dục pháp luật năm 2023" in html
    assert "Văn bản của đơn vị khác" not in html


def _links(html: str, testid: str) -> list[tuple[str, int]]:
    """(href, number) of every link in the table with `testid`."""
    start = html.index(f'data-testid="{testid}"')
    table = html[start:html.index("</table>", start)]
    return [(unescape(href), int(number))
            for href, number in re.findall(r'href="([^"]+)">(\d+)</a>', table)]


def test_every_number_of_the_breakdowns_links_to_the_list_it_counts(client, db_session):
    unit = UnitFactory()
    office = DepartmentFactory(unit=unit, name="Văn phòng - Thống kê")
    me = OfficialFactory(unit=unit, username="vanphong1", department=office)
    other = OfficialFactory(unit=unit)
    TaskFactory(unit=unit, lead=me, due_date=date(2023, 3, 1))
    TaskFactory(unit=unit, lead=me, reform_area=ReformArea.INSTITUTIONS, due_date=None)
    TaskFactory(unit=unit, lead=other, state=TaskState.DONE, completed_on=date(2023, 3, 2),
                coordinators=[me])
    # Counted apart, not in "Tổng": the totals link to the list without cancelled tasks.
    TaskFactory(unit=unit, lead=me, state=TaskState.CANCELLED, cancelled_on=date(2023, 3, 3),
                cancel_reason="Không còn phù hợp")
    with time_machine.travel("2023-03-20 09:00 +07:00", tick=False):
        sign_in(client, "vanphong1")
        html = client.get("/").get_data(as_text=True)
        links = [link for testid in ("by-area", "by-department", "by-official")
                 for link in _links(html, testid)]
        assert len(links) >= 20 and "Tổng (không kể đã hủy)" in html
        for href, number in links:
            listed = client.get(href).get_data(as_text=True)
            assert f'data-total="{number}"' in listed, href
    assert "50,0%" in html  # one done, one overdue: half of what has fallen due


def test_tasks_due_soon_follow_the_units_setting(client, db_session):
    unit = UnitFactory()
    unit.settings.due_soon_days = 5
    me = OfficialFactory(unit=unit, username="diachinh1")
    TaskFactory(unit=unit, lead=me, due_date=date(2023, 3, 24), title="Đo đạc bản đồ")
    with time_machine.travel("2023-03-20 09:00 +07:00", tick=False):
        sign_in(client, "diachinh1")
        html = client.get("/").get_data(as_text=True)
    assert 'data-testid="due-soon-count">1<' in html and "còn 5 ngày" in html
    unit.settings.due_soon_days = 3
    db_session.flush()
    with time_machine.travel("2023-03-20 09:00 +07:00", tick=False):
        html = client.get("/").get_data(as_text=True)
    assert 'data-testid="due-soon-count">0<' in html


def _unit_with(number: int) -> None:
    unit = UnitFactory()
    departments = [DepartmentFactory(unit=unit) for _ in range(3)]
    OfficialFactory(unit=unit, username=f"chutich{number}")
    for n in range(number):
        lead = OfficialFactory(unit=unit, department=departments[n % 3])
        TaskFactory(unit=unit, lead=lead, document=DocumentFactory(unit=unit),
                    reform_area=list(ReformArea)[n % 7],
                    due_date=date(2023, 3, 1 + (n * 3) % 28))  # every list has some


def test_the_dashboard_makes_as_many_queries_for_1000_tasks_as_for_10(client, db_session,
                                                                    on_20_march_2023):
    counts = []
    for number in (10, 1000):
        _unit_with(number)
        signed_in = client.application.test_client()
        sign_in(signed_in, f"chutich{number}")
        counts.append(queries_for(signed_in, "/"))
    assert counts[0] == counts[1]


def test_the_due_soon_count_is_every_such_task_and_links_to_them(client, db_session):
    unit = UnitFactory()
    me = OfficialFactory(unit=unit, username="vanhoa2")
    for n in range(12):
        TaskFactory(unit=unit, lead=me, due_date=date(2023, 3, 20 + n % 3))
    TaskFactory(unit=unit, lead=me, due_date=date(2023, 3, 24))  # beyond 3 days
    with time_machine.travel("2023-03-20 09:00 +07:00", tick=False):
        sign_in(client, "vanhoa2")
        html = client.get("/").get_data(as_text=True)
        assert 'data-testid="due-soon-count">12<' in html
        start = html.index('data-testid="due-soon"')
        href = unescape(re.search(r'href="([^"]+)"', html[start:]).group(1))
        assert 'data-total="12"' in client.get(href).get_data(as_text=True)
