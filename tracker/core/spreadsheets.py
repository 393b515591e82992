"""Excel workbooks (.xlsx): writing a table sheet people can read and safely open, and
reading one back from an upload that is checked by its bytes first.

Text is always written as a text cell. A value that a spreadsheet would run as a formula
("=HYPERLINK(…)", "+…", "-…", "@…") is also marked "quote prefix", as typing an apostrophe
before it would: Excel and LibreOffice show and keep it as text even when the cell is
edited, and the value itself stays exactly as it was, so an exported file imports back.
"""

import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO

from flask_babel import lazy_gettext as _l
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from tracker.core.errors import ValidationFailed
from tracker.core.files import size_of, unzips_within_limit
from tracker.core.text import fold

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
MAX_SHEET_BYTES = 5 * 1024 * 1024
_MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any password-protected .xlsx


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 16


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one cell (or, with no column, one row) of an uploaded sheet."""

    row: int  # as the spreadsheet numbers it: the header is usually row 1
    column: str  # the column's header, "" for the row as a whole
    message: Any


class SheetRejected(ValidationFailed):
    """An uploaded sheet with problems; none of its rows was taken."""

    def __init__(self, message: Any, problems: list[RowProblem]) -> None:
        super().__init__(message, errors={"file": [message]})
        self.problems = problems


# --- writing -----------------------------------------------------------------------------


def new_workbook() -> Workbook:
    """A workbook that streams its rows to disk as they are added (large exports too)."""
    return Workbook(write_only=True)


def add_table(workbook: Workbook, title: str, columns: Sequence[Column],
              rows: Iterable[Sequence[Any]]) -> WriteOnlyWorksheet:
    """A sheet with a bold, frozen, filterable header row and one row per item; dates
    become date cells shown dd/mm/yyyy, text stays text (see the module's note)."""
    sheet = workbook.create_sheet(title)
    # Widths and the frozen pane must be set before the first row is written.
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, column.header) for column in columns])
    written = 0
    for row in rows:
        sheet.append([cell(sheet, value) for value in row])
        written += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{written + 1}"
    return sheet


def add_text(workbook: Workbook, title: str, lines: Iterable[Any], *, width: float = 110) -> None:
    """A sheet of wrapped lines of text (instructions); a line in a tuple is a heading."""
    sheet = workbook.create_sheet(title)
    sheet.column_dimensions["A"].width = width
    for line in lines:
        heading = isinstance(line, tuple)
        value = cell(sheet, str(line[0] if heading else line))
        value.alignment = Alignment(wrap_text=True, vertical="top")
        if heading:
            value.font = Font(bold=True)
        sheet.append([value])


def add_list(workbook: Workbook, title: str, columns: Sequence[Column],
             values: Sequence[Sequence[str]]) -> dict[str, str]:
    """A sheet of lists side by side (the choices of a template's dropdowns); returns each
    column header's cell range, for `dropdown`."""
    sheet = workbook.create_sheet(title)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.append([_header_cell(sheet, column.header) for column in columns])
    longest = max((len(items) for items in values), default=0)
    for position in range(longest):
        sheet.append([cell(sheet, items[position] if position < len(items) else None)
                      for items in values])
    return {
        column.header: f"{quote_sheetname(title)}!${get_column_letter(index)}$2:"
                       f"${get_column_letter(index)}${max(len(items), 1) + 1}"
        for index, (column, items) in enumerate(zip(columns, values, strict=True), start=1)
    }


def dropdown(sheet: WriteOnlyWorksheet, column_index: int, source: str, *, rows: int,
             strict: bool) -> None:
    """Offer the values of `source` (a range from `add_list`) in a column's first `rows`
    rows below the header; `strict` refuses anything else as it is typed."""
    letter = get_column_letter(column_index)
    validation = DataValidation(type="list", formula1=source, allow_blank=True,
                                showErrorMessage=strict)
    validation.add(f"{letter}2:{letter}{rows + 1}")
    sheet.data_validations.append(validation)


def cell(sheet: WriteOnlyWorksheet, value: Any) -> WriteOnlyCell:
    """One cell: a date cell for a date, a text cell (never a formula) for text."""
    if isinstance(value, str):
        return _text_cell(sheet, value)
    written = WriteOnlyCell(sheet, value)
    if isinstance(value, date):
        written.number_format = DATE_FORMAT
    return written


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def is_formula_like(text: str) -> bool:
    return text.startswith(_FORMULA_START)


def _text_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    text = ILLEGAL_CHARACTERS_RE.sub("", text)[:_MAX_CELL_CHARS]
    written = WriteOnlyCell(sheet, text)
    # openpyxl makes "=…" a formula and "#N/A" an error value: text stays text.
    written.data_type = "s"
    if is_formula_like(text):
        written.quotePrefix = True
    return written


def _header_cell(sheet: WriteOnlyWorksheet, header: str) -> WriteOnlyCell:
    written = _text_cell(sheet, header)
    written.font = Font(bold=True)
    written.fill = _HEADER_FILL
    written.alignment = Alignment(wrap_text=True, vertical="center")
    return written


# --- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the spreadsheet numbers it
    values: tuple[Any, ...]


def read_rows(stream: BinaryIO, *, field: str, sheet_name: str | None,
              max_rows: int) -> list[SheetRow]:
    """The non-empty rows of an uploaded workbook's sheet `sheet_name` (or of its first
    sheet), with values as the cells hold them (text, numbers, datetimes; a formula's
    last computed value, never the formula).

    :raise ValidationFailed: on `field`: an empty or over-large file, one that is not an
        Excel .xlsx workbook (whatever its name), or a sheet of more than `max_rows` rows.
    """
    data = _checked_bytes(stream, field)
    try:
        with warnings.catch_warnings():
            # Features openpyxl does not read (slicers, extensions …) only warn.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = (workbook[sheet_name] if sheet_name in workbook.sheetnames
                         else workbook.worksheets[0])
                return _non_empty_rows(sheet.iter_rows(values_only=True), field, max_rows)
            finally:
                workbook.close()
    except ValidationFailed:
        raise
    except Exception:  # whatever breaks in a malformed file, the file is refused
        raise ValidationFailed.on(field, _NOT_XLSX) from None


_NOT_XLSX = _l("Tệp không phải bảng tính Excel (.xlsx) đọc được. Hãy mở bằng Excel hoặc "
               "LibreOffice rồi lưu lại dạng “Excel Workbook (.xlsx)”.")


def _checked_bytes(stream: BinaryIO, field: str) -> bytes:
    size = size_of(stream)
    if size == 0:
        raise ValidationFailed.on(field, _l("Tệp rỗng."))
    if size > MAX_SHEET_BYTES:
        raise ValidationFailed.on(field, _l("Tệp lớn hơn 5 MB."))
    data = stream.read()
    if data.startswith(_OLE_MAGIC):
        raise ValidationFailed.on(field, _l(
            "Tệp Excel 97-2003 (.xls) hoặc tệp có đặt mật khẩu không đọc được. Hãy bỏ mật khẩu "
            "và lưu lại dạng “Excel Workbook (.xlsx)”."))
    if not (data.startswith(b"PK\x03\x04") and _is_workbook(data)):
        raise ValidationFailed.on(field, _NOT_XLSX)
    return data


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile:
        return False
    names = {part.filename for part in parts}
    return ("[Content_Types].xml" in names and "xl/workbook.xml" in names
            and unzips_within_limit(io.BytesIO(data)))


def _non_empty_rows(rows: Iterable[tuple[Any, ...]], field: str,
                    max_rows: int) -> list[SheetRow]:
    found: list[SheetRow] = []
    for number, values in enumerate(rows, start=1):
        if all(_blank(value) for value in values):
            continue  # formatted but empty rows: spreadsheets keep plenty
        if len(found) == max_rows:
            raise ValidationFailed.on(field, _l(
                "Bảng tính có hơn %(count)d dòng; hãy chia thành nhiều tệp.", count=max_rows))
        found.append(SheetRow(number, tuple(values)))
    return found


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- cell values -------------------------------------------------------------------------


class CellValueError(ValueError):
    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


_DAY_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def date_of(value: Any) -> date | None:
    """A date cell, or text written dd/mm/yyyy (or yyyy-mm-dd); None for an empty cell.

    :raise CellValueError: anything else (a bare number included: 45016 is no date).
    """
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = _DAY_TEXT.match(text)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if parts is None and (iso := _ISO_DAY.match(text)):
        parts = iso.groups()
    try:
        if parts is None:
            raise ValueError(text)
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise CellValueError(_l("Ngày không hợp lệ: ghi dd/mm/yyyy, ví dụ 30/06/2023.")) from None


def whole_number_of(value: Any) -> int | None:
    """A whole number from a number cell or text ("50", "50%"); None for an empty cell.

    :raise CellValueError: anything else.
    """
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise CellValueError(_l("Cần một số nguyên."))
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    text = str(value).strip().removesuffix("%").strip()
    if text.isdigit():
        return int(text)
    raise CellValueError(_l("Cần một số nguyên."))


def text_of(value: Any) -> str:
    """A cell's value as text, as it would read in the sheet ("" for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def find_header(rows: list[SheetRow], *, headers: Iterable[str], marker: str,
                required: Iterable[str]) -> tuple[int, dict[str, int]]:
    """The header row, the first of the first ten rows (a title may stand above it) that
    has the `marker` column, and where each of `headers` stands in it; headers are matched
    folded, with any " *:" the template marks them with left off.

    :raise SheetRejected: no header row, or one without a required column.
    """
    known = {fold(header): header for header in headers}
    for row in rows[:10]:
        found = {fold(text_of(value)).rstrip(" *:"): index
                 for index, value in enumerate(row.values)}
        if fold(marker) in found:
            positions = {known[key]: index for key, index in found.items() if key in known}
            missing = [header for header in required if header not in positions]
            if missing:
                raise SheetRejected(_l("Bảng tính thiếu cột bắt buộc."), [
                    RowProblem(row.number, header, _l("Thiếu cột này.")) for header in missing])
            return row.number, positions
    raise SheetRejected(_l("Không tìm thấy dòng tiêu đề."), [RowProblem(
        1, marker, _l("Không tìm thấy dòng tiêu đề có cột “%(column)s”; hãy dùng tệp mẫu.",
                      column=marker))])
