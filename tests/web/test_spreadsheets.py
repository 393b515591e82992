import io
import re
from datetime import date
from types import SimpleNamespace
from urllib.parse import unquote

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from tests.conftest import csrf_token_from, sign_in
from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import count_rows
from tracker.core.reform_areas import ReformArea
from tracker.core.roles import Role
from tracker.documents.types import DocumentType
from tracker.extensions import db
from tracker.tasks.models import Task, TaskState
from tracker.tasks.spreadsheets import TEMPLATE_COLUMNS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = [column.header for column in TEMPLATE_COLUMNS]

pytestmark = pytest.mark.usefixtures("on_20_march_2023")


@pytest.fixture
def commune(db_session):
    unit = UnitFactory(name="UBND xã Phổ Phong")
    lead = OfficialFactory(unit=unit, username="tuphap1", full_name="Võ Thị Kim Oanh")
    plan = DocumentFactory(unit=unit, number=14, issued_on=date(2023, 1, 18),
                           title="Kế hoạch CCHC năm 2023")
    decision = DocumentFactory(unit=unit, number=4, doc_type=DocumentType.QD, symbol="QĐ-UBND",
                               issued_on=date(2023, 2, 3), title="Kiện toàn tổ CCHC")
    return SimpleNamespace(
        unit=unit, lead=lead, plan=plan, decision=decision,
        chairman=OfficialFactory(unit=unit, username="chutich", role=Role.CHAIRMAN),
        review=TaskFactory(unit=unit, lead=lead, document=plan, title="Rà soát thủ tục",
                           reform_area=ReformArea.PROCEDURES),
        survey=TaskFactory(unit=unit, lead=lead, title="Đo đạc bản đồ",
                           reform_area=ReformArea.INSTITUTIONS, due_date=date(2023, 3, 10)),
        report=TaskFactory(unit=unit, lead=lead, title="Báo cáo quý I", state=TaskState.DONE,
                           completed_on=date(2023, 3, 14), progress_percent=100,
                           result="Đã gửi"),
    )


def _rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response.mimetype == XLSX
    workbook = load_workbook(io.BytesIO(response.data), read_only=True)
    return list(workbook.worksheets[0].iter_rows(min_row=2, values_only=True))


def _sheet(rows: list[dict]) -> io.BytesIO:
    workbook = Workbook()
    workbook.active.title = "Nhiệm vụ"
    workbook.active.append(HEADERS)
    for row in rows:
        workbook.active.append([row.get(header) for header in HEADERS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def _upload(client, content: io.BytesIO, name: str = "nhiem-vu.xlsx"):
    token = csrf_token_from(client.get("/tasks/import").get_data(as_text=True))
    return client.post("/tasks/import", content_type="multipart/form-data",
                       data={"csrf_token": token, "file": (content, name)})


def test_the_list_exports_with_its_filters_every_matching_task(client, commune):
    sign_in(client, "tuphap1")
    page = client.get("/tasks?area=procedures&sort=title").get_data(as_text=True)
    link = re.search(r'href="([^"]+)" data-testid="export-tasks"', page).group(1)
    link = link.replace("&amp;", "&")
    assert link.startswith("/tasks/export.xlsx?") and "area=procedures" in link
    response = client.get(link)
    assert [row[1] for row in _rows(response)] == ["Báo cáo quý I", "Rà soát thủ tục"]
    assert [row[1] for row in _rows(client.get("/tasks/export.xlsx?class=overdue"))] == [
        "Đo đạc bản đồ"]
    assert len(_rows(client.get("/tasks/export.xlsx"))) == 3


def test_the_file_is_named_after_the_unit_and_the_day(client, commune):
    sign_in(client, "tuphap1")
    disposition = client.get("/tasks/export.xlsx").headers["Content-Disposition"]
    assert 'filename="nhiem-vu-ubnd-xa-pho-phong-20-03-2023.xlsx"' in disposition
    utf8 = re.search(r"filename\*=UTF-8''(\S+)", disposition).group(1)
    assert unquote(utf8) == "Nhiệm vụ - UBND xã Phổ Phong - 20-03-2023.xlsx"


def test_bad_filters_are_a_422_page_not_a_file(client, commune):
    sign_in(client, "tuphap1")
    response = client.get("/tasks/export.xlsx?from=31/02/2023")
    assert response.status_code == 422
    assert "Bộ lọc chưa hợp lệ" in response.get_data(as_text=True)


def test_my_tasks_export_holds_my_open_tasks(client, commune):
    TaskFactory(unit=commune.unit, title="Việc của người khác")
    sign_in(client, "tuphap1")
    assert sorted(row[1] for row in _rows(client.get("/my-tasks/export.xlsx"))) == [
        "Rà soát thủ tục", "Đo đạc bản đồ"]


def test_the_registry_exports_with_its_filters(client, commune):
    sign_in(client, "tuphap1")
    page = client.get("/documents?type=QĐ").get_data(as_text=True)
    link = re.search(r'href="([^"]+)" data-testid="export-documents"', page).group(1)
    rows = _rows(client.get(link.replace("&amp;", "&")))
    assert [(row[1], row[2], row[3].date()) for row in rows] == [
        ("Quyết định", "04/QĐ-UBND", date(2023, 2, 3))]
    assert len(_rows(client.get("/documents/export.xlsx"))) == 2


def test_the_chairman_imports_a_sheet_and_lands_on_the_list(client, commune):
    sign_in(client, "chutich")
    page = client.get("/tasks").get_data(as_text=True)
    assert 'data-testid="import-tasks"' in page
    template = client.get("/tasks/import/template.xlsx")
    assert template.status_code == 200 and template.mimetype == XLSX
    response = _upload(client, _sheet([
        {"Nhiệm vụ": "Niêm yết thủ tục", "Lĩnh vực CCHC": "Cải cách thủ tục hành chính",
         "Chủ trì": "Võ Thị Kim Oanh (tuphap1)", "Văn bản": "14/KH-UBND",
         "Thời hạn ghi trong văn bản": "Quý II/2023"},
        {"Nhiệm vụ": "Tuyên truyền", "Lĩnh vực CCHC": "Công tác chỉ đạo, điều hành",
         "Chủ trì": "tuphap1"},
    ]))
    assert response.status_code == 302 and response.headers["Location"].endswith("/tasks")
    assert "Đã nhập 2 nhiệm vụ." in client.get("/tasks").get_data(as_text=True)
    task = db.session.scalar(select(Task).where(Task.title == "Niêm yết thủ tục"))
    assert (task.document, task.due_date) == (commune.plan, date(2023, 6, 30))


def test_bad_rows_are_listed_by_row_and_column_with_a_422_and_nothing_imported(client, commune):
    sign_in(client, "chutich")
    response = _upload(client, _sheet([
        {"Nhiệm vụ": "Niêm yết", "Lĩnh vực CCHC": "procedures", "Chủ trì": "tuphap1"},
        {"Nhiệm vụ": "", "Lĩnh vực CCHC": "procedures", "Chủ trì": "tuphap1"},
        {"Nhiệm vụ": "Họp", "Lĩnh vực CCHC": "procedures", "Chủ trì": "không-ai",
         "Hạn": "hôm qua"},
    ]))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "chưa nhập nhiệm vụ nào" in html
    cells = re.findall(r'<tr data-row="(\d+)" data-column="([^"]*)">', html)
    assert cells == [("3", "Nhiệm vụ"), ("4", "Chủ trì"), ("4", "Hạn")]
    assert "Đơn vị không có cán bộ “không-ai”." in html
    assert count_rows(Task) == 3


@pytest.mark.parametrize(("content", "message"), [
    (b"Nhiem vu,Han\nRa soat,30/06/2023\n", "không phải bảng tính Excel (.xlsx)"),
    (b"", "Tệp rỗng."),
])
def test_a_file_that_is_no_workbook_is_refused_with_a_message(client, commune, content, message):
    sign_in(client, "chutich")
    response = _upload(client, io.BytesIO(content), "danh-sach.xlsx")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count_rows(Task) == 3


def test_no_file_is_a_422(client, commune):
    sign_in(client, "chutich")
    token = csrf_token_from(client.get("/tasks/import").get_data(as_text=True))
    response = client.post("/tasks/import", data={"csrf_token": token})
    assert response.status_code == 422
    assert "Hãy chọn một tệp." in response.get_data(as_text=True)


def test_an_officer_neither_sees_nor_uses_the_import(client, commune):
    sign_in(client, "tuphap1")
    assert 'data-testid="import-tasks"' not in client.get("/tasks").get_data(as_text=True)
    assert client.get("/tasks/import").status_code == 403
    assert client.get("/tasks/import/template.xlsx").status_code == 403
    token = csrf_token_from(client.get("/profile").get_data(as_text=True))
    response = client.post("/tasks/import", content_type="multipart/form-data", data={
        "csrf_token": token, "file": (_sheet([{"Nhiệm vụ": "A", "Lĩnh vực CCHC": "procedures",
                                               "Chủ trì": "tuphap1"}]), "a.xlsx")})
    assert response.status_code == 403
    assert count_rows(Task) == 3


def test_downloads_need_a_sign_in(client, commune):
    for url in ("/tasks/export.xlsx", "/documents/export.xlsx", "/my-tasks/export.xlsx",
                "/tasks/import/template.xlsx", "/tasks/import"):
        assert client.get(url).status_code == 302


def test_another_units_tasks_are_not_in_the_file(client, commune):
    other = UnitFactory()
    TaskFactory(unit=other, title="Việc của xã khác")
    viewer = OfficialFactory(unit=other, username="xakhac", role=Role.VIEWER)
    assert viewer.unit_id == other.id
    sign_in(client, "xakhac")
    assert [row[1] for row in _rows(client.get("/tasks/export.xlsx"))] == ["Việc của xã khác"]


def test_the_file_is_vietnamese_whatever_the_reader_language(client, commune):
    """An English reader's file imports like anyone's: headers and values stay Vietnamese."""
    sign_in(client, "chutich")
    client.set_cookie("lang", "en")
    workbook = load_workbook(io.BytesIO(client.get("/tasks/export.xlsx?sort=title").data))
    header, first = list(workbook.active.iter_rows(max_row=2, values_only=True))
    assert header[:4] == ("STT", "Nhiệm vụ", "Nội dung, yêu cầu", "Lĩnh vực CCHC")
    assert (first[3], first[12]) == ("Cải cách thủ tục hành chính", "Đã hoàn thành")
