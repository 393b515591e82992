"""Reading the rows of an uploaded task sheet: every cell checked, every problem named by
row and column, nothing written."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.errors import ValidationFailed
from tracker.core.spreadsheets import (
    CellValueError,
    RowProblem,
    SheetRow,
    date_of,
    find_header,
    text_of,
    whole_number_of,
)
from tracker.core.text import clean, clean_multiline, fold, has_control_characters
from tracker.core.validation import CONTROL_CHARACTERS, REQUIRED
from tracker.documents.models import Document
from tracker.documents.spreadsheets import RegistryLookup
from tracker.org.models import Official, Unit
from tracker.tasks.deadlines import deadline_for
from tracker.tasks.models import Task, TaskState
from tracker.tasks.policy import can_receive_tasks
from tracker.tasks.spreadsheets.columns import (
    AREA,
    CANCEL_REASON,
    COMPLETED_ON,
    COORDINATORS,
    DESCRIPTION,
    DOCUMENT,
    DUE,
    DUE_WORDING,
    FOLLOWERS,
    ISSUER,
    LEAD,
    LIST_SEPARATOR,
    MAX_DESCRIPTION,
    MAX_TITLE,
    NAME_WITH_LOGIN,
    PROGRESS,
    READ_HEADERS,
    RECURRENCE,
    REQUIRED_COLUMNS,
    RESULT,
    STATE,
    TEMPLATE_COLUMNS,
    TITLE,
    SheetLabels,
    cell_choices,
    unit_officials,
)


@dataclass
class RowPlan:
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


def column_order(header: str) -> int:
    headers = [column.header for column in TEMPLATE_COLUMNS]
    return headers.index(header) if header in headers else -1


def task_header(rows: list[SheetRow]) -> tuple[int, dict[str, int]]:
    """The task sheet's header row and where each column we read stands."""
    return find_header(rows, headers=READ_HEADERS, marker=TITLE,
                             required=REQUIRED_COLUMNS)


class RowReader:
    """Reads rows into plans against the unit's officials and document registry, loaded
    once for the whole sheet."""

    def __init__(self, session: Session, unit: Unit, labels: SheetLabels,
                 header: tuple[int, dict[str, int]]) -> None:
        self.session, self.unit = session, unit
        self.header_row, self.positions = header
        self.registry = RegistryLookup(session, unit, labels.types)
        officials = unit_officials(session, unit)
        self.by_username = {o.username.casefold(): o for o in officials}
        self.by_name: dict[str, list[Official]] = {}
        for official in officials:
            self.by_name.setdefault(official.name_key, []).append(official)
        self.areas = cell_choices(labels.areas)
        self.states = cell_choices(labels.states)
        self.recurrences = cell_choices(labels.recurrences)

    def read(self, row: SheetRow) -> RowPlan | None:
        """The row's plan, its problems in it; None for a row with nothing to read."""
        cells = {header: row.values[index] if index < len(row.values) else None
                 for header, index in self.positions.items()}
        if all(not text_of(value).strip() for value in cells.values()):
            return None
        plan = RowPlan(row.number, {})
        problem = _ProblemsOf(plan)
        for column, value in cells.items():
            if has_control_characters(text_of(value)):
                problem.add(column, CONTROL_CHARACTERS)
        title = problem.check(TITLE, self._text, cells, MAX_TITLE, required=True)
        description = problem.check(DESCRIPTION, self._multiline, cells, MAX_DESCRIPTION)
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

    def check_repeats(self, plans: list[RowPlan]) -> None:
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
        names = [clean(name) for name in LIST_SEPARATOR.split(text_of(cells.get(column)))]
        return [self._find_official(name) for name in names if name]

    def _find_official(self, text: str) -> Official:
        """"Họ tên (tên đăng nhập)", a username or a full name, within the unit. A username
        from another unit (a file from elsewhere) falls back to the name beside it."""
        named = NAME_WITH_LOGIN.match(text)
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

    def _deadline(self, cells: dict[str, Any], document: Document | None, plan: RowPlan,
                  problem: "_ProblemsOf") -> tuple[date | None, str | None]:
        """The Hạn cell is the due date; the wording is the plan's, and gives the date
        only when the Hạn cell is empty (as on the assignment form)."""
        due = problem.check(DUE, lambda c, col: date_of(c.get(col)), cells)
        wording = clean(text_of(cells.get(DUE_WORDING)))
        if not wording:
            return due, None
        plan.due_column = DUE if due else DUE_WORDING
        try:
            deadline = deadline_for(self.unit, document, wording)
        except ValidationFailed as error:
            problem.add(DUE_WORDING, error.message)
            return due, None
        if due and deadline.due_date is None:
            problem.add(DUE_WORDING, _l(
                "“%(text)s” là nhiệm vụ không có hạn: để trống cột Hạn.", text=wording))
        return (due or deadline.due_date), deadline.wording

    def _progress(self, cells: dict[str, Any], plan: RowPlan, problem: "_ProblemsOf") -> None:
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

    def __init__(self, plan: RowPlan) -> None:
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
            self.add(column, REQUIRED)
        return value

    def add(self, column: str, message: Any) -> None:
        self.plan.problems.append(RowProblem(self.plan.row, column, message))

    def has(self, column: str) -> bool:
        return any(problem.column == column for problem in self.plan.problems)
