from datetime import date

import time_machine

from tests.conftest import sign_in
from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tracker.core.roles import Role


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
    mine = html[html.index('data-testid="my-tasks"'):html.index('data-testid="unit-tasks"')]
    assert "Việc tôi chủ trì" in mine and "Việc người khác chủ trì" not in mine
    assert "12/KH-UBND" in html and "Phổ biến giáo dục pháp luật năm 2023" in html
    assert "Văn bản của đơn vị khác" not in html
