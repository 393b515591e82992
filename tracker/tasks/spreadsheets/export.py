"""A unit's tasks as a workbook, with the list page's filters, and the template to fill in."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.actor import Actor
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.spreadsheets import (
    Column,
    add_list,
    add_table,
    add_text,
    dropdown,
    new_workbook,
    workbook_bytes,
)
from tracker.documents.models import Document
from tracker.org.models import Official, Unit
from tracker.org.policy import can_view_unit
from tracker.tasks.models import Task, TaskState, task_followers
from tracker.tasks.policy import can_receive_tasks
from tracker.tasks.queries import TaskFilters, list_tasks
from tracker.tasks.spreadsheets.columns import (
    AREA,
    DOCUMENT,
    EXPORT_COLUMNS,
    LEAD,
    LISTS_SHEET,
    MAX_EXPORT_ROWS,
    RECURRENCE,
    STATE,
    TASK_SHEET,
    TEMPLATE_COLUMNS,
    TEMPLATE_ROWS,
    SheetLabels,
    official_label,
    sheet_labels,
    unit_officials,
)
from tracker.tasks.spreadsheets.imports import require_assigner
from tracker.tasks.status import classify


def export_tasks(session: Session, actor: Actor, unit: Unit, filters: TaskFilters,
                 today: date) -> bytes:
    """Every task of the unit matching `filters` (as the list page has them, classes as
    of `today`), in the list's order, as an .xlsx workbook; a fixed number of queries.

    :raise PermissionDenied: the actor may not see the unit.
    :raise ValidationFailed: more tasks than one file holds.
    """
    if not can_view_unit(actor, unit):
        raise PermissionDenied(_l("Không được xem nhiệm vụ của đơn vị này."))
    found = list_tasks(session, unit, filters, today, per_page=MAX_EXPORT_ROWS)
    if found.capped:  # a search counts no further than the page: a file's worth
        raise ValidationFailed.on("filters", _l(
            "Có hơn %(max)d nhiệm vụ, quá số một tệp chứa: hãy lọc bớt.", max=MAX_EXPORT_ROWS))
    if found.total > MAX_EXPORT_ROWS:
        raise ValidationFailed.on("filters", _l(
            "Có %(count)d nhiệm vụ, quá %(max)d nhiệm vụ một tệp: hãy lọc bớt.",
            count=found.total, max=MAX_EXPORT_ROWS))
    followers = _followers_of(session, found.items)
    labels = sheet_labels()
    workbook = new_workbook()
    add_table(workbook, TASK_SHEET, EXPORT_COLUMNS, (
        _task_row(number, task, followers.get(task.id, []), labels, today)
        for number, task in enumerate(found.items, start=1)))
    return workbook_bytes(workbook)


def _task_row(number: int, task: Task, followers: list[Official], labels: SheetLabels,
              today: date) -> list[Any]:
    done = task.state is TaskState.DONE
    return [
        number, task.title, task.description, labels.areas[task.reform_area],
        task.document.citation if task.document else "",
        task.document.issuer if task.document else "",
        official_label(task.lead), _names(task.coordinators), _names(followers),
        task.due_date, task.due_wording or "",
        labels.recurrences[task.recurrence] if task.recurrence else "",
        labels.states[task.state], labels.classes[classify(task, today)],
        task.progress_percent, task.completed_on if done else None,
        # A returned completion keeps its old result: only a done task's result counts.
        (task.result or "") if done else "",
        task.cancel_reason or "",
    ]


def _names(officials: Sequence[Official]) -> str:
    return "; ".join(official_label(official) for official in officials)


def _followers_of(session: Session, tasks: list[Task]) -> dict[int, list[Official]]:
    """The followers of every task in one query (the list loads lead and coordinators)."""
    if not tasks:
        return {}
    rows = session.execute(
        select(task_followers.c.task_id, Official)
        .join(Official, Official.id == task_followers.c.official_id)
        .where(task_followers.c.task_id.in_([task.id for task in tasks]))
        .order_by(Official.id))
    followers: dict[int, list[Official]] = {}
    for task_id, official in rows:
        followers.setdefault(task_id, []).append(official)
    return followers


def task_template(session: Session, actor: Actor, unit: Unit) -> bytes:
    """An empty task sheet with the export's columns, dropdowns of the unit's reform areas,
    officials and documents, and a sheet of instructions in the reader's language.

    :raise PermissionDenied: unless the actor may assign tasks in the unit.
    """
    require_assigner(actor, unit)
    labels = sheet_labels()
    officials = [o for o in unit_officials(session, unit) if can_receive_tasks(o)]
    documents = session.scalars(select(Document).where(Document.unit_id == unit.id)
                                .order_by(Document.issued_on.desc(), Document.number.desc()))
    workbook = new_workbook()
    sheet = add_table(workbook, TASK_SHEET, TEMPLATE_COLUMNS, [])
    _add_instructions(workbook)
    lists = {
        AREA: list(labels.areas.values()), STATE: list(labels.states.values()),
        RECURRENCE: list(labels.recurrences.values()),
        LEAD: [official_label(o) for o in officials],
        DOCUMENT: [d.citation for d in documents],
    }
    ranges = add_list(workbook, LISTS_SHEET, [Column(header, 40) for header in lists],
                      list(lists.values()))
    headers = [column.header for column in TEMPLATE_COLUMNS]
    for header, source in ranges.items():
        # Names and documents may be typed otherwise ("tuphap1", "14/KH-UBND"): offered only.
        dropdown(sheet, headers.index(header) + 1, source, rows=TEMPLATE_ROWS,
                 strict=header not in (LEAD, DOCUMENT))
    return workbook_bytes(workbook)


def _add_instructions(workbook: Workbook) -> None:
    add_text(workbook, str(_l("Hướng dẫn")), [
        (_l("Nhập nhiệm vụ từ tệp Excel"),),
        _l("Mỗi dòng của trang “Nhiệm vụ” là một nhiệm vụ; giữ nguyên dòng tiêu đề. Tệp "
           "xuất từ danh sách nhiệm vụ (nút Xuất Excel) cũng nhập được như tệp này."),
        _l("Mọi dòng được kiểm tra trước khi nhập: nếu có lỗi, không dòng nào được nhập và "
           "trang tải lên liệt kê từng lỗi theo dòng và cột."),
        _l("Người chủ trì, người phối hợp nhận thông báo giao việc như khi giao trên trang."),
        (_l("Các cột"),),
        _l("Nhiệm vụ (bắt buộc): tên nhiệm vụ. Nội dung, yêu cầu: có thể để trống."),
        _l("Lĩnh vực CCHC (bắt buộc): chọn trong danh sách (trang “Danh mục”)."),
        _l("Văn bản: văn bản giao nhiệm vụ, đã có trong sổ văn bản của đơn vị, ghi như "
           "“Kế hoạch số 14/KH-UBND ngày 01/02/2023” hoặc chỉ “14/KH-UBND”; để trống nếu "
           "không có. Cơ quan ban hành: ghi thêm khi hai văn bản trùng số, ký hiệu."),
        _l("Chủ trì (bắt buộc), Phối hợp, Theo dõi: ghi “Họ tên (tên đăng nhập)” như trang "
           "“Danh mục”, hoặc chỉ tên đăng nhập, hoặc chỉ họ tên nếu đơn vị không có hai người "
           "trùng tên; nhiều người cách nhau bằng dấu chấm phẩy (;)."),
        _l("Hạn: ô ngày, hoặc ghi dd/mm/yyyy. Thời hạn ghi trong văn bản: như kế hoạch ghi "
           "(trong 05 ngày làm việc, Quý II/2023, tháng 5/2023, 6 tháng đầu năm 2023 …); khi "
           "cột Hạn để trống, hạn được tính từ cột này (ngày làm việc tính từ ngày ban hành "
           "văn bản). Để trống cả hai, hoặc ghi “thường xuyên”: nhiệm vụ thường xuyên."),
        _l("Lặp lại: Hằng tháng, Hằng quý, Hằng năm (cần có hạn). Nhiệm vụ đã hoàn thành được "
           "nhập không lặp lại: lần tiếp theo là một dòng riêng."),
        _l("Trạng thái: để trống là Đang thực hiện. Đã hoàn thành: cần Ngày hoàn thành và "
           "Kết quả. Đã hủy / tạm dừng: cần Lý do hủy; ngày hủy là ngày nhập."),
        _l("Tiến độ (%): số nguyên từ 0 đến 99 cho nhiệm vụ chưa hoàn thành."),
        _l("Cột STT và Phân loại không được đọc: phân loại tính lại theo hạn và ngày hoàn "
           "thành. Cột khác tên các cột trên cũng được bỏ qua."),
    ])
