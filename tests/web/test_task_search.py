"""The task list of a search that found more than it counts says so, and pages on."""

import pytest

from tests.conftest import sign_in
from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tracker.core.paging import PER_PAGE
from tracker.tasks import queries


@pytest.mark.usefixtures("on_20_march_2023")
def test_a_capped_search_says_more_than_and_offers_the_next_page(client, db_session,
                                                                  monkeypatch):
    monkeypatch.setattr(queries, "COUNT_CAP", PER_PAGE)
    unit = UnitFactory()
    me = OfficialFactory(unit=unit, username="vanphong1")
    for n in range(PER_PAGE + 1):
        TaskFactory(unit=unit, lead=me, title=f"Số hóa hồ sơ {n}")
    sign_in(client, "vanphong1")
    html = client.get("/tasks", query_string={"q": "so hoa"}).get_data(as_text=True)
    assert f"Hơn {PER_PAGE} kết quả" in html and 'data-capped=true' in html
    assert "Trang 1 / hơn 1" in html and "?q=so+hoa&amp;page=2" in html
    last = client.get("/tasks", query_string={"q": "so hoa", "page": 2}).get_data(as_text=True)
    assert f"{PER_PAGE + 1} nhiệm vụ" in last and "Trang 2 / 2" in last
