"""GET /api/v1/units and /api/v1/units/<id>/tasks: the province over its communes, with
the oversight page's figures, read-only, and closed to the communes' neighbours."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from tests.api.conftest import bearer
from tests.factories import DepartmentFactory, OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import queries_during
from tests.oversight_data import commune_below, signed_report, tasks_by_class
from tracker.core.reform_areas import ReformArea
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import UnitLevel
from tracker.reports.oversight import build_oversight
from tracker.tasks.models import Task

DAY = date(2026, 10, 20)  # the Q3 2026 report was due on 15/9
HUGE = 99999999999999999999


@pytest.fixture(autouse=True)
def on_the_day():
    with time_machine.travel(datetime(2026, 10, 20, 9, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def province(db_session):
    return UnitFactory(code="tinh", name="UBND tỉnh Thử Nghiệm", place_name="Thử Nghiệm",
                       level=UnitLevel.PROVINCE)


@pytest.fixture
def viewer(province):
    return OfficialFactory(unit=province, username="noivu", role=Role.VIEWER)


@pytest.fixture
def communes(province):
    """An Nhơn with every class of task and its report in on time, Bình Sơn late with two
    reports signed, Cà Mau with nothing fallen due and no report."""
    an_nhon, binh_son, ca_mau = (commune_below(province, name) for name in (
        "UBND xã An Nhơn", "UBND xã Bình Sơn", "UBND phường Cà Mau"))
    tasks_by_class(an_nhon, DAY, overdue=1, next_week=2, on_time=3, late=1, cancelled=1)
    tasks_by_class(binh_son, DAY, overdue=1, on_time=2)
    TaskFactory(unit=binh_son, due_date=DAY - timedelta(days=1),
                reform_area=ReformArea.INSTITUTIONS)
    tasks_by_class(ca_mau, DAY, next_week=1)
    signed_report(an_nhon, "2026-Q3", date(2026, 9, 10))
    signed_report(binh_son, "2026-H1", date(2026, 6, 12))
    signed_report(binh_son, "2026-Q3", date(2026, 9, 20))
    return an_nhon, binh_son, ca_mau








def _figures(tally, due_next_days: int) -> dict:
    rate = tally.completion_rate
    return {"open": tally.not_done, "overdue": tally.overdue,
            "done_on_time": tally.done_on_time, "done_late": tally.done_late,
            "cancelled": tally.cancelled, "due_next_7_days": due_next_days,
            "completion_rate": None if rate is None else round(rate, 1)}


def _counts(entry: dict) -> dict:
    return {key: entry[key] for key in ("open", "overdue", "done_on_time", "done_late",
                                        "cancelled", "due_next_7_days", "completion_rate")}


def test_each_commune_with_the_figures_the_oversight_page_counts(client, province, viewer,
                                                                  communes):
    response = client.get("/api/v1/units", headers=bearer(viewer))
    assert response.status_code == 200, response.json
    body = response.json
    assert body["unit"]["id"] == province.id and body["unit"]["level"] == "province"
    assert (body["day"], body["period"], body["area"]) == ("2026-10-20", "2026-Q3", None)
    oversight = build_oversight(db.session, viewer, province, DAY)
    assert [e["unit"]["id"] for e in body["units"]] == [r.unit.id for r in oversight.rows]
    for entry, row in zip(body["units"], oversight.rows, strict=True):
        assert _counts(entry) == _figures(row.tally, row.due_next_days)
        assert entry["submission"] == {"period": "2026-Q3", "due_date": "2026-09-15",
                                       "state": row.submission.value}
    an_nhon, binh_son, ca_mau = body["units"]
    assert an_nhon["unit"]["name"] == "UBND xã An Nhơn"
    assert _counts(an_nhon) == {"open": 3, "overdue": 1, "done_on_time": 3,
                                      "done_late": 1, "cancelled": 1, "due_next_7_days": 2,
                                      "completion_rate": 80}
    assert binh_son["completion_rate"] == 50 and binh_son["submission"]["state"] == "late"
    assert binh_son["last_report"]["period"] == "2026-Q3"
    assert binh_son["last_report"]["signed_on"] == "2026-09-20"
    assert (ca_mau["completion_rate"], ca_mau["last_report"]) == (None, None)
    assert [e["submission"]["state"] for e in body["units"]] == ["on_time", "late", "missing"]
    assert body["totals"] == _figures(oversight.total, oversight.due_next_days) | {
        "submitted": 2}
    assert body["totals"]["overdue"] == 3 and body["totals"]["due_next_7_days"] == 3


def test_one_reform_area_and_a_bad_one(client, viewer, communes):
    auth = bearer(viewer)
    body = client.get("/api/v1/units", headers=auth,
                      query_string={"area": "institutions"}).json
    assert body["area"] == "institutions"
    assert [e["overdue"] for e in body["units"]] == [0, 1, 0]
    assert body["totals"]["open"] == 1
    response = client.get("/api/v1/units", headers=auth, query_string={"area": "weather"})
    assert response.status_code == 422
    assert response.json["errors"]["area"] == ["Lựa chọn không hợp lệ."]


def test_a_commune_sees_its_own_unit_and_nothing_below_nor_beside(client, province,
                                                                   communes):
    an_nhon, binh_son, _ca_mau = communes
    auth = bearer(OfficialFactory(unit=an_nhon, role=Role.CHAIRMAN))
    response = client.get("/api/v1/units", headers=auth)
    assert response.status_code == 200
    body = response.json
    assert body["unit"]["id"] == an_nhon.id and body["units"] == []
    assert body["totals"]["open"] == 0 and body["totals"]["completion_rate"] is None
    for unit in (binh_son, an_nhon, province):
        response = client.get(f"/api/v1/units/{unit.id}/tasks", headers=auth)
        assert response.status_code == 404, unit.name
        assert response.json["message"] == "Không tìm thấy đơn vị."


def test_one_communes_tasks_filtered_and_paged_as_the_units_own_list(client, viewer,
                                                                      communes):
    an_nhon, binh_son, _ca_mau = communes
    auth = bearer(viewer)
    tasks = f"/api/v1/units/{an_nhon.id}/tasks"
    everything = client.get(tasks, headers=auth).json
    assert everything["total"] == 8 and {t["id"] for t in everything["items"]} == {
        t.id for t in _tasks_of(an_nhon)}
    page = client.get(tasks, headers=auth, query_string={
        "class": "done_on_time", "per_page": 2, "page": 2}).json
    assert (page["total"], page["page"], page["per_page"], len(page["items"])) == (3, 2, 2, 1)
    assert page["items"][0]["class"] == "done_on_time"
    overdue = client.get(f"/api/v1/units/{binh_son.id}/tasks", headers=auth,
                         query_string={"class": "overdue", "area": "institutions"}).json
    assert overdue["total"] == 1 and overdue["items"][0]["reform_area"] == "institutions"
    lead = _tasks_of(an_nhon)[0].lead
    by_lead = client.get(tasks, headers=auth, query_string={"lead": lead.id}).json
    assert [t["lead"]["id"] for t in by_lead["items"]] == [lead.id]


def _tasks_of(unit) -> list[Task]:
    return list(db.session.scalars(select(Task).where(Task.unit_id == unit.id)
                                   .order_by(Task.id)))


@pytest.mark.parametrize(("query", "field"), [
    ({"page": 0}, "page"), ({"page": "x"}, "page"), ({"per_page": 101}, "per_page"),
    ({"class": "late"}, "class"), ({"area": "weather"}, "area"), ({"order": "up"}, "order"),
    ({"from": "2026-10-02", "to": "2026-10-01"}, "to"), ({"from": "01/10/2026"}, "from"),
    ({"department": 999999}, "department"), ({"official": 999999}, "official"),
    ({"lead": 999999}, "lead"), ({"document": 10**12}, "document"),
])
def test_bad_list_parameters_are_422_with_a_message(client, viewer, communes, query, field):
    response = client.get(f"/api/v1/units/{communes[0].id}/tasks", headers=bearer(viewer),
                          query_string=query)
    assert response.status_code == 422, response.json
    assert response.json["message"] and response.json["errors"][field], response.json


def test_another_communes_department_and_officials_are_not_this_ones(client, viewer,
                                                                     communes):
    an_nhon, binh_son, _ca_mau = communes
    elsewhere = DepartmentFactory(unit=binh_son)
    someone = OfficialFactory(unit=binh_son)
    auth = bearer(viewer)
    for query, field in (({"department": elsewhere.id}, "department"),
                         ({"official": someone.id}, "official"), ({"lead": someone.id}, "lead")):
        response = client.get(f"/api/v1/units/{an_nhon.id}/tasks", headers=auth,
                              query_string=query)
        assert response.status_code == 422 and response.json["errors"][field], query


@pytest.mark.parametrize("unit_id", [HUGE, 2147483648, 0, 999999, "-1", "abc"])
def test_no_such_unit_is_404_not_500(client, viewer, communes, unit_id):
    response = client.get(f"/api/v1/units/{unit_id}/tasks", headers=bearer(viewer))
    assert response.status_code == 404 and response.is_json and response.json["message"]


def test_the_province_and_a_unit_of_another_province_are_not_below(client, province, viewer,
                                                                    communes):
    auth = bearer(viewer)
    other_province = UnitFactory(level=UnitLevel.PROVINCE)
    theirs = UnitFactory(parent=other_province)
    for unit in (province, other_province, theirs):
        response = client.get(f"/api/v1/units/{unit.id}/tasks", headers=auth)
        assert response.status_code == 404 and response.json["message"] == (
            "Không tìm thấy đơn vị."), unit.name


def test_a_fixed_number_of_queries_however_many_communes(client, province, viewer, communes):
    auth = bearer(viewer)

    def get() -> None:
        db.session.expire_all()
        assert client.get("/api/v1/units", headers=auth).status_code == 200

    few = queries_during(get)
    for number in range(9):
        commune = commune_below(province, f"UBND xã Nhiều {number}")
        tasks_by_class(commune, DAY, overdue=2, late=1, next_week=1)
        signed_report(commune, "2026-Q3", date(2026, 9, 1))
    assert queries_during(get) == few
    assert len(client.get("/api/v1/units", headers=auth).json["units"]) == 12


def test_signing_in_is_needed(client, communes):
    assert client.get("/api/v1/units").status_code == 401
    assert client.get(f"/api/v1/units/{communes[0].id}/tasks").status_code == 401


def test_the_endpoints_are_in_the_openapi_document(client, db_session):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert [p["name"] for p in paths["/units"]["get"]["parameters"]] == ["area"]
    tasks = paths["/units/{unit_id}/tasks"]["get"]
    assert {"class", "state", "area", "from", "to", "q", "page", "per_page"} <= {
        p["name"] for p in tasks["parameters"]}
    assert {"200", "401", "404", "422"} <= set(tasks["responses"])
