"""Officials created in bulk from an Excel sheet: a template to fill in, then every row
checked before any is written, each account made by `create_official` (the form's rules)
with a generated temporary password the official changes at the first sign-in."""

import secrets
import string
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from tracker.core.actor import Actor
from tracker.core.errors import ValidationFailed
from tracker.core.roles import Role
from tracker.core.spreadsheets import (
    Column,
    RowProblem,
    SheetRejected,
    SheetRow,
    add_list,
    add_table,
    add_text,
    dropdown,
    find_header,
    new_workbook,
    read_rows,
    text_of,
    workbook_bytes,
)
from tracker.core.text import clean, fold, has_control_characters
from tracker.core.validation import CONTROL_CHARACTERS, REQUIRED
from tracker.org.models import Department, Official, Unit
from tracker.org.password_sheets import IssuedPassword
from tracker.org.policy import require_officials_manager
from tracker.org.services import create_official

# Headers are Vietnamese whatever the interface language, so a file imports anywhere.
OFFICIAL_SHEET, GUIDE_SHEET, LISTS_SHEET = "Cán bộ", "Hướng dẫn", "Danh mục"
FULL_NAME, USERNAME, POSITION, DEPARTMENT = "Họ và tên", "Tên đăng nhập", "Chức vụ", "Bộ phận"
ROLE, EMAIL, PHONE = "Vai trò", "E-mail", "Điện thoại"
COLUMNS = (Column(FULL_NAME, 28), Column(USERNAME, 18), Column(POSITION, 26),
           Column(DEPARTMENT, 32), Column(ROLE, 20), Column(EMAIL, 28), Column(PHONE, 16))
_REQUIRED_COLUMNS = (FULL_NAME, USERNAME, ROLE)
# The service's field names → the columns they come from, for its messages.
_FIELD_COLUMNS = {"full_name": FULL_NAME, "username": USERNAME, "position": POSITION,
                  "department": DEPARTMENT, "role": ROLE, "email": EMAIL, "phone": PHONE}
MAX_IMPORT_ROWS = 500
_TEMPLATE_ROWS = 300
# Letters and digits one cannot misread when typing them from paper (no 0/O, 1/l/I).
_PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits
                             if c not in "0O1lI")
_PASSWORD_LENGTH = 12


@dataclass(frozen=True)
class ImportedOfficial:
    official: Official
    password: str  # temporary: the official must change it at the first sign-in

    @property
    def issued(self) -> IssuedPassword:
        return IssuedPassword(self.official.full_name, self.official.username, self.password)


@dataclass
class _Plan:
    """One row read: what `create_official` is called with, or what is wrong with it."""

    row: int
    fields: dict[str, Any]
    problems: list[RowProblem] = field(default_factory=list)

    def add(self, column: str, message: Any) -> None:
        self.problems.append(RowProblem(self.row, column, message))


def role_labels() -> dict[Role, str]:
    with force_locale("vi"):
        return {role: role.label for role in Role}


def official_template(actor: Actor, unit: Unit) -> bytes:
    """An empty sheet with the columns, dropdowns of the roles and the unit's open
    departments, and a sheet explaining both.

    :raise PermissionDenied: unless the actor manages the unit's officials.
    """
    require_officials_manager(actor, unit)
    departments = unit.active_departments
    workbook = new_workbook()
    sheet = add_table(workbook, OFFICIAL_SHEET, COLUMNS, [])
    add_text(workbook, GUIDE_SHEET, _guide(departments))
    lists = {ROLE: list(role_labels().values()), DEPARTMENT: [d.name for d in departments]}
    ranges = add_list(workbook, LISTS_SHEET, [Column(header, 40) for header in lists],
                      list(lists.values()))
    headers = [column.header for column in COLUMNS]
    for header, source in ranges.items():
        dropdown(sheet, headers.index(header) + 1, source, rows=_TEMPLATE_ROWS, strict=True)
    return workbook_bytes(workbook)


def _guide(departments: list[Department]) -> list[Any]:
    roles = role_labels()
    lines: list[Any] = [
        ("Nhập cán bộ, công chức từ tệp Excel",),
        "Mỗi dòng của trang “Cán bộ” là một người; giữ nguyên dòng tiêu đề. Bắt buộc: Họ và "
        "tên, Tên đăng nhập (3–60 chữ cái không dấu, chữ số hoặc . _ -), Vai trò.",
        "Mọi dòng được kiểm tra trước: nếu có lỗi, không ai được tạo và trang tải lên liệt kê "
        "từng lỗi theo dòng và cột. Tên đăng nhập và e-mail không được trùng.",
        "Mật khẩu tạm được tạo tự động và chỉ người nhập tải về một lần; mỗi người phải đổi "
        "mật khẩu khi đăng nhập lần đầu.",
        ("Vai trò (ghi tên hoặc mã)",),
        f"{roles[Role.ADMIN]} ({Role.ADMIN.value}): quản lý cán bộ, bộ phận, cài đặt của đơn vị.",
        f"{roles[Role.CHAIRMAN]} ({Role.CHAIRMAN.value}), {roles[Role.VICE_CHAIRMAN]} "
        f"({Role.VICE_CHAIRMAN.value}): đăng ký văn bản; giao, sửa, hủy nhiệm vụ.",
        f"{roles[Role.OFFICER]} ({Role.OFFICER.value}): cập nhật tiến độ, hoàn thành nhiệm vụ "
        "mình chủ trì; ghi chú nhiệm vụ mình phối hợp.",
        f"{roles[Role.VIEWER]} ({Role.VIEWER.value}): chỉ xem đơn vị và các đơn vị cấp dưới.",
        ("Bộ phận của đơn vị (ghi tên hoặc mã; để trống nếu không thuộc bộ phận nào)",),
    ]
    return lines + [f"{d.name} ({d.code})" if d.code else d.name for d in departments]


def import_officials(session: Session, actor: Actor, unit: Unit,
                     stream: BinaryIO) -> list[ImportedOfficial]:
    """Create the officials of an uploaded workbook's sheet "Cán bộ"; flushes only.

    :raise PermissionDenied: unless the actor manages the unit's officials.
    :raise ValidationFailed: a file that is no .xlsx workbook, or too large.
    :raise SheetRejected: any problem in any row (each by row and column); nothing written.
    """
    require_officials_manager(actor, unit)
    rows = read_rows(stream, field="file", sheet_name=OFFICIAL_SHEET,
                     max_rows=MAX_IMPORT_ROWS + 10)
    header_row, positions = find_header(
        rows, headers=[column.header for column in COLUMNS], marker=FULL_NAME,
        required=_REQUIRED_COLUMNS)
    reader = _RowReader(unit, positions)
    plans = [plan for row in rows if row.number > header_row
             if (plan := reader.read(row)) is not None]
    if not plans:
        raise SheetRejected(_l("Bảng tính không có cán bộ nào."), [])
    if len(plans) > MAX_IMPORT_ROWS:
        raise ValidationFailed.on("file", _l(
            "Bảng tính có hơn %(count)d người; hãy chia thành nhiều tệp.", count=MAX_IMPORT_ROWS))
    _check_repeats(plans)
    problems = [problem for plan in plans for problem in plan.problems]
    imported: list[ImportedOfficial] = []
    with session.begin_nested():
        for plan in plans:
            imported += _create(session, actor, unit, plan, problems)
        if problems:
            order = [column.header for column in COLUMNS]
            problems.sort(key=lambda p: (p.row, order.index(p.column) if p.column in order
                                         else -1))
            raise SheetRejected(_l(
                "Bảng tính có %(count)d lỗi; chưa tạo tài khoản nào. Sửa các ô được nêu rồi tải "
                "lên lại.", count=len(problems)), problems)
    return imported


def generated_password() -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(_PASSWORD_LENGTH))


def _create(session: Session, actor: Actor, unit: Unit, plan: _Plan,
            problems: list[RowProblem]) -> list[ImportedOfficial]:
    """One row's account in its own savepoint; what the service refuses becomes the
    row's problems, on the columns its fields come from. A row already found wrong is
    still put to the service (then undone), so that the page lists all its problems."""
    password = generated_password()
    flagged = {problem.column for problem in plan.problems}
    # A stand-in for a role already reported as unknown, so the other rules are checked.
    fields = plan.fields | {"role": plan.fields["role"] or Role.OFFICER}
    try:
        with session.begin_nested():
            official = create_official(session, actor, unit, **fields, password=password,
                                       must_change_password=True)
            if flagged:
                raise _OnlyChecked
    except _OnlyChecked:
        return []
    except ValidationFailed as error:
        for name, messages in error.errors.items() or [("", [error.message])]:
            column = _FIELD_COLUMNS.get(name, "")
            if column not in flagged:
                problems += [RowProblem(plan.row, column, message) for message in messages]
        return []
    return [ImportedOfficial(official, password)]


class _OnlyChecked(Exception):
    """Undoes the savepoint of a row that is checked but not to be created."""


class _RowReader:
    """Reads rows against the unit's departments and the roles, looked up once."""

    def __init__(self, unit: Unit, positions: dict[str, int]) -> None:
        self.positions = positions
        self.roles = {fold(role.value): role for role in Role}
        self.roles.update({fold(label): role for role, label in role_labels().items()})
        self.departments = {fold(d.name): d for d in unit.departments}
        self.departments.update({fold(d.code): d for d in unit.departments if d.code})

    def read(self, row: SheetRow) -> _Plan | None:
        """The row's plan, its problems in it; None for a row with nothing in it."""
        cells = {header: clean(text_of(row.values[index] if index < len(row.values) else None))
                 for header, index in self.positions.items()}
        if not any(cells.values()):
            return None
        plan = _Plan(row.number, {})
        for column, text in cells.items():
            if has_control_characters(text):
                plan.add(column, CONTROL_CHARACTERS)
        for column in _REQUIRED_COLUMNS:
            if not cells.get(column):
                plan.add(column, REQUIRED)
        role = self.roles.get(fold(cells.get(ROLE)))
        if cells.get(ROLE) and role is None:
            plan.add(ROLE, _l("“%(text)s” không phải vai trò (xem trang “Hướng dẫn”).",
                              text=cells[ROLE]))
        department = self.departments.get(fold(cells.get(DEPARTMENT)))
        if cells.get(DEPARTMENT) and department is None:
            plan.add(DEPARTMENT, _l("Đơn vị không có bộ phận “%(text)s”.", text=cells[DEPARTMENT]))
        plan.fields = {
            "full_name": cells.get(FULL_NAME, ""), "username": cells.get(USERNAME, ""),
            "position": cells.get(POSITION, ""), "department": department, "role": role,
            "email": cells.get(EMAIL) or None, "phone": cells.get(PHONE) or None,
        }
        return plan


def _check_repeats(plans: list[_Plan]) -> None:
    """A username or e-mail written twice in the file: the later row says which one."""
    for name, column in (("username", USERNAME), ("email", EMAIL)):
        seen: dict[str, int] = {}
        for plan in plans:
            value = (plan.fields[name] or "").casefold()
            if not value:
                continue
            if value in seen:
                plan.add(column, _l("Trùng với dòng %(row)d.", row=seen[value]))
            seen.setdefault(value, plan.row)
