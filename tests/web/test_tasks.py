from tests.conftest import sign_in
from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tracker.core.actor import SYSTEM
from tracker.core.roles import Role
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
