import io
from datetime import timedelta

import pytest
import time_machine
from openpyxl import Workbook, load_workbook
from werkzeug.security import check_password_hash

from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tests.helpers import count_rows
from tracker.core.actor import SYSTEM
from tracker.core.errors import NotFound, PermissionDenied, ValidationFailed
from tracker.core.roles import Role
from tracker.core.spreadsheets import SheetRejected
from tracker.extensions import db
from tracker.org.imports import (
    COLUMNS,
    OFFICIAL_SHEET,
    import_officials,
    official_template,
)
from tracker.org.models import Official
from tracker.org.password_sheets import (
    IssuedPassword,
    PasswordSheet,
    claim_password_sheet,
    keep_password_sheet,
)

HEADERS = [column.header for column in COLUMNS]


def sheet(*rows, headers=HEADERS, title=OFFICIAL_SHEET) -> io.BytesIO:
    workbook = Workbook()
    page = workbook.active
    page.title = title
    page.append(headers)
    for row in rows:
        page.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.fixture
def unit(db_session):
    unit = UnitFactory(name="UBND xã Mới")
    DepartmentFactory(unit=unit, name="Văn phòng HĐND và UBND", code="VP")
    DepartmentFactory(unit=unit, name="Phòng Kinh tế", code="KT")
    return unit


@pytest.fixture
def admin(unit):
    return OfficialFactory(unit=unit, role=Role.ADMIN)


def _problems(error: SheetRejected) -> list[tuple[int, str]]:
    return [(problem.row, problem.column) for problem in error.problems]


def test_every_row_becomes_an_official_with_a_temporary_password(unit, admin):
    imported = import_officials(db.session, admin, unit, sheet(
        ["Nguyễn Văn An", "an.nv", "Chủ tịch UBND", "văn phòng hđnd và ubnd", "Chủ tịch",
         "an@example.vn", "0912 345 678"],
        ["Lê Thị Bình", "BinhLT", "Công chức", "KT", "officer", None, None],
    ))
    assert [item.official.username for item in imported] == ["an.nv", "binhlt"]
    first, second = (item.official for item in imported)
    assert first.role is Role.CHAIRMAN and first.department.name == "Văn phòng HĐND và UBND"
    assert second.role is Role.OFFICER and second.department.code == "KT"
    assert first.must_change_password and second.must_change_password
    assert check_password_hash(first.password_hash, imported[0].password)
    assert len(imported[0].password) >= 12


def test_bad_rows_are_listed_by_row_and_column_and_nothing_is_written(unit, admin):
    OfficialFactory(unit=unit, username="daco")
    before = count_rows(Official)
    with pytest.raises(SheetRejected) as rejected:
        import_officials(db.session, admin, unit, sheet(
            ["Nguyễn Văn An", "an.nv", "", "", "Chủ tịch", "", ""],
            ["", "daco", "", "Phòng Không Có", "sếp", "khong-phai-email", ""],
            ["Trần Văn Cường", "an.nv", "", "", "officer", "", ""],
        ))
    assert _problems(rejected.value) == [
        (3, "Họ và tên"), (3, "Tên đăng nhập"), (3, "Bộ phận"), (3, "Vai trò"), (3, "E-mail"),
        (4, "Tên đăng nhập"),
    ]
    assert "Trùng với dòng 2." in [str(p.message) for p in rejected.value.problems]
    assert count_rows(Official) == before


def test_an_email_twice_in_the_file_is_refused(unit, admin):
    with pytest.raises(SheetRejected) as rejected:
        import_officials(db.session, admin, unit, sheet(
            ["A Một", "mot", "", "", "officer", "chung@example.vn", ""],
            ["B Hai", "hai", "", "", "officer", "CHUNG@example.vn", ""],
        ))
    assert _problems(rejected.value) == [(3, "E-mail")]


def test_a_file_without_the_required_columns_is_refused(unit, admin):
    with pytest.raises(SheetRejected) as rejected:
        import_officials(db.session, admin, unit, sheet(
            ["Nguyễn Văn An"], headers=["Họ và tên"]))
    assert _problems(rejected.value) == [(1, "Tên đăng nhập"), (1, "Vai trò")]


def test_an_empty_sheet_is_refused(unit, admin):
    with pytest.raises(SheetRejected):
        import_officials(db.session, admin, unit, sheet())


def test_a_renamed_csv_is_refused_with_a_message(unit, admin):
    with pytest.raises(ValidationFailed) as refused:
        import_officials(db.session, admin, unit, io.BytesIO(b"Ho va ten,Ten dang nhap\nA,a\n"))
    assert "không phải bảng tính Excel" in str(refused.value.errors["file"][0])


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.OFFICER, Role.VIEWER])
def test_only_the_units_admin_imports(unit, role):
    with pytest.raises(PermissionDenied):
        import_officials(db.session, OfficialFactory(unit=unit, role=role), unit,
                         sheet(["A Một", "mot", "", "", "officer", "", ""]))


def test_another_units_admin_may_not_import(unit):
    with pytest.raises(PermissionDenied):
        import_officials(db.session, OfficialFactory(role=Role.ADMIN), unit,
                         sheet(["A Một", "mot", "", "", "officer", "", ""]))


def test_the_template_has_the_columns_roles_and_departments(unit, admin):
    workbook = load_workbook(io.BytesIO(official_template(admin, unit)))
    assert workbook.sheetnames[:2] == [OFFICIAL_SHEET, "Hướng dẫn"]
    assert [c.value for c in workbook[OFFICIAL_SHEET][1]] == HEADERS
    guide = "\n".join(str(row[0].value) for row in workbook["Hướng dẫn"].iter_rows())
    assert "Quản trị (admin)" in guide and "Phòng Kinh tế (KT)" in guide


def test_the_template_imports_once_filled(unit, admin):
    workbook = load_workbook(io.BytesIO(official_template(admin, unit)))
    workbook[OFFICIAL_SHEET].append(["Phạm Văn Dũng", "dungpv", "", "Phòng Kinh tế",
                                     "Công chức", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    assert len(import_officials(db.session, SYSTEM, unit, buffer)) == 1


def test_a_password_sheet_is_given_once_and_only_to_its_owner(unit, admin):
    kept = keep_password_sheet(db.session, admin, unit,
                               [IssuedPassword("Nguyễn Văn An", "an.nv", "Abc234567xyz")])
    with pytest.raises(NotFound):
        claim_password_sheet(db.session, OfficialFactory(unit=unit, role=Role.ADMIN), kept.id)
    assert claim_password_sheet(db.session, admin, kept.id) == [
        IssuedPassword("Nguyễn Văn An", "an.nv", "Abc234567xyz")]
    with pytest.raises(NotFound):
        claim_password_sheet(db.session, admin, kept.id)
    assert count_rows(PasswordSheet) == 0


def test_a_password_sheet_is_gone_after_24_hours(unit, admin):
    with time_machine.travel("2026-12-03 09:00 +07:00", tick=False) as traveller:
        kept = keep_password_sheet(db.session, admin, unit, [IssuedPassword("A", "a", "b")])
        traveller.shift(timedelta(hours=24, seconds=1))
        with pytest.raises(NotFound):
            claim_password_sheet(db.session, admin, kept.id)
    assert count_rows(PasswordSheet) == 0
