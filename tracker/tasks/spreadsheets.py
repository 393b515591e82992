"""Tasks in Excel: a unit's task list exported with the list page's filters, and tasks
imported from a workbook laid out the same way (a template is offered for download).

An import reads every row before writing anything and lists each problem by row and
column; the tasks are then assigned through the same services as on the pages (each lead
and coordinator is told), inside one savepoint: all rows or none.

Sheet names, headers and values are Vietnamese whoever exports (labels are read in
Vietnamese), so that any exported file imports back; only the template's instructions
follow the reader's language.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, BinaryIO

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.actor import Actor
from tracker.core.clock import today_in
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.reform_areas import ReformArea
from tracker.core.spreadsheets import (
    CellValueError,
    Column,
    RowProblem,
    SheetRejected,
    SheetRow,
    add_list,
    add_table,
    add_text,
    date_of,
    dropdown,
    new_workbook,
    read_rows,
    text_of,
    whole_number_of,
    workbook_bytes,
)
from tracker.core.text import clean, clean_multiline, fold, has_control_characters
from tracker.core.validation import CONTROL_CHARACTERS
from tracker.documents.models import Document
from tracker.documents.spreadsheets import RegistryLookup, type_labels
from tracker.documents.types import DocumentType
from tracker.org.calendar import unit_calendar
from tracker.org.models import Official, Unit
from tracker.org.policy import can_view_unit
from tracker.tasks.deadlines import resolve_deadline
from tracker.tasks.models import Recurrence, Task, TaskState, task_followers
from tracker.tasks.policy import can_assign, can_receive_tasks
from tracker.tasks.queries import TaskFilters, list_tasks
from tracker.tasks.services import cancel_task, complete_task, create_task, record_progress
from tracker.tasks.status import TaskClass, classify

TASK_SHEET = "Nhiệm vụ"
LISTS_SHEET = "Danh mục"
MAX_EXPORT_ROWS = 10_000
MAX_IMPORT_ROWS = 2_000
TEMPLATE_ROWS = 1_000  # rows of the template that offer the dropdowns

NUMBER, TITLE, DESCRIPTION, AREA = "STT", "Nhiệm vụ", "Nội dung, yêu cầu", "Lĩnh vực CCHC"
DOCUMENT, ISSUER, LEAD = "Văn bản", "Cơ quan ban hành", "Chủ trì"
COORDINATORS, FOLLOWERS, DUE = "Phối hợp", "Theo dõi", "Hạn"
DUE_WORDING, RECURRENCE, STATE = "Thời hạn ghi trong văn bản", "Lặp lại", "Trạng thái"
CLASS, PROGRESS, COMPLETED_ON = "Phân loại", "Tiến độ (%)", "Ngày hoàn thành"
RESULT, CANCEL_REASON = "Kết quả", "Lý do hủy"

EXPORT_COLUMNS = (
    Column(NUMBER, 6), Column(TITLE, 50), Column(DESCRIPTION, 40), Column(AREA, 30),
    Column(DOCUMENT, 36), Column(ISSUER, 24), Column(LEAD, 30), Column(COORDINATORS, 40),
    Column(FOLLOWERS, 30), Column(DUE, 12), Column(DUE_WORDING, 24), Column(RECURRENCE, 12),
    Column(STATE, 18), Column(CLASS, 24), Column(PROGRESS, 10), Column(COMPLETED_ON, 14),
    Column(RESULT, 50), Column(CANCEL_REASON, 30),
)
# The class is worked out from the dates, never read.
TEMPLATE_COLUMNS = tuple(column for column in EXPORT_COLUMNS if column.header != CLASS)
_READ = {column.header for column in TEMPLATE_COLUMNS} - {NUMBER}
_REQUIRED_COLUMNS = (TITLE, AREA, LEAD)
_SEPARATOR = re.compile(r"[;\n]")
_NAMED = re.compile(r"^(?P<name>.*?)\s*\((?P<username>[^()]+)\)$")
# A service's field → the column it came from.
_FIELD_COLUMNS = {
    "title": TITLE, "description": DESCRIPTION, "reform_area": AREA, "document": DOCUMENT,
    "lead": LEAD, "coordinators": COORDINATORS, "followers": FOLLOWERS, "due_date": DUE,
    "due_wording": DUE_WORDING, "recurrence": RECURRENCE, "state": STATE,
    "percent": PROGRESS, "completed_on": COMPLETED_ON, "result": RESULT,
    "reason": CANCEL_REASON,
}
_MAX_TITLE, _MAX_DESCRIPTION = 500, 4000  # as the assignment form


@dataclass(frozen=True)
class _Labels:
    """The labels a sheet holds, in Vietnamese."""

    areas: dict[ReformArea, str]
    states: dict[TaskState, str]
    recurrences: dict[Recurrence, str]
    classes: dict[TaskClass, str]
    types: dict[DocumentType, str]


def _labels() -> _Labels:
    with force_locale("vi"):
        return _Labels(
            {area: area.label for area in ReformArea},
            {state: state.label for state in TaskState},
            {recurrence: recurrence.label for recurrence in Recurrence},
            {task_class: task_class.label for task_class in TaskClass},
            type_labels(),
        )


def official_label(official: Official) -> str:
    """How a sheet names an official: "Võ Thị Kim Oanh (tuphap1)"."""
    return f"{official.full_name} ({official.username})"


# --- export ------------------------------------------------------------------------------


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
    if found.total > MAX_EXPORT_ROWS:
        raise ValidationFailed.on("filters", _l(
            "Có %(count)d nhiệm vụ, quá %(max)d nhiệm vụ một tệp: hãy lọc bớt.",
            count=found.total, max=MAX_EXPORT_ROWS))
    followers = _followers_of(session, found.tasks)
    labels = _labels()
    workbook = new_workbook()
    add_table(workbook, TASK_SHEET, EXPORT_COLUMNS, (
        _task_row(number, task, followers.get(task.id, []), labels, today)
        for number, task in enumerate(found.tasks, start=1)))
    return workbook_bytes(workbook)


def _task_row(number: int, task: Task, followers: list[Official], labels: _Labels,
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


# --- template ----------------------------------------------------------------------------


def task_template(session: Session, actor: Actor, unit: Unit) -> bytes:
    """An empty task sheet with the export's columns, dropdowns of the unit's reform areas,
    officials and documents, and a sheet of instructions in the reader's language.

    :raise PermissionDenied: unless the actor may assign tasks in the unit.
    """
    _require_assigner(actor, unit)
    labels = _labels()
    officials = [o for o in _officials(session, unit) if can_receive_tasks(o)]
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


# --- import ------------------------------------------------------------------------------


@dataclass
class _Plan:
    """A row read and resolved: what the services are called with."""

    row: int
    assignment: dict[str, Any]
    state: TaskState = TaskState.OPEN
    percent: int = 0
    completed_on: date | None = None
    result: str = ""
    cancel_reason: str = ""
    due_column: str = DUE  # where a problem with the due date is shown
    problems: list[RowProblem] = field(default_factory=list)


def import_tasks(session: Session, actor: Actor, unit: Unit, stream: BinaryIO) -> list[Task]:
    """Assign the tasks of an uploaded workbook's sheet "Nhiệm vụ" (laid out as the export
    or the template); flushes only.

    :raise PermissionDenied: unless the actor may assign tasks in the unit.
    :raise ValidationFailed: a file that is no .xlsx workbook, or too large.
    :raise SheetRejected: any problem in any row (each by row and column); nothing written.
    """
    _require_assigner(actor, unit)
    # Room for the header and a title or two above it; the tasks are counted below.
    rows = read_rows(stream, field="file", sheet_name=TASK_SHEET, max_rows=MAX_IMPORT_ROWS + 10)
    reader = _RowReader(session, unit, _labels(), _header(rows))
    plans = [reader.read(row) for row in rows if row.number > reader.header_row]
    plans = [plan for plan in plans if plan is not None]
    if not plans:
        raise SheetRejected(_l("Bảng tính không có nhiệm vụ nào."), [])
    if len(plans) > MAX_IMPORT_ROWS:
        raise ValidationFailed.on("file", _l(
            "Bảng tính có hơn %(count)d nhiệm vụ; hãy chia thành nhiều tệp.",
            count=MAX_IMPORT_ROWS))
    reader.check_repeats(plans)
    tasks: list[Task] = []
    problems = [problem for plan in plans for problem in plan.problems]
    with session.begin_nested():
        for plan in plans:
            if not plan.problems:
                # Rows go on after a refused one, so that the page lists every problem.
                task = _assign(session, actor, unit, plan, problems)
                tasks += [task] if task else []
        if problems:
            problems.sort(key=lambda p: (p.row, _column_order(p.column)))
            raise SheetRejected(_l(
                "Bảng tính có %(count)d lỗi; chưa nhập nhiệm vụ nào. Sửa các ô được nêu rồi tải "
                "lên lại.", count=len(problems)), problems)
    return tasks


def _require_assigner(actor: Actor, unit: Unit) -> None:
    if not can_assign(actor, unit):
        raise PermissionDenied(_l("Chỉ Chủ tịch, Phó Chủ tịch của đơn vị được giao nhiệm vụ."))


def _assign(session: Session, actor: Actor, unit: Unit, plan: _Plan,
            problems: list[RowProblem]) -> Task | None:
    """Assign one row's task, then record how far it has come, each in the row's own
    savepoint; a rule the services refuse becomes the row's problem."""
    try:
        with session.begin_nested():
            # Work already done or cancelled is history: nobody is told of it as new.
            task = create_task(session, actor, unit, **plan.assignment,
                               announce=plan.state is TaskState.OPEN)
            if plan.percent and plan.state is not TaskState.DONE:
                record_progress(session, actor, task, percent=plan.percent, note="",
                                version=task.version)
            if plan.state is TaskState.DONE:
                complete_task(session, actor, task, result=plan.result,
                              completed_on=plan.completed_on, version=task.version)
            elif plan.state is TaskState.CANCELLED:
                cancel_task(session, actor, task, reason=plan.cancel_reason,
                            version=task.version)
            return task
    except ValidationFailed as error:
        for name, messages in error.errors.items() or [("", [error.message])]:
            column = plan.due_column if name == "due_date" else _FIELD_COLUMNS.get(name, "")
            problems += [RowProblem(plan.row, column, message) for message in messages]
        return None


def _column_order(header: str) -> int:
    headers = [column.header for column in TEMPLATE_COLUMNS]
    return headers.index(header) if header in headers else -1


def _header(rows: list[SheetRow]) -> tuple[int, dict[str, int]]:
    """The header row (among the first rows: a title may stand above it) and where each
    known column is.

    :raise SheetRejected: no header row, or one without a required column.
    """
    known = {fold(header): header for header in _READ}
    for row in rows[:10]:
        found = {fold(text_of(value)).rstrip(" *:"): index
                 for index, value in enumerate(row.values)}
        if fold(TITLE) in found:
            positions = {known[key]: index for key, index in found.items() if key in known}
            missing = [header for header in _REQUIRED_COLUMNS if header not in positions]
            if missing:
                raise SheetRejected(_l("Bảng tính thiếu cột bắt buộc."), [
                    RowProblem(row.number, header, _l("Thiếu cột này.")) for header in missing])
            return row.number, positions
    raise SheetRejected(_l("Không tìm thấy dòng tiêu đề."), [RowProblem(
        1, TITLE, _l("Không tìm thấy dòng tiêu đề có cột “%(column)s”; hãy dùng tệp mẫu.",
                     column=TITLE))])


class _RowReader:
    """Reads rows into plans against the unit's officials and document registry, loaded
    once for the whole sheet."""

    def __init__(self, session: Session, unit: Unit, labels: _Labels,
                 header: tuple[int, dict[str, int]]) -> None:
        self.session, self.unit = session, unit
        self.header_row, self.positions = header
        self.today = today_in(unit.timezone)
        self.calendar = unit_calendar(unit)
        self.registry = RegistryLookup(session, unit, labels.types)
        officials = _officials(session, unit)
        self.by_username = {o.username.casefold(): o for o in officials}
        self.by_name: dict[str, list[Official]] = {}
        for official in officials:
            self.by_name.setdefault(official.name_key, []).append(official)
        self.areas = _choices(labels.areas)
        self.states = _choices(labels.states)
        self.recurrences = _choices(labels.recurrences)

    def read(self, row: SheetRow) -> _Plan | None:
        """The row's plan, its problems in it; None for a row with nothing to read."""
        cells = {header: row.values[index] if index < len(row.values) else None
                 for header, index in self.positions.items()}
        if all(not text_of(value).strip() for value in cells.values()):
            return None
        plan = _Plan(row.number, {})
        problem = _ProblemsOf(plan)
        for column, value in cells.items():
            if has_control_characters(text_of(value)):
                problem.add(column, CONTROL_CHARACTERS)
        title = problem.check(TITLE, self._text, cells, _MAX_TITLE, required=True)
        description = problem.check(DESCRIPTION, self._multiline, cells, _MAX_DESCRIPTION)
        area = problem.check(AREA, self._choice, cells, self.areas, required=True)
        document = problem.check(DOCUMENT, self._document, cells)
        lead = problem.check(LEAD, self._official, cells, required=True)
        coordinators = problem.check(COORDINATORS, self._officials, cells) or []
        followers = problem.check(FOLLOWERS, self._officials, cells) or []
        due_date, wording = self._deadline(cells, document, plan, problem)
        recurrence = problem.check(RECURRENCE, self._choice, cells, self.recurrences)
        plan.state = problem.check(STATE, self._choice, cells, self.states) or TaskState.OPEN
        self._progress(cells, plan, problem)
        plan.assignment = {
            "title": title, "description": description or "", "reform_area": area,
            "document": document, "lead": lead, "coordinators": coordinators,
            "followers": followers, "due_date": due_date, "due_wording": wording,
            # A done task's next occurrence is a row of its own: completing this one must
            # not assign it a second time.
            "recurrence": None if plan.state is TaskState.DONE else recurrence,
        }
        return plan

    def check_repeats(self, plans: list[_Plan]) -> None:
        """A row that repeats a task the unit has (same title, document, lead and due date;
        cancelled ones aside) is refused: a file imported twice would double every task."""
        plans = [plan for plan in plans if not plan.problems]
        keys = {fold(plan.assignment["title"]) for plan in plans}
        existing = {tuple(row) for row in self.session.execute(
            select(Task.title_key, Task.document_id, Task.lead_id, Task.due_date).where(
                Task.unit_id == self.unit.id, Task.state != TaskState.CANCELLED,
                Task.title_key.in_(keys)))} if keys else set()
        for plan in plans:
            fields = plan.assignment
            key = (fold(fields["title"]), fields["document"].id if fields["document"] else None,
                   fields["lead"].id, fields["due_date"])
            if key in existing:
                plan.problems.append(RowProblem(plan.row, TITLE, _l(
                    "Đơn vị đã có nhiệm vụ này (cùng tên, văn bản, người chủ trì và hạn).")))

    # Each reader takes the row's cells and the column it reads; raises CellValueError.

    def _text(self, cells: dict[str, Any], column: str, limit: int) -> str:
        text = clean(text_of(cells.get(column)))
        if len(text) > limit:
            raise CellValueError(_l("Tối đa %(max)d ký tự.", max=limit))
        return text

    def _multiline(self, cells: dict[str, Any], column: str, limit: int) -> str:
        text = clean_multiline(text_of(cells.get(column)))
        if len(text) > limit:
            raise CellValueError(_l("Tối đa %(max)d ký tự.", max=limit))
        return text

    def _choice(self, cells: dict[str, Any], column: str, choices: dict[str, Any]) -> Any:
        text = clean(text_of(cells.get(column)))
        if text and fold(text) not in choices:
            raise CellValueError(_l(
                "“%(text)s” không có trong danh sách (trang “Danh mục” của tệp mẫu).",
                text=text))
        return choices.get(fold(text)) if text else None

    def _document(self, cells: dict[str, Any], column: str) -> Document | None:
        text = clean(text_of(cells.get(column)))
        if not text:
            return None
        return self.registry.find(text, clean(text_of(cells.get(ISSUER))))

    def _official(self, cells: dict[str, Any], column: str) -> Official | None:
        text = clean(text_of(cells.get(column)))
        return self._find_official(text) if text else None

    def _officials(self, cells: dict[str, Any], column: str) -> list[Official]:
        names = [clean(name) for name in _SEPARATOR.split(text_of(cells.get(column)))]
        return [self._find_official(name) for name in names if name]

    def _find_official(self, text: str) -> Official:
        """"Họ tên (tên đăng nhập)", a username or a full name, within the unit. A username
        from another unit (a file from elsewhere) falls back to the name beside it."""
        named = _NAMED.match(text)
        name, username = (named["name"], named["username"]) if named else (text, text)
        if (official := self.by_username.get(clean(username).casefold())) is not None:
            return official
        same_name = self.by_name.get(fold(name), [])
        if len(same_name) > 1:
            same_name = [o for o in same_name if can_receive_tasks(o)] or same_name
        if len(same_name) == 1:
            return same_name[0]
        if same_name:
            raise CellValueError(_l(
                "Đơn vị có %(count)d người tên “%(name)s”: ghi kèm tên đăng nhập (%(usernames)s).",
                count=len(same_name), name=name,
                usernames=", ".join(o.username for o in same_name)))
        raise CellValueError(_l("Đơn vị không có cán bộ “%(name)s”.", name=text))

    def _deadline(self, cells: dict[str, Any], document: Document | None, plan: _Plan,
                  problem: "_ProblemsOf") -> tuple[date | None, str | None]:
        """The Hạn cell is the due date; the wording is the plan's, and gives the date
        only when the Hạn cell is empty (as on the assignment form)."""
        due = problem.check(DUE, lambda c, col: date_of(c.get(col)), cells)
        wording = clean(text_of(cells.get(DUE_WORDING)))
        if not wording:
            return due, None
        plan.due_column = DUE if due else DUE_WORDING
        start = document.issued_on if document else self.today
        try:
            deadline = resolve_deadline(wording, start=start, workdays=self.calendar)
        except ValidationFailed as error:
            problem.add(DUE_WORDING, error.message)
            return due, None
        if due and deadline.due_date is None:
            problem.add(DUE_WORDING, _l(
                "“%(text)s” là nhiệm vụ không có hạn: để trống cột Hạn.", text=wording))
        return (due or deadline.due_date), deadline.wording

    def _progress(self, cells: dict[str, Any], plan: _Plan, problem: "_ProblemsOf") -> None:
        percent = problem.check(PROGRESS, lambda c, col: whole_number_of(c.get(col)), cells)
        plan.completed_on = problem.check(COMPLETED_ON, lambda c, col: date_of(c.get(col)), cells)
        plan.result = clean_multiline(text_of(cells.get(RESULT)))
        plan.cancel_reason = clean(text_of(cells.get(CANCEL_REASON)))
        done = plan.state is TaskState.DONE
        if done:
            if percent not in (None, 100):
                problem.add(PROGRESS, _l("Nhiệm vụ đã hoàn thành có tiến độ 100%."))
            if plan.completed_on is None and not problem.has(COMPLETED_ON):
                problem.add(COMPLETED_ON, _l("Nhiệm vụ đã hoàn thành cần ngày hoàn thành."))
            if not plan.result:
                problem.add(RESULT, _l("Nhiệm vụ đã hoàn thành cần kết quả."))
        else:
            if percent is not None and not 0 <= percent <= 99:
                problem.add(PROGRESS, _l(
                    "Tiến độ của nhiệm vụ chưa hoàn thành là số từ 0 đến 99."))
            plan.percent = percent or 0
            if plan.completed_on is not None:
                problem.add(COMPLETED_ON, _l("Chỉ ghi khi trạng thái là Đã hoàn thành."))
            if plan.result:
                problem.add(RESULT, _l("Chỉ ghi khi trạng thái là Đã hoàn thành."))
        if plan.state is TaskState.CANCELLED and not plan.cancel_reason:
            problem.add(CANCEL_REASON, _l("Nhiệm vụ đã hủy cần lý do hủy."))
        if plan.state is not TaskState.CANCELLED and plan.cancel_reason:
            problem.add(CANCEL_REASON, _l("Chỉ ghi khi trạng thái là Đã hủy / tạm dừng."))


class _ProblemsOf:
    """A row's problems, each on the column it was found in."""

    def __init__(self, plan: _Plan) -> None:
        self.plan = plan

    def check(self, column: str, reader: Callable[..., Any], cells: dict[str, Any], *args: Any,
              required: bool = False) -> Any:
        """`reader(cells, column, *args)`, its CellValueError turned into a problem; an
        empty required cell is a problem too."""
        if column not in cells and not required:
            return None
        try:
            value = reader(cells, column, *args)
        except CellValueError as error:
            self.add(column, error.message)
            return None
        if required and value in (None, ""):
            self.add(column, _l("Trường này là bắt buộc."))
        return value

    def add(self, column: str, message: Any) -> None:
        self.plan.problems.append(RowProblem(self.plan.row, column, message))

    def has(self, column: str) -> bool:
        return any(problem.column == column for problem in self.plan.problems)


def _choices(labels: dict[Any, str]) -> dict[str, Any]:
    """What a cell may hold for each member: its Vietnamese label or its code, folded."""
    choices = {fold(member.value): member for member in labels}
    choices.update({fold(label): member for member, label in labels.items()})
    return choices


def _officials(session: Session, unit: Unit) -> list[Official]:
    return list(session.scalars(select(Official).where(Official.unit_id == unit.id)
                                .order_by(Official.id)))
