import pytest
from sqlalchemy import func, select

from tests.conftest import csrf_token_from, sign_in
from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tracker.audit.models import AuditEntry
from tracker.core.roles import Role
from tracker.extensions import db

pytestmark = pytest.mark.usefixtures("on_20_march_2023")


@pytest.fixture
def unit(db_session):
    return UnitFactory()


@pytest.fixture
def leaving(unit):
    return OfficialFactory(unit=unit, username="nghiviec", full_name="Trần Văn Nghỉ")


@pytest.fixture
def receiver(unit):
    return OfficialFactory(unit=unit, username="nhanviec", full_name="Lê Thị Nhận")


@pytest.fixture
def work(unit, leaving):
    other = OfficialFactory(unit=unit)
    return [TaskFactory(unit=unit, lead=leaving, title="Rà soát thủ tục"),
            TaskFactory(unit=unit, lead=other, coordinators=[leaving], title="Cập nhật cổng")]


def _task_audit_rows() -> int:
    return db.session.scalar(select(func.count()).where(AuditEntry.entity_type == "tasks"))


def _signed_in_as(client, unit, role) -> None:
    OfficialFactory(unit=unit, username=f"nguoi-{role.value}", role=role)
    sign_in(client, f"nguoi-{role.value}")


def _post(client, leaving, **data):
    page = client.get(f"/officials/{leaving.id}/handover").get_data(as_text=True)
    return client.post(f"/officials/{leaving.id}/handover",
                       data={"csrf_token": csrf_token_from(page), **data})


@pytest.mark.parametrize("role", [Role.ADMIN, Role.CHAIRMAN])
def test_preview_shows_what_will_move_by_role(client, unit, leaving, receiver, work, role):
    _signed_in_as(client, unit, role)
    response = client.get(f"/officials/{leaving.id}/handover")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Rà soát thủ tục" in html and "Cập nhật cổng" in html
    assert 'data-testid="handover-count-lead">1<' in html
    assert 'data-testid="handover-count-coordinator">1<' in html
    assert "Lê Thị Nhận (nhanviec)" in html


@pytest.mark.parametrize("role", [Role.VICE_CHAIRMAN, Role.OFFICER, Role.VIEWER])
def test_other_roles_may_neither_see_nor_apply_a_handover(
        client, unit, leaving, receiver, work, role):
    _signed_in_as(client, unit, role)
    assert client.get(f"/officials/{leaving.id}/handover").status_code == 403
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    response = client.post(f"/officials/{leaving.id}/handover",
                           data={"csrf_token": token, "to": receiver.id, "confirm": "1"})
    assert response.status_code == 403
    assert work[0].lead is leaving


def test_an_official_of_another_unit_is_not_found(client, unit, receiver):
    _signed_in_as(client, unit, Role.ADMIN)
    stranger = OfficialFactory(unit=UnitFactory())
    assert client.get(f"/officials/{stranger.id}/handover").status_code == 404


def test_the_confirmation_shows_the_counts_then_the_move_happens(
        client, unit, leaving, receiver, work):
    _signed_in_as(client, unit, Role.ADMIN)
    confirm = _post(client, leaving, to=receiver.id)
    html = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and 'data-testid="handover-confirm"' in html
    assert "Chủ trì: 1" in html and "Phối hợp: 1" in html
    assert work[0].lead is leaving and _task_audit_rows() == 0

    done = _post(client, leaving, to=receiver.id, confirm="1", expected="2")
    assert done.status_code == 302
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Đã bàn giao 2 nhiệm vụ cho Lê Thị Nhận" in page
    assert 'data-testid="handover-nothing"' in page
    db.session.expire_all()
    assert work[0].lead.id == receiver.id


def test_a_count_changed_since_the_confirmation_is_said(client, unit, leaving, receiver, work):
    _signed_in_as(client, unit, Role.ADMIN)
    done = _post(client, leaving, to=receiver.id, confirm="1", expected="1")
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "khi đó có 1 nhiệm vụ" in page


@pytest.mark.parametrize("make_receiver, message", [
    (lambda unit, leaving: OfficialFactory(unit=unit, active=False, full_name="Ngô Văn Cũ"),
     "Ngô Văn Cũ đã nghỉ"),
    (lambda unit, leaving: OfficialFactory(), "Không tìm thấy cán bộ."),
    (lambda unit, leaving: leaving, "Người nhận phải là người khác."),
], ids=["inactive", "another-unit", "same-person"])
def test_a_receiver_who_cannot_take_the_work_is_refused_with_a_message(
        client, unit, leaving, work, make_receiver, message):
    _signed_in_as(client, unit, Role.ADMIN)
    response = _post(client, leaving, to=make_receiver(unit, leaving).id, confirm="1")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert work[0].lead.id == leaving.id and _task_audit_rows() == 0


@pytest.mark.parametrize("to", ["", "abc", "0", str(2**40)])
def test_no_receiver_or_a_bad_one_is_refused_not_a_500(client, unit, leaving, work, to):
    _signed_in_as(client, unit, Role.ADMIN)
    response = _post(client, leaving, to=to, confirm="1")
    assert response.status_code == 422
    assert _task_audit_rows() == 0
