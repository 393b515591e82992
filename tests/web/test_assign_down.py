"""/documents/<id>/assign-down: the province gives a task to its communes in the browser's
forms; each commune sees its copy as a task from above; the province sees the roll-up."""

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import func, select

from tests.conftest import csrf_token_from, sign_in
from tests.factories import DocumentFactory, OfficialFactory, UnitFactory
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import Official, UnitLevel
from tracker.tasks.extension_requests import request_extension
from tracker.tasks.models import Task


@pytest.fixture(autouse=True)
def in_december():
    with time_machine.travel(datetime(2026, 12, 4, 2, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def province(db_session):
    unit = UnitFactory(code="tinh", name="UBND tỉnh Thử", level=UnitLevel.PROVINCE)
    OfficialFactory(unit=unit, username="ct.tinh", role=Role.CHAIRMAN, full_name="Chủ Tịch Tỉnh")
    OfficialFactory(unit=unit, username="cv.tinh", full_name="Chuyên Viên Tỉnh")
    return unit


@pytest.fixture
def communes(province):
    made = []
    for code, place in (("an-hoa", "An Hòa"), ("ba-gia", "Ba Gia")):
        commune = UnitFactory(parent=province, code=code, name=f"UBND xã {place}",
                              place_name=place)
        OfficialFactory(unit=commune, username=f"ct.{code}", role=Role.CHAIRMAN)
        made.append(commune)
    return made


@pytest.fixture
def plan(province):
    return DocumentFactory(unit=province, number=88, issued_on=date(2026, 11, 20),
                           title="Kế hoạch rà soát thủ tục hành chính năm 2026")


def _post(client, plan, **changes):
    url = f"/documents/{plan.id}/assign-down"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    lead = db.session.scalar(select(Official.id).where(Official.username == "cv.tinh"))
    data = {"csrf_token": token, "title": "Rà soát thủ tục hành chính cấp xã",
            "reform_area": "procedures", "lead": str(lead), "due": "31/12/2026"} | changes
    return client.post(url, data=data)


def test_the_province_assigns_to_every_commune_and_sees_the_roll_up(client, plan, communes):
    sign_in(client, "ct.tinh")
    document_page = client.get(f"/documents/{plan.id}").get_data(as_text=True)
    assert 'data-testid="assign-down"' in document_page
    form = client.get(f"/documents/{plan.id}/assign-down").get_data(as_text=True)
    assert "UBND xã An Hòa" in form and "UBND xã Ba Gia" in form
    response = _post(client, plan, every_unit="y")
    assert response.status_code == 302
    task_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "0/2 đơn vị hoàn thành" in task_page
    assert re.search(r'<tr data-unit="an-hoa" data-class="in_progress">', task_page)
    copies = db.session.scalars(select(Task).where(Task.parent_task_id.is_not(None))).all()
    assert {c.unit.code for c in copies} == {"an-hoa", "ba-gia"}


def test_the_commune_sees_a_task_from_above_and_not_another_communes(client, plan, communes):
    sign_in(client, "ct.tinh")
    _post(client, plan, every_unit="y")
    copies = {c.unit.code: c for c in db.session.scalars(
        select(Task).where(Task.parent_task_id.is_not(None)))}
    client.post("/sign-out", data={"csrf_token": csrf_token_from(
        client.get("/profile").get_data(as_text=True))})
    sign_in(client, "ct.an-hoa")
    mine = client.get(f"/tasks/{copies['an-hoa'].id}").get_data(as_text=True)
    assert 'data-testid="from-above"' in mine and "UBND tỉnh Thử" in mine
    assert "88/KH-UBND" in mine  # the province's plan, which is not in the commune's registry
    assert client.get(f"/tasks/{copies['ba-gia'].id}").status_code == 404
    assert client.get(f"/documents/{plan.id}/assign-down").status_code == 404


def test_the_province_decides_a_communes_extension_on_its_page(client, plan, communes):
    sign_in(client, "ct.tinh")
    _post(client, plan, units=str(communes[0].id))
    (copy,) = db.session.scalars(select(Task).where(Task.parent_task_id.is_not(None)))
    request_extension(db.session, copy.lead, copy, reason="Chờ số liệu",
                      proposed_due_date=date(2027, 1, 15), version=copy.version)
    page = client.get(f"/tasks/{copy.id}").get_data(as_text=True)
    assert 'data-testid="decision-form"' in page


@pytest.mark.parametrize("changes, message", [
    ({}, "Chọn ít nhất một đơn vị"),
    ({"units": "999999"}, "Có lựa chọn không có trong danh sách: 999999."),
    ({"units": "abc"}, "Lựa chọn không hợp lệ."),
    ({"every_unit": "y", "due": "01/10/2026"}, "trước ngày ban hành"),
    ({"every_unit": "y", "title": ""}, "Trường này là bắt buộc."),
    ({"every_unit": "y", "due": "x" * 10_000}, "Tối đa 200 ký tự."),
    ({"every_unit": "y", "due": "31/12/9999"}, "Thời hạn quá xa"),
])
def test_bad_input_is_refused_and_writes_nothing(client, plan, communes, changes, message):
    sign_in(client, "ct.tinh")
    response = _post(client, plan, **changes)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Task)) == 0


def test_a_commune_cannot_assign_down(client, communes):
    own = DocumentFactory(unit=communes[0])
    sign_in(client, "ct.an-hoa")
    assert 'data-testid="assign-down"' not in client.get(f"/documents/{own.id}").get_data(
        as_text=True)
    assert client.get(f"/documents/{own.id}/assign-down").status_code == 403
