"""The report pages: draft, edit, figures, sign, download — through the web client."""

import io
import json
import re
from datetime import UTC, date, datetime

import pytest
from docx import Document as DocxDocument

from tests.conftest import TEST_PASSWORD, csrf_token_from
from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import queries_for
from tracker.core.reform_areas import ReformArea
from tracker.core.roles import Role
from tracker.reports.models import Report
from tracker.tasks.models import ProgressUpdate

PASSWORD = "demo-cchc"


def _sign_in(client, login: str):
    token = csrf_token_from(client.get("/sign-in").get_data(as_text=True))
    response = client.post("/sign-in", data={"login": login, "password": PASSWORD,
                                             "csrf_token": token})
    assert response.status_code == 302


def _post(client, url: str, page: str, **data):
    """Post as the page's form would: its CSRF token and the report version it shows."""
    html = client.get(page).get_data(as_text=True)
    shown = re.search(r'name="version" type="hidden" value="(\d+)"', html)
    version = {"version": shown.group(1)} if shown else {}
    return client.post(url, data={"csrf_token": csrf_token_from(html), **version, **data})


@pytest.fixture
def drafted(client, commune, db_session):
    _sign_in(client, "vanphong1")
    response = _post(client, "/reports", "/reports", period="2023-Q1")
    assert response.status_code == 302
    return db_session.query(Report).one()


def test_the_office_drafts_edits_and_the_chairman_signs(client, drafted, db_session):
    page = f"/reports/{drafted.id}"
    html = client.get(page).get_data(as_text=True)
    assert "NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN QUÝ II NĂM 2023" in html
    assert "Kế hoạch số 14/KH-UBND ngày 01/02/2023" in html
    assert 'data-testid="findings"' in html

    response = _post(client, f"{page}/sections/III.1", page,
                     text="- Lãnh đạo xã quan tâm, chỉ đạo sát sao.")
    assert response.status_code == 302
    response = _post(client, f"{page}/figures", page, received="720",
                     carried_over="3", new="717", on_time="708", late="10", in_progress="2")
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "- Lãnh đạo xã quan tâm, chỉ đạo sát sao." in html
    assert "Tổng số hồ sơ tiếp nhận: 720 hồ sơ. Trong đó:" in html

    client.post("/sign-out", data={"csrf_token": csrf_token_from(html)})
    _sign_in(client, "chutich")
    response = _post(client, f"{page}/finalise", page, accept="y")
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "Đã ký ban hành" in html
    assert "Sửa nội dung" not in html


def test_signing_with_open_findings_needs_the_signers_word(client, drafted):
    page = f"/reports/{drafted.id}"
    client.post("/sign-out", data={"csrf_token": csrf_token_from(client.get(page).text)})
    _sign_in(client, "chutich")
    response = _post(client, f"{page}/finalise", page)
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "Báo cáo còn" in html and "Dự thảo" in html


def test_bad_input_is_answered_with_its_message_and_nothing_saved(client, drafted, db_session):
    page = f"/reports/{drafted.id}"
    response = _post(client, f"{page}/figures", page, received="-3",
                     new="nhiều")
    assert response.status_code == 422
    assert "Nhập một số nguyên không âm." in response.get_data(as_text=True)
    response = _post(client, f"{page}/details", page, number="0",
                     report_date="31/02/2023")
    assert response.status_code == 422
    response = _post(client, "/reports", "/reports", period="2023-Q9")
    assert response.status_code == 422
    db_session.refresh(drafted)
    assert "dossiers" not in drafted.figures


def test_an_old_form_is_a_conflict_that_keeps_the_typed_text(client, drafted, db_session):
    page = f"/reports/{drafted.id}"
    db_session.refresh(drafted)
    seen = drafted.version
    assert _post(client, f"{page}/sections/III.1", page, version=seen,
                 text="Bản của người thứ nhất.").status_code == 302
    response = _post(client, f"{page}/sections/III.1", page, version=seen,
                     text="Bản của người thứ hai.")
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Bản của người thứ hai." in html
    assert "vừa được người khác cập nhật" in html


def test_downloads_in_every_format(client, drafted):
    page = f"/reports/{drafted.id}"
    docx = client.get(f"{page}/report.docx")
    assert docx.status_code == 200
    assert docx.mimetype.endswith("wordprocessingml.document")
    paragraphs = [p.text for p in DocxDocument(io.BytesIO(docx.data)).paragraphs]
    assert "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH" in paragraphs
    markdown = client.get(f"{page}/report.md")
    assert markdown.get_data(as_text=True).count("## ") >= 4
    data = json.loads(client.get(f"{page}/report.json").data)
    assert data["period"] == "2023-Q1" and data["final"] is False
    assert client.get(f"{page}/report.odt").status_code == 404
    assert "report-paper" in client.get(f"{page}/preview").get_data(as_text=True)


def test_a_signed_reports_file_is_the_same_every_time(client, drafted, db_session):
    page = f"/reports/{drafted.id}"
    client.post("/sign-out", data={"csrf_token": csrf_token_from(client.get(page).text)})
    _sign_in(client, "chutich")
    _post(client, f"{page}/finalise", page, accept="y")
    first = client.get(f"{page}/report.docx").data
    assert client.get(f"{page}/report.docx").data == first


def test_who_sees_and_who_edits(client, drafted, db_session):
    page = f"/reports/{drafted.id}"
    client.post("/sign-out", data={"csrf_token": csrf_token_from(client.get(page).text)})
    _sign_in(client, "tuphap1")
    html = client.get(page).get_data(as_text=True)
    assert "Sửa nội dung" not in html
    db_session.refresh(drafted)
    response = _post(client, f"{page}/sections/III.1", page, text="x", version=drafted.version)
    assert response.status_code == 403
    client.post("/sign-out", data={"csrf_token": csrf_token_from(html)})
    # The level above reads signed reports only.
    _sign_in(client, "noivu.ducpho")
    assert client.get(page).status_code == 404
    assert not re.search(r"Quý I năm 2023</a>", client.get("/reports").get_data(as_text=True))


def test_a_period_can_be_previewed_before_any_draft(client, commune, db_session):
    _sign_in(client, "tuphap1")
    html = client.get("/reports/build?period=2023-Q1").get_data(as_text=True)
    assert "Công tác cải cách hành chính Quý I năm 2023" in html
    assert "chưa lưu thành dự thảo" in html
    assert db_session.query(Report).count() == 0
    response = client.get("/reports/build?period=quy-1")
    assert response.status_code == 422
    assert "Kỳ báo cáo không hợp lệ" in response.get_data(as_text=True)


def _commune_with(number: int) -> None:
    unit = UnitFactory()
    OfficialFactory(unit=unit, username=f"chutich{number}", role=Role.CHAIRMAN)
    for n in range(number):
        lead = OfficialFactory(unit=unit)
        task = TaskFactory(unit=unit, lead=lead, document=DocumentFactory(unit=unit),
                           coordinators=[OfficialFactory(unit=unit)],
                           assigned_at=datetime(2023, 1, 2, tzinfo=UTC),
                           reform_area=list(ReformArea)[n % 7],
                           due_date=date(2023, 3, 1 + (n * 3) % 28) if n % 5 else None)
        task.progress_updates.append(ProgressUpdate(percent=10, note="Đang làm.",
                                                    created_at=datetime(2023, 2, 1, tzinfo=UTC)))


def test_building_makes_as_many_queries_for_300_tasks_as_for_10(client, db_session,
                                                                 on_20_march_2023):
    counts = []
    for number in (10, 300):
        _commune_with(number)
        signed_in = client.application.test_client()
        token = csrf_token_from(signed_in.get("/sign-in").get_data(as_text=True))
        signed_in.post("/sign-in", data={"login": f"chutich{number}",
                                         "password": TEST_PASSWORD, "csrf_token": token})
        counts.append(queries_for(signed_in, "/reports/build?period=2023-Q1"))
    assert counts[0] == counts[1]


def test_a_report_drafted_in_english_is_written_in_vietnamese(client, commune, db_session):
    _sign_in(client, "vanphong1")
    client.get("/language/en")
    assert _post(client, "/reports", "/reports", period="2023-Q1").status_code == 302
    report = db_session.query(Report).one()
    html = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert "Công tác cải cách hành chính Quý I năm 2023 và phương hướng nhiệm vụ Quý II năm " \
           "2023" in html
    assert "NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN QUÝ II NĂM 2023" in html
    assert "Kế hoạch số 14/KH-UBND ngày 01/02/2023" in html
    assert "must name the reporting period" not in html  # the title check reads Vietnamese
    assert "Administrative reform report" in html  # the page itself is in English


def test_the_form_offers_the_commune_report_due_now(client, commune):
    _sign_in(client, "vanphong1")
    html = client.get("/reports").get_data(as_text=True)
    # 15/03/2023: Quý I (cut-off 14/03) is due, the cumulative periods of 2023 have
    # started with it, Quý III (from 15/06) has not.
    assert re.search(r'<option selected value="2023-Q1">Quý I năm 2023</option>', html)
    assert "2023-H1" in html and "2022-Y" in html and "2023-Q3" not in html
