import io
from datetime import date
from types import SimpleNamespace

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import count_rows, queries_during
from tracker.core.errors import PermissionDenied
from tracker.core.roles import Role
from tracker.core.spreadsheets import SheetRejected
from tracker.extensions import db
from tracker.notifications.models import Notification, NotificationKind
from tracker.tasks.models import Task, TaskState
from tracker.tasks.queries import TaskFilters
from tracker.tasks.services import cancel_task, complete_task, create_task, record_progress
from tracker.tasks.spreadsheets import (
    EXPORT_COLUMNS,
    TEMPLATE_COLUMNS,
    export_tasks,
    import_tasks,
    task_template,
)

TODAY = date(2023, 3, 20)
HEADERS = [column.header for column in TEMPLATE_COLUMNS]

pytestmark = pytest.mark.usefixtures("on_20_march_2023")


def _commune(name: str, prefix: str) -> SimpleNamespace:
    """A unit with the same officials' names and documents as any other made here;
    usernames are unique across units, so they differ."""
    unit = UnitFactory(name=name)
    people = SimpleNamespace(
        unit=unit,
        chairman=OfficialFactory(unit=unit, username=f"{prefix}.chutich", role=Role.CHAIRMAN,
                                 full_name="Nguyễn Văn Chủ"),
        lead=OfficialFactory(unit=unit, username=f"{prefix}.tuphap1",
                             full_name="Võ Thị Kim Oanh"),
        helper=OfficialFactory(unit=unit, username=f"{prefix}.vanhoa1",
                               full_name="Bùi Văn Phúc"),
        watcher=OfficialFactory(unit=unit, username=f"{prefix}.vanphong1",
                                full_name="Đặng Thị Hà"),
    )
    people.plan = DocumentFactory(unit=unit, number=14, issuer="UBND xã Phổ Phong",
                                  issued_on=date(2023, 1, 18),
                                  title="Kế hoạch CCHC năm 2023")
    # The province's plan of the same number and symbol: told apart by date and issuer.
    people.province_plan = DocumentFactory(unit=unit, number=14, issuer="UBND tỉnh Quảng Ngãi",
                                           issued_by_unit=False, issued_on=date(2023, 1, 5),
                                           title="Kế hoạch CCHC của tỉnh")
    return people


@pytest.fixture
def source(db_session):
    return _commune("UBND xã Phổ Phong", "pp")


@pytest.fixture
def empty(db_session):
    return _commune("UBND xã Phổ Phong mới", "ppm")


def _assign(people, **fields):
    defaults = {"title": "Rà soát thủ tục hành chính", "reform_area": "procedures",
                "lead": people.lead}
    return create_task(db.session, people.chairman, people.unit, **(defaults | fields))


def _fill(people) -> None:
    """Tasks in every state, with every field the sheet holds."""
    c = people.chairman
    open_task = _assign(
        people, title="Niêm yết công khai thủ tục hành chính", document=people.plan,
        description="Tại bộ phận một cửa;\nvà trên cổng thông tin", reform_area="procedures",
        coordinators=[people.helper], followers=[people.watcher],
        due_date=date(2023, 2, 1), due_wording="trong 05 ngày làm việc")
    record_progress(db.session, people.lead, open_task, percent=40, note="",
                    version=open_task.version)
    done = _assign(people, title="Kiện toàn tổ CCHC", document=people.province_plan,
                   reform_area="organisation", due_date=date(2023, 3, 15))
    complete_task(db.session, c, done, result="Đã ban hành Quyết định số 04/QĐ-UBND.\nHọp 2 lần.",
                  completed_on=date(2023, 3, 10), version=done.version)
    _assign(people, title="Báo cáo CCHC hằng tháng", reform_area="direction",
            due_date=date(2023, 3, 31), recurrence="monthly", coordinators=[people.helper])
    cancelled = _assign(people, title="Tập huấn phần mềm cũ", reform_area="digital_government",
                        due_date=date(2023, 4, 30), due_wording="tháng 4/2023")
    cancel_task(db.session, c, cancelled, reason="Phần mềm đã thay", version=cancelled.version)
    _assign(people, title="=cmd|' /C calc'!A0", description="+84 905 000 000",
            reform_area="institutions", due_wording="thường xuyên")
    _assign(people, title="Tuyên truyền CCHC", reform_area="direction", lead=people.helper,
            due_date=date(2023, 6, 30), due_wording="Quý II/2023")


def _export(people, filters: TaskFilters | None = None) -> bytes:
    return export_tasks(db.session, people.chairman, people.unit, filters or TaskFilters(), TODAY)


def _facts(unit) -> list[tuple]:
    """What a task is, independently of ids and usernames: the same in both units."""
    tasks = db.session.scalars(select(Task).where(Task.unit_id == unit.id).order_by(Task.title))
    return [(
        t.title, t.description, t.reform_area, t.document and t.document.citation,
        t.document and t.document.issuer, t.lead.full_name,
        sorted(o.full_name for o in t.coordinators), sorted(o.full_name for o in t.followers),
        t.due_date, t.due_wording, t.recurrence, t.state, t.progress_percent, t.completed_on,
        t.result, t.cancel_reason) for t in tasks]


def _sheet(rows: list[list], headers: list[str] = HEADERS) -> io.BytesIO:
    workbook = Workbook()
    workbook.active.title = "Nhiệm vụ"
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def _row(**cells) -> list:
    """A template row: column header → value, the others empty."""
    return [cells.get(header) for header in HEADERS]


def test_an_export_imports_into_an_empty_unit_as_the_same_tasks(source, empty):
    _fill(source)
    imported = import_tasks(db.session, empty.chairman, empty.unit, io.BytesIO(_export(source)))
    assert len(imported) == 6
    expected = _facts(source.unit)
    # A done task is imported without its recurrence (its next occurrence is a row of its
    # own); none of these is both. A cancellation is dated the day of the import.
    assert _facts(empty.unit) == expected
    cancelled = db.session.scalar(select(Task).where(
        Task.unit_id == empty.unit.id, Task.state == TaskState.CANCELLED))
    assert cancelled.cancelled_on == TODAY
    assert all(task.assigned_by == empty.chairman for task in imported)
    # The new unit's own people and documents, never the source unit's.
    assert {task.lead.unit_id for task in imported} == {empty.unit.id}
    assert {task.document.unit_id for task in imported if task.document} == {empty.unit.id}
    # Only work still open is announced to its people as newly assigned.
    told = db.session.scalars(select(Notification.task_id).where(
        Notification.kind == NotificationKind.ASSIGNED,
        Notification.task_id.in_([t.id for t in imported]))).all()
    assert set(told) == {t.id for t in imported if t.state is TaskState.OPEN} != set()


def test_the_export_reads_as_a_table_with_vietnamese_headers_and_date_cells(source):
    _fill(source)
    sheet = load_workbook(io.BytesIO(_export(source)))["Nhiệm vụ"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [column.header for column in EXPORT_COLUMNS]
    by_title = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    first = by_title["Niêm yết công khai thủ tục hành chính"]
    assert first["Văn bản"] == "Kế hoạch số 14/KH-UBND ngày 18/01/2023"
    assert first["Chủ trì"] == "Võ Thị Kim Oanh (pp.tuphap1)"
    assert first["Hạn"].date() == date(2023, 2, 1)
    assert first["Phân loại"] == "Đang thực hiện quá hạn"
    assert sheet["J2"].number_format == "DD/MM/YYYY"
    assert by_title["Kiện toàn tổ CCHC"]["Trạng thái"] == "Đã hoàn thành"
    assert "=cmd|' /C calc'!A0" in by_title  # text, not a formula


def test_the_export_takes_the_list_filters_and_every_page(source):
    _fill(source)
    for number in range(60):
        TaskFactory(unit=source.unit, lead=source.helper, title=f"Việc thêm {number:02d}")
    filtered = load_workbook(io.BytesIO(_export(source, TaskFilters(text="niem yet"))))
    assert [row[1] for row in filtered.active.iter_rows(min_row=2, values_only=True)] == [
        "Niêm yết công khai thủ tục hành chính"]
    everything = load_workbook(io.BytesIO(_export(source)), read_only=True).active
    assert len(list(everything.iter_rows(min_row=2))) == 66


def test_the_export_makes_as_many_queries_for_many_tasks_as_for_few(source):
    def more(count: int) -> None:
        for _ in range(count):
            task = TaskFactory(unit=source.unit, lead=source.lead, document=source.plan,
                               coordinators=[source.helper], followers=[source.watcher])
            db.session.flush()
            assert task.followers

    more(3)
    few = queries_during(lambda: _export(source))
    more(30)
    assert queries_during(lambda: _export(source)) == few


def test_a_sheet_with_bad_rows_imports_nothing_and_names_each_row_and_column(empty):
    good = _row(**{"Nhiệm vụ": "Rà soát", "Lĩnh vực CCHC": "Cải cách thủ tục hành chính",
                   "Chủ trì": "Võ Thị Kim Oanh"})
    bad = [
        good,
        _row(**{"Lĩnh vực CCHC": "Cải cách thể chế", "Chủ trì": "ppm.tuphap1"}),
        _row(**{"Nhiệm vụ": "B", "Lĩnh vực CCHC": "Thể thao", "Chủ trì": "Lê Văn Không"}),
        _row(**{"Nhiệm vụ": "C", "Lĩnh vực CCHC": "institutions", "Chủ trì": "Bùi Văn Phúc",
                "Hạn": "31/02/2023", "Phối hợp": "Võ Thị Kim Oanh; Ai Đó"}),
        _row(**{"Nhiệm vụ": "D", "Lĩnh vực CCHC": "institutions", "Chủ trì": "Bùi Văn Phúc",
                "Trạng thái": "Đã hoàn thành", "Ngày hoàn thành": date(2023, 3, 1)}),
        _row(**{"Nhiệm vụ": "E", "Lĩnh vực CCHC": "institutions", "Chủ trì": "Bùi Văn Phúc",
                "Văn bản": "99/KH-UBND", "Thời hạn ghi trong văn bản": "sớm nhất có thể"}),
        # Refused by the assignment rules themselves: due before the plan was issued.
        _row(**{"Nhiệm vụ": "F", "Lĩnh vực CCHC": "institutions", "Chủ trì": "Bùi Văn Phúc",
                "Văn bản": "Kế hoạch số 14/KH-UBND ngày 18/01/2023", "Hạn": date(2023, 1, 2)}),
        _row(**{"Nhiệm vụ": "G", "Lĩnh vực CCHC": "institutions", "Chủ trì": "Bùi Văn Phúc",
                "Văn bản": "14/KH-UBND", "Tiến độ (%)": 120}),
    ]
    with pytest.raises(SheetRejected) as rejected:
        import_tasks(db.session, empty.chairman, empty.unit, _sheet(bad))
    found = [(p.row, p.column) for p in rejected.value.problems]
    assert found == [
        (3, "Nhiệm vụ"),
        (4, "Lĩnh vực CCHC"), (4, "Chủ trì"),
        (5, "Phối hợp"), (5, "Hạn"),
        (6, "Kết quả"),
        (7, "Văn bản"), (7, "Thời hạn ghi trong văn bản"),
        (8, "Hạn"),
        (9, "Văn bản"), (9, "Tiến độ (%)"),
    ]
    messages = {(p.row, p.column): str(p.message) for p in rejected.value.problems}
    assert messages[(3, "Nhiệm vụ")] == "Trường này là bắt buộc."
    assert "Lê Văn Không" in messages[(4, "Chủ trì")]
    assert "Ai Đó" in messages[(5, "Phối hợp")]
    assert "trước ngày ban hành văn bản" in messages[(8, "Hạn")]
    assert "Có 2 văn bản khớp" in messages[(9, "Văn bản")]
    assert "11 lỗi" in str(rejected.value.message)
    assert count_rows(Task) == 0 and count_rows(Notification) == 0


def test_rows_are_read_with_usernames_names_and_wording(empty):
    rows = [_row(**{
        "Nhiệm vụ": "Rà soát", "Lĩnh vực CCHC": "cải cách thủ tục hành chính",
        "Chủ trì": "ppm.tuphap1", "Phối hợp": "Bui Van Phuc\nĐặng Thị Hà (không-có)",
        "Văn bản": "14/KH-UBND", "Cơ quan ban hành": "UBND tỉnh Quảng Ngãi",
        "Thời hạn ghi trong văn bản": "trong 05 ngày làm việc", "Tiến độ (%)": "30%"})]
    [task] = import_tasks(db.session, empty.chairman, empty.unit, _sheet(rows))
    assert task.lead == empty.lead and task.document == empty.province_plan
    assert sorted(o.username for o in task.coordinators) == ["ppm.vanhoa1", "ppm.vanphong1"]
    # Five working days from 05/01/2023.
    assert (task.due_date, task.due_wording) == (date(2023, 1, 12), "trong 05 ngày làm việc")
    assert task.progress_percent == 30
    told = sorted(db.session.scalars(select(Notification.recipient_id)))
    assert told == sorted([empty.lead.id, empty.helper.id, empty.watcher.id])


def test_a_name_two_officials_share_needs_the_username(empty):
    OfficialFactory(unit=empty.unit, username="ppm.tuphap2", full_name="Võ Thị Kim Oanh")
    rows = [_row(**{"Nhiệm vụ": "A", "Lĩnh vực CCHC": "institutions",
                    "Chủ trì": "Võ Thị Kim Oanh"})]
    with pytest.raises(SheetRejected) as rejected:
        import_tasks(db.session, empty.chairman, empty.unit, _sheet(rows))
    assert "ppm.tuphap1, ppm.tuphap2" in str(rejected.value.problems[0].message)


def test_a_file_imported_twice_is_refused_the_second_time(source, empty):
    _fill(source)
    data = _export(source)
    import_tasks(db.session, empty.chairman, empty.unit, io.BytesIO(data))
    with pytest.raises(SheetRejected) as rejected:
        import_tasks(db.session, empty.chairman, empty.unit, io.BytesIO(data))
    # Five repeats; the cancelled task is not counted as one.
    assert len(rejected.value.problems) == 5
    assert "Đơn vị đã có nhiệm vụ này" in str(rejected.value.problems[0].message)
    assert count_rows(Task) == 12


def test_missing_required_columns_are_named(empty):
    with pytest.raises(SheetRejected) as rejected:
        import_tasks(db.session, empty.chairman, empty.unit,
                     _sheet([["Rà soát"]], headers=["Nhiệm vụ"]))
    assert [(p.row, p.column) for p in rejected.value.problems] == [
        (1, "Lĩnh vực CCHC"), (1, "Chủ trì")]


def test_the_template_filled_in_a_spreadsheet_imports(empty):
    data = task_template(db.session, empty.chairman, empty.unit)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Nhiệm vụ", "Hướng dẫn", "Danh mục"]
    sheet = workbook["Nhiệm vụ"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    lists = workbook["Danh mục"]
    assert "Võ Thị Kim Oanh (ppm.tuphap1)" in [cell.value for cell in lists["D"]]
    assert "Kế hoạch số 14/KH-UBND ngày 18/01/2023" in [cell.value for cell in lists["E"]]
    assert {str(v.sqref) for v in sheet.data_validations.dataValidation} == {
        "D2:D1001", "E2:E1001", "G2:G1001", "L2:L1001", "M2:M1001"}
    sheet.append(_row(**{"STT": 1, "Nhiệm vụ": "Rà soát", "Lĩnh vực CCHC": "Cải cách thể chế",
                         "Chủ trì": "Võ Thị Kim Oanh (ppm.tuphap1)", "Hạn": date(2023, 6, 30)}))
    sheet.append(_row(**{"STT": 2}))  # numbered in advance, nothing else: not a task
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    [task] = import_tasks(db.session, empty.chairman, empty.unit, buffer)
    assert (task.title, task.due_date) == ("Rà soát", date(2023, 6, 30))


@pytest.mark.parametrize("role", [Role.OFFICER, Role.VIEWER, Role.ADMIN])
def test_only_those_who_assign_tasks_import_them(empty, role):
    official = OfficialFactory(unit=empty.unit, role=role)
    rows = [_row(**{"Nhiệm vụ": "A", "Lĩnh vực CCHC": "institutions", "Chủ trì": "ppm.tuphap1"})]
    with pytest.raises(PermissionDenied):
        import_tasks(db.session, official, empty.unit, _sheet(rows))
    with pytest.raises(PermissionDenied):
        task_template(db.session, official, empty.unit)
    assert count_rows(Task) == 0


def test_a_chairman_does_not_import_into_another_unit(source, empty):
    rows = [_row(**{"Nhiệm vụ": "A", "Lĩnh vực CCHC": "institutions", "Chủ trì": "ppm.tuphap1"})]
    with pytest.raises(PermissionDenied):
        import_tasks(db.session, source.chairman, empty.unit, _sheet(rows))
    with pytest.raises(PermissionDenied):
        export_tasks(db.session, OfficialFactory(unit=UnitFactory()), empty.unit, TaskFilters(),
                     TODAY)


def test_a_cell_with_a_control_character_is_a_problem_of_its_row_and_column(empty):
    rows = [_row(**{"Nhiệm vụ": "Rà soát\x7f", "Lĩnh vực CCHC": "institutions",
                    "Chủ trì": "Bùi Văn Phúc", "Nội dung, yêu cầu": "Tại bộ phận\x85 một cửa"})]
    with pytest.raises(SheetRejected) as rejected:
        import_tasks(db.session, empty.chairman, empty.unit, _sheet(rows))
    problems = {(p.row, p.column): str(p.message) for p in rejected.value.problems}
    assert set(problems) == {(2, "Nhiệm vụ"), (2, "Nội dung, yêu cầu")}
    assert problems[(2, "Nhiệm vụ")].startswith("Có ký tự điều khiển không hợp lệ")
    assert count_rows(Task) == 0
