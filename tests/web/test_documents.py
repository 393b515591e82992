from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token_from, sign_in
from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import audit_actions, count_rows
from tracker.core.roles import Role
from tracker.documents.models import Document
from tracker.extensions import db
from tracker.notifications.models import Notification
from tracker.tasks.models import Task, TaskState
from tracker.tasks.services import complete_task


@pytest.fixture
def commune(db_session):
    unit = UnitFactory(name="UBND xã Phổ Phong")
    return SimpleNamespace(
        unit=unit,
        chairman=OfficialFactory(unit=unit, username="chutich", role=Role.CHAIRMAN),
        lead=OfficialFactory(unit=unit, username="tuphap1", full_name="Võ Thị Kim Oanh"),
        helper=OfficialFactory(unit=unit, username="vanhoa1", full_name="Bùi Văn Phúc"),
    )


def _post(client, url: str, form_url: str, data: dict):
    token = csrf_token_from(client.get(form_url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


def _register(client, **changes):
    data = {"doc_type": "KH", "number": "14", "symbol": "KH-UBND", "issuer": "UBND xã Phổ Phong",
            "issued_on": "2023-02-01", "title": "Thi hành pháp luật về xử lý vi phạm hành chính",
            "reform_area": "institutions", "implements": "0"} | changes
    return _post(client, "/documents/new", "/documents/new", data)


def test_the_chairman_registers_a_plan_and_lands_on_its_page(client, commune, on_20_march_2023):
    sign_in(client, "chutich")
    response = _register(client)
    document = db.session.scalar(select(Document))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/documents/{document.id}#assign")
    assert (document.reference, document.issued_on, document.issued_by_unit) == (
        "14/KH-UBND", date(2023, 2, 1), True)
    assert audit_actions(document) == ["create"]
    page = client.get(f"/documents/{document.id}").get_data(as_text=True)
    assert "Kế hoạch số 14/KH-UBND ngày 01/02/2023" in page and 'data-testid="assign-form"' in page


@pytest.mark.parametrize(("changes", "message"), [
    ({"number": "mười bốn"}, "Số văn bản phải là số nguyên dương."),
    ({"title": ""}, "Trường này là bắt buộc."),
    ({"issued_on": "2023-03-21"}, "Ngày ban hành không được ở tương lai."),
    ({"symbol": "KH UBND!"}, "Ký hiệu không hợp lệ"),
    ({"implements": "999999"}, "Lựa chọn không hợp lệ."),
])
def test_bad_input_is_422_with_its_message_and_nothing_written(
        client, commune, on_20_march_2023, changes, message):
    sign_in(client, "chutich")
    response = _register(client, **changes)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count_rows(Document) == 0


def test_the_same_number_of_the_same_issuer_and_year_is_refused(client, commune, on_20_march_2023):
    DocumentFactory(unit=commune.unit, number=14, issuer="UBND xã Phổ Phong")
    sign_in(client, "chutich")
    response = _register(client)
    assert response.status_code == 422
    assert "đã được đăng ký" in response.get_data(as_text=True)
    assert count_rows(Document) == 1
    assert _register(client, issuer="UBND tỉnh Quảng Ngãi").status_code == 302


def test_an_officer_may_read_but_not_register_nor_assign(client, commune):
    document = DocumentFactory(unit=commune.unit)
    sign_in(client, "tuphap1")
    assert client.get("/documents/new").status_code == 403
    page = client.get(f"/documents/{document.id}").get_data(as_text=True)
    assert 'data-testid="assign-form"' not in page
    response = _post(client, f"/documents/{document.id}/tasks", "/documents", {
        "title": "Việc tự giao", "reform_area": "procedures", "lead": commune.lead.id})
    assert response.status_code == 403
    assert count_rows(Task) == 0


def test_the_chairman_assigns_with_a_deadline_in_working_days(client, commune, on_20_march_2023):
    document = DocumentFactory(unit=commune.unit, issued_on=date(2023, 1, 18))
    sign_in(client, "chutich")
    response = _post(client, f"/documents/{document.id}/tasks", f"/documents/{document.id}", {
        "title": "Rà soát hồ sơ xử lý vi phạm hành chính", "reform_area": "institutions",
        "lead": commune.lead.id, "coordinators": [commune.helper.id],
        "due": "trong 05 ngày làm việc"})
    assert response.status_code == 302
    task = db.session.scalar(select(Task))
    # Five working days from 18/01/2023 across Tết: 01/02/2023.
    assert (task.due_date, task.due_wording) == (date(2023, 2, 1), "trong 05 ngày làm việc")
    assert task.coordinators == [commune.helper] and task.assigned_by == commune.chairman
    told = db.session.scalars(select(Notification.recipient_id)).all()
    assert sorted(told) == sorted([commune.lead.id, commune.helper.id])
    page = client.get(f"/documents/{document.id}").get_data(as_text=True)
    assert "Rà soát hồ sơ xử lý vi phạm hành chính" in page and "01/02/2023" in page


@pytest.mark.parametrize(("changes", "message"), [
    ({"due": "sớm nhất có thể"}, "Không hiểu thời hạn"),
    ({"due": "31/12/2022"}, "trước ngày ban hành văn bản"),
    ({"lead": "0"}, "Trường này là bắt buộc."),
    ({"title": " "}, "Trường này là bắt buộc."),
])
def test_a_task_the_rules_refuse_is_422_and_nothing_is_assigned(
        client, commune, on_20_march_2023, changes, message):
    document = DocumentFactory(unit=commune.unit)
    sign_in(client, "chutich")
    data = {"title": "Rà soát", "reform_area": "institutions", "lead": commune.lead.id,
            "due": "Quý II/2023"} | changes
    response = _post(client, f"/documents/{document.id}/tasks", f"/documents/{document.id}", data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count_rows(Task) == 0


def test_the_list_filters_and_counts_each_documents_tasks(client, commune):
    plan = DocumentFactory(unit=commune.unit, number=12, title="Phổ biến giáo dục pháp luật")
    DocumentFactory(unit=commune.unit, number=1152, issuer="UBND tỉnh Quảng Ngãi",
                    issued_by_unit=False, issued_on=date(2022, 12, 30), title="Kế hoạch tỉnh")
    DocumentFactory(title="Văn bản của đơn vị khác")
    TaskFactory(unit=commune.unit, document=plan, state=TaskState.DONE,
                completed_on=date(2023, 3, 1))
    TaskFactory(unit=commune.unit, document=plan)
    sign_in(client, "tuphap1")
    page = client.get("/documents").get_data(as_text=True)
    assert "12/KH-UBND" in page and "1152/KH-UBND" in page and "đơn vị khác" not in page
    assert "1/2 nhiệm vụ hoàn thành" in page
    own = client.get("/documents?source=own").get_data(as_text=True)
    assert "12/KH-UBND" in own and "1152/KH-UBND" not in own
    assert "1152/KH-UBND" in client.get("/documents?year=2022").get_data(as_text=True)
    odd = client.get("/documents?type=XYZ&year=abc")
    assert odd.status_code == 200 and "Loại văn bản không hợp lệ" in odd.get_data(as_text=True)


def test_a_task_assigned_to_recur_shows_its_next_occurrence_once_done(client, commune,
                                                                      on_20_march_2023):
    document = DocumentFactory(unit=commune.unit)
    sign_in(client, "chutich")
    response = _post(client, f"/documents/{document.id}/tasks", f"/documents/{document.id}", {
        "title": "Báo cáo kiểm soát TTHC", "reform_area": "procedures",
        "lead": commune.lead.id, "due": "31/03/2023", "recurrence": "monthly"})
    assert response.status_code == 302
    task = db.session.scalar(select(Task))
    assert task.recurrence.value == "monthly"
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "Hằng tháng" in page and "kỳ sau" not in page
    complete_task(db.session, commune.lead, task, result="Đã báo cáo.",
                  completed_on=date(2023, 3, 20), version=task.version)
    db.session.commit()
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "kỳ sau" in page


def test_the_list_searches_folded_text_and_sorts(client, commune):
    DocumentFactory(unit=commune.unit, number=12, title="Phổ biến giáo dục pháp luật",
                    issued_on=date(2023, 2, 1))
    DocumentFactory(unit=commune.unit, number=61, issuer="UBND tỉnh Quảng Ngãi",
                    issued_by_unit=False, issued_on=date(2019, 4, 10),
                    title="Phát triển Chính phủ điện tử")
    sign_in(client, "tuphap1")
    found = client.get("/documents?q=giao+duc+phap+luat").get_data(as_text=True)
    assert "12/KH-UBND" in found and "61/KH-UBND" not in found
    assert "61/KH-UBND" in client.get("/documents?q=quang+ngai").get_data(as_text=True)
    assert "12/KH-UBND" in client.get("/documents?q=12%2FKH").get_data(as_text=True)
    oldest = client.get("/documents?order=asc").get_data(as_text=True)
    assert oldest.index("61/KH-UBND") < oldest.index("12/KH-UBND")
    newest = client.get("/documents").get_data(as_text=True)
    assert newest.index("12/KH-UBND") < newest.index("61/KH-UBND")
