import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from tracker.core.errors import ValidationFailed
from tracker.core.spreadsheets import (
    DATE_FORMAT,
    CellValueError,
    Column,
    add_table,
    date_of,
    new_workbook,
    read_rows,
    whole_number_of,
    workbook_bytes,
)

DANGEROUS = ["=HYPERLINK(\"http://x\",\"bấm\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
             "#N/A"]


COLUMNS = (Column("Nhiệm vụ"), Column("Hạn"))


def _written(rows) -> bytes:
    workbook = new_workbook()
    add_table(workbook, "Nhiệm vụ", COLUMNS, rows)
    return workbook_bytes(workbook)


def _xlsx(rows: list[list]) -> io.BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize("read_only", [True, False])
def test_text_a_spreadsheet_would_run_is_kept_as_text(read_only):
    data = _written([[value, None] for value in DANGEROUS])
    sheet = load_workbook(io.BytesIO(data), read_only=read_only)["Nhiệm vụ"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == DANGEROUS
    assert {cell.data_type for cell in cells} == {"s"}
    if not read_only:
        assert [cell.quotePrefix for cell in cells] == [True] * 6 + [False]
    # No formula anywhere in the sheet's XML.
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml


def test_dates_are_date_cells_shown_day_month_year_under_a_bold_frozen_header():
    data = _written([["Niêm yết", date(2023, 6, 30)], ["Rà soát", None]])
    sheet = load_workbook(io.BytesIO(data))["Nhiệm vụ"]
    assert sheet["B2"].value == datetime(2023, 6, 30)
    assert sheet["B2"].is_date and sheet["B2"].number_format == DATE_FORMAT
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B3"
    assert sheet.column_dimensions["A"].width == Column("x").width


def test_control_characters_openpyxl_refuses_are_dropped():
    data = _written([["Kế\x01 hoạch", None]])
    assert load_workbook(io.BytesIO(data))["Nhiệm vụ"]["A2"].value == "Kế hoạch"


def test_reading_gives_the_non_empty_rows_with_their_numbers():
    rows = read_rows(_xlsx([["Nhiệm vụ", "Hạn"], [None, None], ["Rà soát", date(2023, 6, 30)]]),
                     field="file", sheet_name=None, max_rows=10)
    assert [(row.number, row.values) for row in rows] == [
        (1, ("Nhiệm vụ", "Hạn")), (3, ("Rà soát", datetime(2023, 6, 30)))]


def test_a_formula_is_read_as_the_value_it_last_computed_never_as_the_formula():
    written = _xlsx([["=1+1", "Rà soát"]]).getvalue()
    buffer = io.BytesIO()
    # As Excel saves it: the formula with the value it computed.
    with zipfile.ZipFile(io.BytesIO(written)) as source, zipfile.ZipFile(buffer, "w") as copy:
        for part in source.infolist():
            content = source.read(part.filename)
            if part.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")
                assert b"<v>2</v>" in content
            copy.writestr(part, content)
    buffer.seek(0)
    rows = read_rows(buffer, field="file", sheet_name=None, max_rows=10)
    assert rows[0].values == (2, "Rà soát")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "Tệp rỗng."),
    (b"Nhiem vu;Han\nRa soat;30/06/2023\n", "không phải bảng tính Excel (.xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Excel 97-2003 (.xls)"),
    (b"PK\x03\x04 not really a zip", "không phải bảng tính Excel (.xlsx)"),
])
def test_bytes_that_are_no_workbook_are_refused_with_a_message(content, message):
    with pytest.raises(ValidationFailed) as refused:
        read_rows(io.BytesIO(content), field="file", sheet_name=None, max_rows=10)
    assert message in str(refused.value.errors["file"][0])


def test_a_word_document_renamed_xlsx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    buffer.seek(0)
    with pytest.raises(ValidationFailed, match="không phải bảng tính Excel"):
        read_rows(buffer, field="file", sheet_name=None, max_rows=10)


def test_a_broken_workbook_is_refused_not_an_error():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<not a workbook")
    buffer.seek(0)
    with pytest.raises(ValidationFailed, match="không phải bảng tính Excel"):
        read_rows(buffer, field="file", sheet_name=None, max_rows=10)


def test_too_many_rows_are_refused():
    with pytest.raises(ValidationFailed, match="hơn 2 dòng"):
        read_rows(_xlsx([["a"], ["b"], ["c"]]), field="file", sheet_name=None, max_rows=2)


@pytest.mark.parametrize(("value", "expected"), [
    (datetime(2023, 6, 30, 0, 0), date(2023, 6, 30)), ("30/06/2023", date(2023, 6, 30)),
    ("1/7/2023", date(2023, 7, 1)), ("2023-06-30", date(2023, 6, 30)), (None, None), (" ", None),
])
def test_dates_are_date_cells_or_day_month_year_text(value, expected):
    assert date_of(value) == expected


@pytest.mark.parametrize("value", ["31/02/2023", "30.06", 45107, "ngày mai"])
def test_anything_else_is_no_date(value):
    with pytest.raises(CellValueError):
        date_of(value)


@pytest.mark.parametrize(("value", "expected"), [(50, 50), (50.0, 50), ("50", 50), ("50%", 50),
                                                 (None, None)])
def test_whole_numbers(value, expected):
    assert whole_number_of(value) == expected


@pytest.mark.parametrize("value", [50.5, "năm mươi", True])
def test_not_whole_numbers(value):
    with pytest.raises(CellValueError):
        whole_number_of(value)
