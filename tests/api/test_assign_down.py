"""POST /api/v1/tasks/assign-down: a province gives one task to some or all of its
communes; each commune reads its copy with the task above it, the province reads the
copies in the task's answer."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
import time_machine

from tests.api.conftest import bearer
from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import count_rows, queries_during
from tracker.core.roles import Role
from tracker.core.validation import MAX_ID
from tracker.extensions import db
from tracker.org.models import UnitLevel
from tracker.tasks.models import Task

URL = "/api/v1/tasks/assign-down"


@pytest.fixture(autouse=True)
def in_december():
    with time_machine.travel(datetime(2026, 12, 4, 2, tzinfo=UTC), tick=False):
        yield


def _commune(province, place: str, code: str):
    commune = UnitFactory(parent=province, code=code, name=f"UBND xã {place}",
                          place_name=place)
    chairman = OfficialFactory(unit=commune, role=Role.CHAIRMAN, full_name=f"Chủ Tịch {place}")
    return SimpleNamespace(unit=commune, chairman=chairman)


@pytest.fixture
def province(db_session):
    unit = UnitFactory(code="tinh", name="UBND tỉnh Thử", level=UnitLevel.PROVINCE)
    chairman = OfficialFactory(unit=unit, role=Role.CHAIRMAN, full_name="Chủ Tịch Tỉnh")
    communes = [_commune(unit, place, code) for place, code in
                (("Cà Đam", "ca-dam"), ("An Hòa", "an-hoa"), ("Ba Gia", "ba-gia"))]
    return SimpleNamespace(
        unit=unit, chairman=chairman, auth=bearer(chairman), communes=communes,
        follower=OfficialFactory(unit=unit, full_name="Chuyên Viên Sở Nội Vụ"),
        plan=DocumentFactory(unit=unit, issued_on=date(2026, 11, 20),
                             title="Kế hoạch rà soát thủ tục hành chính năm 2026"))


def _body(province, units, **changes) -> dict:
    return {"title": "Rà soát thủ tục hành chính cấp xã", "reform_area": "procedures",
            "lead": province.follower.id, "document": province.plan.id, "due": "31/12/2026",
            "units": units} | changes


def _assign(client, province, units, **changes):
    return client.post(URL, headers=province.auth, json=_body(province, units, **changes))


def test_the_province_assigns_to_two_of_its_three_communes(client, province):
    chosen = [province.communes[0], province.communes[2]]  # Cà Đam, Ba Gia
    response = _assign(client, province, [c.unit.id for c in chosen])
    assert response.status_code == 201, response.json
    task = response.json
    assert task["lead"] == {"id": province.follower.id, "full_name": "Chuyên Viên Sở Nội Vụ"}
    assert task["document"]["id"] == province.plan.id and task["parent"] is None
    assert task["due_date"] == "2026-12-31"
    assert [c["unit"]["code"] for c in task["copies"]] == ["ba-gia", "ca-dam"]  # by place
    first = task["copies"][0]
    ba_gia = province.communes[2]
    assert first["unit"] == {"id": ba_gia.unit.id, "code": "ba-gia", "name": "UBND xã Ba Gia"}
    assert first["lead"] == {"id": ba_gia.chairman.id, "full_name": "Chủ Tịch Ba Gia"}
    assert (first["state"], first["class"], first["progress_percent"], first["due_date"]) == (
        "open", "in_progress", 0, "2026-12-31")
    copy = db.session.get(Task, first["id"])
    assert copy.parent_task_id == task["id"] and copy.unit_id == ba_gia.unit.id


def test_the_province_assigns_to_all_its_communes(client, province):
    response = _assign(client, province, "all")
    assert response.status_code == 201, response.json
    assert [c["unit"]["code"] for c in response.json["copies"]] == ["an-hoa", "ba-gia", "ca-dam"]
    assert count_rows(Task) == 4


def test_a_communes_chairman_may_not_assign_down(client, province):
    commune = province.communes[0]
    response = client.post(URL, headers=bearer(commune.chairman),
                           json=_body(province, "all", lead=commune.chairman.id, document=None))
    assert response.status_code == 403
    assert "đơn vị trực thuộc" in response.json["message"]
    officer = client.post(URL, headers=bearer(province.follower), json=_body(province, "all"))
    assert officer.status_code == 403
    assert count_rows(Task) == 0


@pytest.mark.parametrize("choose", [
    lambda p, n: [], lambda p, n: "some", lambda p, n: 7, lambda p, n: None,
    lambda p, n: {"id": 1}, lambda p, n: [MAX_ID + 1], lambda p, n: [10**30],
    lambda p, n: [True], lambda p, n: ["1"], lambda p, n: [n.id],
    lambda p, n: [p.unit.id], lambda p, n: [p.communes[0].unit.id, n.id],
])
def test_bad_units_are_refused_with_a_message_and_nothing_is_written(client, province, choose):
    neighbour = UnitFactory(name="UBND xã Tỉnh Khác")
    response = _assign(client, province, choose(province, neighbour))
    assert response.status_code == 422, response.json
    assert response.json["errors"]["units"] and all(response.json["errors"]["units"])
    assert count_rows(Task) == 0


def test_units_are_required(client, province):
    body = _body(province, "all")
    del body["units"]
    response = client.post(URL, headers=province.auth, json=body)
    assert response.status_code == 422 and "units" in response.json["errors"]
    assert count_rows(Task) == 0


def test_a_deadline_before_the_documents_issue_date_is_refused(client, province):
    response = _assign(client, province, "all", due="01/11/2026")
    assert response.status_code == 422
    assert "20/11/2026" in response.json["errors"]["due_date"][0]
    assert count_rows(Task) == 0


def test_the_lead_and_document_are_read_as_for_one_task(client, province):
    outsider = province.communes[0].chairman  # not an official of the province
    response = _assign(client, province, "all", lead=outsider.id, document=MAX_ID)
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"lead", "document"}
    assert count_rows(Task) == 0


def test_a_commune_reads_its_copy_with_the_task_above_not_another_communes(client, province):
    task = _assign(client, province, "all").json
    copies = {c["unit"]["code"]: c["id"] for c in task["copies"]}
    an_hoa = bearer(province.communes[1].chairman)
    mine = client.get(f"/api/v1/tasks/{copies['an-hoa']}", headers=an_hoa)
    assert mine.status_code == 200
    assert mine.json["parent"] == {"id": task["id"], "unit": {
        "id": province.unit.id, "name": "UBND tỉnh Thử"}}
    assert mine.json["copies"] == []
    assert client.get(f"/api/v1/tasks/{copies['ba-gia']}", headers=an_hoa).status_code == 404
    assert client.get(f"/api/v1/tasks/{task['id']}", headers=an_hoa).status_code == 404


def test_the_province_reads_the_copies_with_the_communes_progress(client, province):
    task = _assign(client, province, [province.communes[1].unit.id]).json
    copy = task["copies"][0]
    commune = bearer(province.communes[1].chairman)
    progressed = client.post(f"/api/v1/tasks/{copy['id']}/progress", headers=commune,
                             json={"percent": 40, "note": "Đã rà soát 12 thủ tục",
                                   "version": 1})
    assert progressed.status_code == 200, progressed.json
    read = client.get(f"/api/v1/tasks/{task['id']}", headers=province.auth).json
    assert [(c["id"], c["progress_percent"]) for c in read["copies"]] == [(copy["id"], 40)]
    own = TaskFactory(unit=province.unit, lead=province.follower)
    plain = client.get(f"/api/v1/tasks/{own.id}", headers=province.auth).json
    assert plain["copies"] == [] and plain["parent"] is None


def test_reading_a_task_costs_the_same_queries_for_3_copies_as_for_10(client, province):
    for n in range(7):
        _commune(province.unit, f"Thêm {n}", f"them-{n}")
    few = _assign(client, province, [c.unit.id for c in province.communes]).json
    many = _assign(client, province, "all").json
    assert (len(few["copies"]), len(many["copies"])) == (3, 10)

    def reading(task_id: int):
        return queries_during(lambda: client.get(f"/api/v1/tasks/{task_id}",
                                                 headers=province.auth))

    assert reading(few["id"]) == reading(many["id"])


def test_the_openapi_document_describes_assigning_down(client, db_session):
    document = client.get("/api/v1/openapi.json").json
    operation = document["paths"]["/tasks/assign-down"]["post"]
    schemas = document["components"]["schemas"]
    body = schemas[operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                   .rsplit("/", 1)[1]]
    assert set(body["required"]) == {"title", "lead", "units"}
    assert "all" in body["properties"]["units"]["description"]
    answer = operation["responses"]["201"]["content"]["application/json"]["schema"]["$ref"]
    assert answer == document["paths"]["/tasks/{task_id}"]["get"]["responses"]["200"][
        "content"]["application/json"]["schema"]["$ref"]
    task = schemas[answer.rsplit("/", 1)[1]]
    assert {"copies", "parent"} <= set(task["properties"])
    copy = schemas["CopyOut"]["properties"]
    assert set(copy) == {"id", "unit", "lead", "state", "class", "progress_percent", "due_date"}
    assert {"403", "422"} <= set(operation["responses"])
