import io
from datetime import date
from types import SimpleNamespace

import pytest

from tests.conftest import csrf_token_from, sign_in
from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import audit_actions
from tracker.core.actor import SYSTEM
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.tasks.extension_requests import request_extension
from tracker.tasks.models import ExtensionRequest, ExtensionState, TaskState
from tracker.tasks.services import record_progress


def test_the_lead_sees_the_task_its_document_and_its_history(client, db_session, on_20_march_2023):
    unit = UnitFactory()
    lead = OfficialFactory(unit=unit, username="tuphap1", full_name="Võ Thị Kim Oanh")
    helper = OfficialFactory(unit=unit, full_name="Huỳnh Văn Tâm")
    document = DocumentFactory(unit=unit, number=27, title="Rà soát thủ tục hành chính")
    task = TaskFactory(unit=unit, lead=lead, document=document, coordinators=[helper],
                       title="Rà soát, đánh giá thủ tục hành chính")
    record_progress(db_session, SYSTEM, task, percent=40, note="Xong nhóm hộ tịch.",
                    version=task.version)
    sign_in(client, "tuphap1")
    response = client.get(f"/tasks/{task.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Rà soát, đánh giá thủ tục hành chính" in html and "Võ Thị Kim Oanh" in html
    assert "Kế hoạch số 27/KH-UBND" in html and "Huỳnh Văn Tâm" in html
    assert "31/03/2023" in html and "Xong nhóm hộ tịch." in html
    assert "Đang thực hiện trong hạn" in html


def test_home_links_each_task_to_its_page(client, db_session):
    unit = UnitFactory()
    task = TaskFactory(unit=unit, lead=OfficialFactory(unit=unit, username="vanhoa1"))
    sign_in(client, "vanhoa1")
    assert f'href="/tasks/{task.id}"' in client.get("/").get_data(as_text=True)


def test_the_level_above_reads_it_and_another_commune_does_not_see_it(client, db_session):
    district = UnitFactory(code="huyen")
    commune = UnitFactory(parent=district)
    task = TaskFactory(unit=commune)
    OfficialFactory(unit=district, username="noivu", role=Role.VIEWER)
    OfficialFactory(unit=UnitFactory(), username="xakhac")
    sign_in(client, "noivu")
    assert client.get(f"/tasks/{task.id}").status_code == 200
    other = client.application.test_client()
    sign_in(other, "xakhac")
    response = other.get(f"/tasks/{task.id}")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.get_data(as_text=True)
    assert other.get("/tasks/999999").status_code == 404


def test_signing_in_leads_back_to_the_task(client, db_session):
    task = TaskFactory()
    response = client.get(f"/tasks/{task.id}")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert f"tasks%2F{task.id}" in response.headers["Location"]


@pytest.fixture
def commune(db_session):
    unit = UnitFactory()
    lead = OfficialFactory(unit=unit, username="tuphap1")
    coordinator = OfficialFactory(unit=unit, username="vanhoa1")
    OfficialFactory(unit=unit, username="diachinh1")
    task = TaskFactory(unit=unit, lead=lead, coordinators=[coordinator],
                       title="Rà soát thủ tục hành chính", due_date=date(2023, 3, 31))
    return SimpleNamespace(unit=unit, lead=lead, task=task)


def _post_form(client, task, action: str, data: dict):
    html = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    return client.post(f"/tasks/{task.id}/{action}",
                       data={"csrf_token": csrf_token_from(html), **data})


def _reloaded(task):
    db.session.expire_all()
    return db.session.get(type(task), task.id)


def test_the_lead_records_progress_then_completes(client, commune, on_20_march_2023):
    task = commune.task
    sign_in(client, "tuphap1")
    response = _post_form(client, task, "progress",
                          {"percent": "50", "note": "Xong nhóm hộ tịch.", "version": task.version})
    assert response.status_code == 302
    assert _reloaded(task).progress_percent == 50
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "Đã ghi nhận tiến độ." in page and "Xong nhóm hộ tịch." in page
    response = _post_form(client, task, "complete", {
        "result": "Đã rà soát 138 thủ tục.", "completed_on": "2023-03-20",
        "version": _reloaded(task).version})
    assert response.status_code == 302
    done = _reloaded(task)
    assert (done.state, done.completed_on, done.result) == (
        TaskState.DONE, date(2023, 3, 20), "Đã rà soát 138 thủ tục.")
    assert audit_actions(done)[-2:] == ["progress", "complete"]
    assert "Hoàn thành đúng hạn" in client.get(f"/tasks/{task.id}").get_data(as_text=True)


@pytest.mark.parametrize(("action", "data", "message"), [
    ("progress", {"percent": "100"}, "Tiến độ là số từ 0 đến 99"),
    ("progress", {"percent": "năm mươi"}, "Nhập một số nguyên."),
    ("complete", {"result": "Xong", "completed_on": "2023-03-21"},
     "Ngày hoàn thành không được ở tương lai."),
    ("complete", {"result": "", "completed_on": "2023-03-20"}, "Trường này là bắt buộc."),
    ("complete", {"result": "Xong", "completed_on": "31/02/2023"}, "Ngày không hợp lệ."),
])
def test_bad_input_is_422_with_its_message_and_changes_nothing(
        client, commune, on_20_march_2023, action, data, message):
    task = commune.task
    sign_in(client, "tuphap1")
    response = _post_form(client, task, action, {"version": task.version, **data})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    unchanged = _reloaded(task)
    assert (unchanged.state, unchanged.progress_percent) == (TaskState.OPEN, 0)


def test_someone_elses_change_meanwhile_is_a_conflict_keeping_what_was_typed(
        client, commune, on_20_march_2023):
    task = commune.task
    sign_in(client, "tuphap1")
    seen = task.version
    record_progress(db.session, SYSTEM, task, percent=30, note="Chủ tịch cập nhật.",
                    version=seen)
    db.session.commit()
    response = _post_form(client, task, "progress",
                          {"percent": "60", "note": "Ghi chú của tôi", "version": seen})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "vừa được người khác cập nhật" in html and "Ghi chú của tôi" in html
    assert _reloaded(task).progress_percent == 30


def test_only_the_lead_works_on_it_and_a_coordinator_adds_notes(client, commune):
    task = commune.task
    sign_in(client, "diachinh1")
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert 'data-testid="progress-form"' not in page and 'data-testid="note-form"' not in page
    response = _post_form(client, task, "progress", {"percent": "40", "version": task.version})
    assert response.status_code == 403
    other = client.application.test_client()
    sign_in(other, "vanhoa1")
    assert _post_form(other, task, "progress",
                      {"percent": "40", "version": task.version}).status_code == 403
    assert _post_form(other, task, "notes", {"note": "Đã gửi danh sách thôn."}).status_code == 302
    assert _reloaded(task).progress_percent == 0
    assert "Đã gửi danh sách thôn." in other.get(f"/tasks/{task.id}").get_data(as_text=True)


def test_a_post_without_the_csrf_token_is_refused(client, commune):
    sign_in(client, "tuphap1")
    response = client.post(f"/tasks/{commune.task.id}/progress",
                           data={"percent": "40", "version": commune.task.version})
    assert response.status_code == 400
    assert _reloaded(commune.task).progress_percent == 0


@pytest.fixture
def chairman(commune):
    return OfficialFactory(unit=commune.unit, username="chutich", role=Role.CHAIRMAN)


def test_the_chairman_reassigns_and_moves_the_deadline(client, commune, chairman,
                                                       on_20_march_2023):
    task = commune.task
    newcomer = OfficialFactory(unit=commune.unit, username="tuphap2", full_name="Huỳnh Văn Tâm")
    sign_in(client, "chutich")
    assert f'href="/tasks/{task.id}/edit"' in client.get(f"/tasks/{task.id}").get_data(
        as_text=True)
    response = _post_form(client, task, "edit", {
        "title": task.title, "reform_area": "procedures", "lead": newcomer.id,
        "due": "Quý II/2023", "version": task.version})
    assert response.status_code == 302
    changed = _reloaded(task)
    assert (changed.lead_id, changed.due_date, changed.due_wording) == (
        newcomer.id, date(2023, 6, 30), "Quý II/2023")
    assert changed.coordinators == []
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "30/06/2023" in page and "(Quý II/2023)" in page
    changes = page[page.index('data-testid="task-changes"'):]
    assert "Sửa, giao lại" in changes
    assert f"Chủ trì: {commune.lead.full_name} → Huỳnh Văn Tâm" in changes
    assert "Thời hạn: 31/03/2023 → 30/06/2023" in changes


def test_a_stale_edit_is_a_conflict_and_an_officer_may_not_edit(client, commune, chairman):
    task = commune.task
    sign_in(client, "chutich")
    seen = task.version
    record_progress(db.session, SYSTEM, task, percent=10, note="", version=seen)
    db.session.commit()
    response = _post_form(client, task, "edit", {
        "title": "Tên mới", "reform_area": "procedures", "lead": commune.lead.id, "due": "",
        "version": seen})
    assert response.status_code == 409 and "Tên mới" in response.get_data(as_text=True)
    assert _reloaded(task).title == "Rà soát thủ tục hành chính"
    officer = client.application.test_client()
    sign_in(officer, "tuphap1")
    assert officer.get(f"/tasks/{task.id}/edit").status_code == 403


def test_the_chairman_cancels_with_a_reason(client, commune, chairman, on_20_march_2023):
    task = commune.task
    sign_in(client, "chutich")
    refused = _post_form(client, task, "cancel", {"reason": "", "version": task.version})
    assert refused.status_code == 422 and "Cần nêu lý do hủy." in refused.get_data(as_text=True)
    response = _post_form(client, task, "cancel", {
        "reason": "Chưa bố trí được kinh phí.", "version": task.version})
    assert response.status_code == 302
    cancelled = _reloaded(task)
    assert (cancelled.state, cancelled.cancel_reason, cancelled.cancelled_on) == (
        TaskState.CANCELLED, "Chưa bố trí được kinh phí.", date(2023, 3, 20))
    assert "Đã hủy / tạm dừng" in client.get(f"/tasks/{task.id}").get_data(as_text=True)


def test_the_lead_asks_for_more_time_and_the_chairman_grants_it(client, commune, chairman,
                                                                on_20_march_2023):
    task = commune.task
    task.assigned_by = chairman
    sign_in(client, "tuphap1")
    response = _post_form(client, task, "extension", {
        "proposed_due_date": "2023-04-28", "reason": "Chờ số liệu của huyện.",
        "version": task.version})
    assert response.status_code == 302
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "Đang chờ Chủ tịch, Phó Chủ tịch quyết định." in page
    assert 'data-testid="extension-form"' not in page
    boss = client.application.test_client()
    sign_in(boss, "chutich")
    request_id = _reloaded(task).extension_requests[0].id
    response = _post_form(boss, task, f"extension/{request_id}", {
        "decision": "approve", "granted_due_date": "2023-04-21", "note": "",
        "version": _reloaded(task).version})
    assert response.status_code == 302
    assert _reloaded(task).due_date == date(2023, 4, 21)
    page = boss.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "Đề nghị gia hạn từ 31/03/2023 đến 28/04/2023" in page
    assert "gia hạn đến 21/04/2023" in page and "Đã đồng ý" in page


def test_a_refusal_without_a_reason_is_422_and_the_request_still_waits(client, commune,
                                                                       chairman,
                                                                       on_20_march_2023):
    task = commune.task
    request = request_extension(db.session, commune.lead, task,
                                proposed_due_date=date(2023, 4, 28), reason="Chờ số liệu.",
                                version=task.version)
    db.session.commit()
    sign_in(client, "chutich")
    response = _post_form(client, task, f"extension/{request.id}", {
        "decision": "reject", "note": "", "version": task.version})
    assert response.status_code == 422
    assert "Trường này là bắt buộc." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(ExtensionRequest, request.id).state is ExtensionState.PENDING
    officer = client.application.test_client()
    sign_in(officer, "vanhoa1")
    assert _post_form(officer, task, f"extension/{request.id}", {
        "decision": "approve", "version": task.version}).status_code == 403


def test_completions_wait_for_the_chairman_where_the_unit_asks_for_it(client, commune, chairman,
                                                                      on_20_march_2023):
    task = commune.task
    commune.unit.settings.confirm_completions = True
    task.assigned_by = chairman
    db.session.flush()
    sign_in(client, "tuphap1")
    _post_form(client, task, "complete", {"result": "Đã rà soát.", "completed_on": "2023-03-20",
                                          "version": task.version})
    assert 'data-testid="awaiting"' in client.get(f"/tasks/{task.id}").get_data(as_text=True)
    boss = client.application.test_client()
    sign_in(boss, "chutich")
    refused = _post_form(boss, task, "return", {"reason": "", "version": _reloaded(task).version})
    assert refused.status_code == 422 and "Cần nêu lý do trả lại." in refused.get_data(
        as_text=True)
    returned = _post_form(boss, task, "return", {"reason": "Thiếu biên bản rà soát.",
                                                  "version": _reloaded(task).version})
    assert returned.status_code == 302 and _reloaded(task).state is TaskState.OPEN
    _post_form(client, task, "complete", {"result": "Đã bổ sung biên bản.",
                                          "completed_on": "2023-03-20",
                                          "version": _reloaded(task).version})
    confirmed = _post_form(boss, task, "confirm", {"version": _reloaded(task).version})
    assert confirmed.status_code == 302
    done = _reloaded(task)
    assert (done.state, done.awaiting_confirmation, done.result) == (
        TaskState.DONE, False, "Đã bổ sung biên bản.")
    assert _post_form(client, task, "confirm", {"version": done.version}).status_code == 403


def test_progress_with_an_evidence_file_that_the_unit_can_open(client, commune, app, tmp_path,
                                                               on_20_march_2023):
    app.config["UPLOAD_FOLDER"] = str(tmp_path)
    try:
        task = commune.task
        sign_in(client, "tuphap1")
        token = csrf_token_from(client.get(f"/tasks/{task.id}").get_data(as_text=True))
        refused = client.post(f"/tasks/{task.id}/progress", content_type="multipart/form-data",
                              data={"csrf_token": token, "percent": "50", "note": "Xong",
                                    "version": task.version,
                                    "evidence": (io.BytesIO(b"MZ not a pdf"), "bien-ban.pdf")})
        assert refused.status_code == 422 and "Chỉ nhận tệp PDF" in refused.get_data(as_text=True)
        assert _reloaded(task).progress_percent == 0 and list(tmp_path.iterdir()) == []
        accepted = client.post(f"/tasks/{task.id}/progress", content_type="multipart/form-data",
                               data={"csrf_token": token, "percent": "50", "note": "Xong",
                                     "version": task.version,
                                     "evidence": (io.BytesIO(b"%PDF-1.4 x"), "bien-ban.pdf")})
        assert accepted.status_code == 302
        update = _reloaded(task).progress_updates[-1]
        page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
        assert "Minh chứng: bien-ban.pdf" in page
        coordinator = client.application.test_client()
        sign_in(coordinator, "vanhoa1")
        served = coordinator.get(f"/tasks/{task.id}/evidence/{update.id}")
        assert served.status_code == 200 and served.data == b"%PDF-1.4 x"
        stranger = client.application.test_client()
        OfficialFactory(unit=UnitFactory(), username="xakhac")
        sign_in(stranger, "xakhac")
        assert stranger.get(f"/tasks/{task.id}/evidence/{update.id}").status_code == 404
    finally:
        app.config["UPLOAD_FOLDER"] = ""
