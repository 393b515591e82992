"""The task list's pickers: the unit's own officials and departments, in their order."""

import re

from tests.conftest import sign_in
from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_officials_by_given_name_and_departments_in_the_units_order(client, db_session):
    unit = UnitFactory()
    DepartmentFactory(unit=unit, name="Văn phòng", position=2)
    DepartmentFactory(unit=unit, name="Tư pháp - Hộ tịch", position=1)
    DepartmentFactory(unit=unit, name="Đã giải thể", position=3, active=False)
    for name in ("Võ Thị Kim Oanh", "Nguyễn Văn An", "Lê Đức Đạt", "Trần Văn Dũng"):
        OfficialFactory(unit=unit, full_name=name)
    OfficialFactory(unit=unit, username="vanphong1", full_name="Phạm Thị Yến")
    OfficialFactory(unit=UnitFactory(), full_name="Đỗ Văn Bình")
    sign_in(client, "vanphong1")
    html = client.get("/tasks").get_data(as_text=True)
    assert _options(html, "official") == [
        "Tất cả", "Nguyễn Văn An", "Trần Văn Dũng", "Lê Đức Đạt", "Võ Thị Kim Oanh",
        "Phạm Thị Yến"]
    assert _options(html, "department") == [
        "Tất cả", "Tư pháp - Hộ tịch", "Văn phòng", "Đã giải thể"]
