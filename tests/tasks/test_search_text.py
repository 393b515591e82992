"""The search text of a task: what it is made of, word-start matching, and that every
kind of write keeps it in step (and the rebuild command puts it back)."""

import io
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import select, update

from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tracker.core.roles import Role
from tracker.documents.services import update_document
from tracker.documents.types import DocumentType
from tracker.extensions import db
from tracker.org.services import update_official
from tracker.tasks import queries
from tracker.tasks.handover import hand_over_work
from tracker.tasks.models import Recurrence, Task
from tracker.tasks.queries import TaskFilters, list_tasks
from tracker.tasks.services import assign_next_occurrence, update_task
from tracker.tasks.spreadsheets import TEMPLATE_COLUMNS, import_tasks

TODAY = date(2023, 3, 20)

pytestmark = pytest.mark.usefixtures("on_20_march_2023")


@pytest.fixture
def unit(db_session):
    return UnitFactory()


@pytest.fixture
def chairman(unit):
    return OfficialFactory(unit=unit, role=Role.CHAIRMAN, full_name="Trần Văn Chủ")


@pytest.fixture
def lead(unit):
    return OfficialFactory(unit=unit, full_name="Lê Đức Đạt")


@pytest.fixture
def decision(unit):
    return DocumentFactory(unit=unit, doc_type=DocumentType.QD, number=5, symbol="QĐ-UBND",
                           title="Quyết định về quản lý đất đai")


def _stored(task: Task) -> str:
    db.session.flush()
    return db.session.scalar(select(Task.search_text).where(Task.id == task.id))


def _found(unit, text: str) -> set[str]:
    db.session.flush()
    page = list_tasks(db.session, unit, TaskFilters(text=text), TODAY)
    return {task.title for task in page.items}


def test_the_text_holds_title_description_document_and_lead(unit, lead, decision):
    task = TaskFactory(unit=unit, lead=lead, document=decision, title="Kiểm tra hồ sơ",
                       description="Theo Luật Đất đai 2024, 100% hồ sơ.")
    assert _stored(task) == (" kiem tra ho so theo luat dat dai 2024 , 100 % ho so ."
                             " 5 / qd - ubnd le duc dat \x1e quyet dinh ve quan ly dat dai")


def test_the_words_of_a_search_are_found_together_in_the_task_or_in_its_plans_title(
        unit, lead):
    """Issue 17: "dat dai" found a task on "Đài truyền thanh" because its plan's title
    holds "đạt"; the words of one search now come from one part."""
    plan = DocumentFactory(unit=unit, number=12, title="Xây dựng xã đạt chuẩn tiếp cận pháp luật")
    oanh = OfficialFactory(unit=unit, full_name="Võ Thị Kim Oanh")
    TaskFactory(unit=unit, lead=oanh, document=plan,
                title="Tuyên truyền trên hệ thống Đài truyền thanh xã")
    TaskFactory(unit=unit, lead=oanh, document=plan, title="Lấy ý kiến vào Luật Đất đai")
    assert _found(unit, "dat dai") == {"Lấy ý kiến vào Luật Đất đai"}
    assert _found(unit, "dat chuan") == _found(unit, "xa dat") == {
        "Tuyên truyền trên hệ thống Đài truyền thanh xã", "Lấy ý kiến vào Luật Đất đai"}
    # The lead and the plan's number go with the task's own words.
    assert _found(unit, "oanh thanh 12/kh") == {"Tuyên truyền trên hệ thống Đài truyền thanh xã"}
    assert _found(unit, "oanh chuan") == set()


def test_a_word_is_found_at_the_start_of_a_word_only(unit, lead):
    TaskFactory(unit=unit, lead=lead, title="An toàn giao thông")
    TaskFactory(unit=unit, lead=OfficialFactory(unit=unit, full_name="Võ Thị Kim Oanh"),
                title="Tuyên truyền pháp luật")
    TaskFactory(unit=unit, lead=lead, title="Bàn giao hồ sơ đất đai")
    # As a substring "an" was in all three ("toàn", "Oanh", "Bàn"); now only "An".
    assert _found(unit, "an") == {"An toàn giao thông"}
    assert _found(unit, "toan") == {"An toàn giao thông"}
    assert _found(unit, "anh") == set()
    assert _found(unit, "dat dai") == {"Bàn giao hồ sơ đất đai"}
    assert _found(unit, "giao") == {"An toàn giao thông", "Bàn giao hồ sơ đất đai"}
    assert _found(unit, "iao") == set()


def test_a_word_after_a_sign_starts_a_word_and_numbers_lose_leading_zeros(unit, lead):
    document = DocumentFactory(unit=unit, number=7, symbol="KH-UBND", title="Kế hoạch số hóa")
    TaskFactory(unit=unit, lead=lead, document=document, title="Đạt chuẩn ISO 9001:2015")
    assert _found(unit, "ubnd") == {"Đạt chuẩn ISO 9001:2015"}  # in "07/KH-UBND"
    assert _found(unit, "7/kh") == _found(unit, "07/KH-UBND") == {"Đạt chuẩn ISO 9001:2015"}
    assert _found(unit, "2015") == {"Đạt chuẩn ISO 9001:2015"}
    assert _found(unit, "17/kh") == set()


def test_renaming_an_official_rewrites_the_text_of_the_tasks_they_lead(unit, lead, chairman):
    admin = OfficialFactory(unit=unit, role=Role.ADMIN)
    led = TaskFactory(unit=unit, lead=lead, title="Đo đạc bản đồ")
    coordinated = TaskFactory(unit=unit, lead=chairman, coordinators=[lead], title="Họp")
    update_official(db.session, admin, lead, full_name="Lê Đức Thịnh")
    assert _found(unit, "thinh") == {"Đo đạc bản đồ"}
    assert _found(unit, "le duc dat") == set()
    assert "thinh" not in _stored(coordinated) and " le duc thinh \x1e" in _stored(led)


def test_correcting_a_document_rewrites_the_text_of_its_tasks(unit, lead, chairman, decision):
    TaskFactory(unit=unit, lead=lead, document=decision, title="Kiểm tra hồ sơ")
    TaskFactory(unit=unit, lead=lead, title="Việc khác")
    update_document(db.session, chairman, decision, number=9, title="Quyết định về xây dựng")
    assert _found(unit, "9/qd") == _found(unit, "xay dung") == {"Kiểm tra hồ sơ"}
    assert _found(unit, "5/qd") == _found(unit, "dat dai") == set()


def test_editing_a_task_rewrites_its_text(unit, lead, chairman, decision):
    task = TaskFactory(unit=unit, lead=lead, title="Kiểm tra hồ sơ")
    other = OfficialFactory(unit=unit, full_name="Nguyễn Thị Hoa")
    update_task(db.session, chairman, task, version=task.version, title="Niêm yết thủ tục",
                description="Tại Bộ phận Một cửa", document=decision, lead=other)
    assert _found(unit, "niem yet mot cua hoa") == {"Niêm yết thủ tục"}
    assert _found(unit, "kiem tra") == _found(unit, "duc") == set()  # the old lead
    assert _found(unit, "quan ly dat dai") == {"Niêm yết thủ tục"}  # the document


def test_a_handover_puts_the_receivers_name_in_the_text(unit, lead):
    admin = OfficialFactory(unit=unit, role=Role.ADMIN)
    receiver = OfficialFactory(unit=unit, full_name="Phạm Văn Nhận")
    TaskFactory(unit=unit, lead=lead, title="Đo đạc bản đồ")
    hand_over_work(db.session, admin, lead, receiver)
    assert _found(unit, "nhan") == {"Đo đạc bản đồ"}
    assert _found(unit, "duc dat") == set()


def test_an_imported_task_is_found_by_its_lead_and_document(unit, lead, chairman, decision):
    headers = [column.header for column in TEMPLATE_COLUMNS]
    cells = {"Nhiệm vụ": "Số hóa hồ sơ hộ tịch", "Lĩnh vực CCHC": "Cải cách thủ tục hành chính",
             "Chủ trì": "Lê Đức Đạt", "Văn bản": "05/QĐ-UBND"}
    workbook = Workbook()
    workbook.active.title = "Nhiệm vụ"
    workbook.active.append(headers)
    workbook.active.append([cells.get(header) for header in headers])
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    imported = import_tasks(db.session, chairman, unit, stream)
    assert [task.title for task in imported] == ["Số hóa hồ sơ hộ tịch"]
    assert _found(unit, "ho tich duc dat") == {"Số hóa hồ sơ hộ tịch"}


def test_the_next_occurrence_of_a_recurring_task_is_searchable(unit, lead, decision):
    task = TaskFactory(unit=unit, lead=lead, document=decision, title="Báo cáo tháng",
                       recurrence=Recurrence.MONTHLY, due_date=date(2023, 3, 25))
    successor = assign_next_occurrence(db.session, task)
    assert successor is not None and _stored(successor) == _stored(task)


def test_rebuild_command_recomputes_every_text(app, unit, lead, decision):
    task = TaskFactory(unit=unit, lead=lead, document=decision, title="Kiểm tra hồ sơ")
    expected = _stored(task)
    db.session.execute(update(Task).values(search_text=""))
    result = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Đã tính lại nội dung tìm kiếm của" in result.output
    assert _stored(task) == expected


def test_a_search_counts_to_the_cap_and_says_so(unit, lead, monkeypatch):
    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    for n in range(5):
        TaskFactory(unit=unit, lead=lead, title=f"Số hóa hồ sơ {n}")
    TaskFactory(unit=unit, lead=lead, title="Việc khác")
    db.session.flush()

    def page(number: int, text: str = "so hoa"):
        return list_tasks(db.session, unit, TaskFilters(text=text), TODAY, number, per_page=2)

    first = page(1)
    assert (first.total, first.capped, len(first.items), first.has_next) == (3, True, 2, True)
    # Asked for page 3, the count goes past it: then it knows there are five.
    last = page(3)
    assert (last.total, last.capped, len(last.items), last.has_next) == (5, False, 1, False)
    # No search, no cap: a count from an index is exact.
    everything = page(1, text="")
    assert (everything.total, everything.capped) == (6, False)


def test_a_task_taken_off_its_document_loses_the_documents_words(unit, lead, chairman, decision):
    task = TaskFactory(unit=unit, lead=lead, document=decision, title="Kiểm tra hồ sơ")
    update_task(db.session, chairman, task, version=task.version, document=None)
    assert _found(unit, "quan ly") == set() and _found(unit, "kiem tra") == {"Kiểm tra hồ sơ"}
