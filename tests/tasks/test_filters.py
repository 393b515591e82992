from datetime import date

import pytest

from tests.api.conftest import bearer
from tests.conftest import sign_in
from tests.factories import DepartmentFactory, DocumentFactory, OfficialFactory, UnitFactory
from tests.helpers import queries_during
from tracker.core.errors import ValidationFailed
from tracker.core.roles import Role
from tracker.tasks.filters import check_filters
from tracker.tasks.queries import TaskFilters


@pytest.fixture
def places(db_session):
    unit, elsewhere = UnitFactory(), UnitFactory()
    return {
        "unit": unit,
        "chairman": OfficialFactory(unit=unit, username="chutich", role=Role.CHAIRMAN),
        "department": DepartmentFactory(unit=unit),
        "document": DocumentFactory(unit=unit),
        "their_department": DepartmentFactory(unit=elsewhere),
        "their_official": OfficialFactory(unit=elsewhere),
        "their_document": DocumentFactory(unit=elsewhere),
    }


def _problems(session, places, **filters) -> dict:
    with pytest.raises(ValidationFailed) as refused:
        check_filters(session, places["chairman"], places["unit"], TaskFilters(**filters))
    return refused.value.errors


def test_filters_on_the_units_own_department_official_and_document_pass(places, db_session):
    document = check_filters(db_session, places["chairman"], places["unit"], TaskFilters(
        department_id=places["department"].id, official_id=places["chairman"].id,
        lead_id=places["chairman"].id, coordinator_id=places["chairman"].id,
        document_id=places["document"].id, due_from=date(2023, 3, 1), due_to=date(2023, 3, 1)))
    assert document == places["document"]
    assert check_filters(db_session, places["chairman"], places["unit"], TaskFilters()) is None


def test_another_units_department_official_or_document_is_refused_by_parameter(
        places, db_session):
    errors = _problems(db_session, places, department_id=places["their_department"].id,
                       official_id=places["their_official"].id,
                       lead_id=places["their_official"].id,
                       coordinator_id=places["their_official"].id,
                       document_id=places["their_document"].id)
    assert {name: [str(m) for m in messages] for name, messages in errors.items()} == {
        "department": ["Không tìm thấy bộ phận."], "official": ["Không tìm thấy cán bộ."],
        "lead": ["Không tìm thấy cán bộ."], "coordinator": ["Không tìm thấy cán bộ."],
        "document": ["Không tìm thấy văn bản."]}


def test_a_due_range_that_ends_before_it_starts_is_refused_on_to(places, db_session):
    errors = _problems(db_session, places, due_from=date(2023, 3, 20), due_to=date(2023, 3, 19))
    assert [str(m) for m in errors["to"]] == ["Ngày cuối phải từ ngày đầu trở đi."]


def test_ids_past_the_database_integers_are_refused_without_a_query(
        places, db_session):
    db_session.flush()
    refused = []

    def check():
        try:
            check_filters(db_session, places["chairman"], places["unit"],
                          TaskFilters(document_id=2**31, department_id=-1, lead_id=2**31))
        except ValidationFailed as error:
            refused.append(error.errors)

    assert queries_during(check) == 0
    assert set(refused[0]) == {"document", "department", "lead"}


def test_no_query_for_the_departments_and_officials_a_list_is_not_narrowed_to(
        places, db_session):
    db_session.flush()
    unit = places["unit"]
    assert queries_during(lambda: check_filters(
        db_session, places["chairman"], unit, TaskFilters())) == 0
    people = {"official_id": places["chairman"].id, "lead_id": places["chairman"].id,
              "coordinator_id": places["their_official"].id}
    assert queries_during(lambda: _problems(db_session, places, **people)) == 1  # all three


@pytest.mark.parametrize("case", ["department", "official", "lead", "document", "range"])
def test_the_page_and_the_api_refuse_a_filter_the_same_way(client, places, case):
    query = {
        "department": {"department": places["their_department"].id},
        "official": {"official": places["their_official"].id},
        "lead": {"lead": places["their_official"].id},
        "document": {"document": places["their_document"].id},
        "range": {"from": "2023-03-20", "to": "2023-03-19"},
    }[case]
    field = "to" if case == "range" else case
    api = client.get("/api/v1/tasks", headers=bearer(places["chairman"]), query_string=query)
    assert api.status_code == 422 and list(api.json["errors"]) == [field], api.json
    [message] = api.json["errors"][field]
    sign_in(client, "chutich")
    page = client.get("/tasks", query_string=query)
    assert page.status_code == 422 and message in page.get_data(as_text=True)
    export = client.get("/tasks/export.xlsx", query_string=query)
    assert export.status_code == 422
