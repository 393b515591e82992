"""A search through the API counts up to a cap and says when it stopped there."""

import pytest

from tests.factories import TaskFactory
from tracker.tasks import queries


@pytest.mark.usefixtures("on_20_march_2023")
def test_the_list_reports_a_capped_total(client, commune, monkeypatch):
    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    for n in range(5):
        TaskFactory(unit=commune.unit, lead=commune.other, title=f"Số hóa hồ sơ {n}")

    def listed(**query) -> tuple:
        page = client.get("/api/v1/tasks", headers=commune.chairman_auth,
                          query_string={"per_page": 2, **query}).json
        return page["total"], page["capped"], len(page["items"])

    assert listed(q="so hoa") == (3, True, 2)
    assert listed(q="so hoa", page=3) == (5, False, 1)
    assert listed(q="ra soat") == (1, False, 1)
    assert listed() == (6, False, 2)  # no search: counted exactly


def test_the_openapi_document_describes_the_cap(client, db_session):
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    assert schemas["TaskPage"]["properties"]["capped"]["type"] == "boolean"
    assert "capped" not in schemas["DocumentPage"]["properties"]
