import codecs
import io
from datetime import date

import docx
import pytest

from tests.factories import DocumentFactory, OfficialFactory, UnitFactory
from tests.helpers import audit_actions, count_rows, queries_during
from tracker.audit.models import AuditEntry
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.roles import Role
from tracker.documents.imports import (
    MAX_FILE_BYTES,
    find_references,
    read_text,
    register_references,
)
from tracker.documents.models import Document
from tracker.documents.types import DocumentType
from tracker.extensions import db
from tracker.org.models import UnitLevel

pytestmark = pytest.mark.usefixtures("on_20_march_2023")

TEXT = ("Thực hiện Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh về chuyển đổi số; UBND "
        "xã đã ban hành Kế hoạch số 14/KH-UBND ngày 01/02/2023 về thi hành pháp luật và Kế "
        "hoạch số 13/KH-UBND ngày 01/02/2023 về kiểm tra văn bản. Theo Quyết định 2552/QĐ-UBND "
        "và Nghị định số 59/2012/NĐ-CP.")


@pytest.fixture
def province(db_session):
    return UnitFactory(name="UBND tỉnh Quảng Ngãi", level=UnitLevel.PROVINCE)


@pytest.fixture
def unit(province):
    return UnitFactory(name="UBND xã Phổ Phong", parent=province)


@pytest.fixture
def chairman(unit):
    return OfficialFactory(unit=unit, role=Role.CHAIRMAN)


def _row(**changes):
    return {"doc_type": "KH", "number": 13, "symbol": "KH-UBND", "issuer": "UBND xã Phổ Phong",
            "issued_on": date(2023, 2, 1), "title": "Kiểm tra văn bản",
            "reform_area": None} | changes


def test_references_are_marked_registered_or_new_by_their_identity(unit, chairman):
    registered = DocumentFactory(unit=unit, number=14, issuer="UBND xã Phổ Phong",
                                 issued_on=date(2023, 2, 1))
    DocumentFactory(unit=unit, number=13, issuer="UBND xã Phổ Phong", issued_on=date(2022, 2, 1))
    DocumentFactory(unit=UnitFactory(), number=61, issuer="UBND tỉnh Quảng Ngãi",
                    issued_on=date(2019, 4, 10))  # another unit's registry
    found = {c.found.reference: c for c in find_references(db.session, chairman, unit, TEXT)}
    assert list(found) == ["61/KH-UBND", "14/KH-UBND", "13/KH-UBND", "2552/QĐ-UBND",
                           "59/2012/NĐ-CP"]
    assert found["14/KH-UBND"].registered == registered
    assert found["13/KH-UBND"].registered is None  # the one registered is of 2022
    assert found["61/KH-UBND"].registered is None
    # The province above the unit completes "UBND tỉnh"; "UBND xã đã ban hành" names the issuer.
    assert [(found[r].issuer, found[r].issuer_proposed) for r in ("61/KH-UBND", "13/KH-UBND")] \
        == [("UBND tỉnh Quảng Ngãi", False), ("UBND xã Phổ Phong", False)]


def test_marking_takes_as_many_queries_for_many_references_as_for_one(unit, chairman):
    for number in range(1, 41):
        DocumentFactory(unit=unit, number=number, issued_on=date(2023, 2, 1))
    many = " ".join(f"Kế hoạch số {n}/KH-UBND ngày 01/02/2023 về việc {n}." for n in range(1, 41))
    counts = []
    for text in ("Kế hoạch số 1/KH-UBND ngày 01/02/2023 về việc một.", many):
        found = []
        counts.append(queries_during(
            lambda text=text, found=found: found.extend(
                find_references(db.session, chairman, unit, text))))
        assert found and all(candidate.registered for candidate in found)
    assert counts[0] == counts[1]


def test_a_reference_without_issuer_gets_a_default_marked_as_such(unit, chairman):
    found = {c.found.reference: c for c in find_references(db.session, chairman, unit, TEXT)}
    assert (found["2552/QĐ-UBND"].issuer, found["2552/QĐ-UBND"].issuer_proposed) == (
        "UBND xã Phổ Phong", True)
    assert (found["59/2012/NĐ-CP"].issuer, found["59/2012/NĐ-CP"].issuer_proposed) == (
        "Chính phủ", True)


def test_a_reference_without_issuer_or_date_matches_the_registered_document(unit, chairman):
    decision = DocumentFactory(unit=unit, doc_type=DocumentType.QD, symbol="QĐ-UBND",
                               number=2552, issuer="UBND tỉnh Quảng Ngãi",
                               issued_on=date(2022, 12, 9))
    found = {c.found.reference: c for c in find_references(db.session, chairman, unit, TEXT)}
    assert found["2552/QĐ-UBND"].registered == decision
    assert (found["2552/QĐ-UBND"].issuer, found["2552/QĐ-UBND"].issuer_proposed) == (
        "UBND tỉnh Quảng Ngãi", True)


def test_anyone_who_sees_the_unit_may_look_but_not_an_outsider(unit, province):
    officer = OfficialFactory(unit=unit, role=Role.OFFICER)
    above = OfficialFactory(unit=province, role=Role.VIEWER)
    outsider = OfficialFactory(unit=UnitFactory(), role=Role.CHAIRMAN)
    assert len(find_references(db.session, officer, unit, TEXT)) == 5
    assert len(find_references(db.session, above, unit, TEXT)) == 5
    with pytest.raises(PermissionDenied):
        find_references(db.session, outsider, unit, TEXT)


@pytest.mark.parametrize("text", ["", "  \n ", "x" * 300_001])
def test_empty_or_overlong_text_is_refused(unit, chairman, text):
    with pytest.raises(ValidationFailed) as refused:
        find_references(db.session, chairman, unit, text)
    assert list(refused.value.errors) == ["text"]


def test_the_chosen_rows_are_registered_together(unit, chairman):
    documents = register_references(db.session, chairman, unit, [
        _row(), _row(number=61, issuer="UBND tỉnh Quảng Ngãi", issued_on=date(2019, 4, 10),
                     title="Chuyển đổi số", reform_area="digital_government")])
    assert [(d.reference, d.issued_by_unit, d.year) for d in documents] == [
        ("13/KH-UBND", True, 2023), ("61/KH-UBND", False, 2019)]
    assert count_rows(Document) == 2
    assert audit_actions(documents[1]) == ["create"]


def test_one_bad_row_and_nothing_is_written(unit, chairman):
    with pytest.raises(ValidationFailed) as refused:
        register_references(db.session, chairman, unit, [
            _row(), _row(number=14, title=""), _row(number=15, issued_on=None, symbol="KH-UBND!")])
    errors = {key: [str(m) for m in messages] for key, messages in refused.value.errors.items()}
    assert errors == {
        "rows-1-title": ["Trường này là bắt buộc."],
        "rows-2-issued_on": ["Trường này là bắt buộc."],
        "rows-2-symbol": ["Ký hiệu không hợp lệ (ví dụ: KH-UBND, 2019/NĐ-CP)."],
    }
    assert str(refused.value.message) == (
        "Chưa đăng ký văn bản nào: 2 dòng chưa hợp lệ, hãy sửa rồi đăng ký lại.")
    assert (count_rows(Document), count_rows(AuditEntry)) == (0, 0)


def test_a_row_already_registered_or_twice_in_the_batch_is_refused(unit, chairman):
    DocumentFactory(unit=unit, number=14, issuer="UBND xã Phổ Phong", issued_on=date(2023, 2, 1))
    with pytest.raises(ValidationFailed) as refused:
        register_references(db.session, chairman, unit, [_row(), _row(), _row(number=14)])
    assert sorted(refused.value.errors) == ["rows-1-number", "rows-2-number"]
    assert "đã được đăng ký" in str(refused.value.errors["rows-1-number"][0])
    assert count_rows(Document) == 1


def test_only_the_chairman_and_vice_chairmen_register(unit):
    officer = OfficialFactory(unit=unit, role=Role.OFFICER)
    with pytest.raises(PermissionDenied):
        register_references(db.session, officer, unit, [_row()])
    assert count_rows(Document) == 0


def test_registering_nothing_is_refused(unit, chairman):
    with pytest.raises(ValidationFailed) as refused:
        register_references(db.session, chairman, unit, [])
    assert list(refused.value.errors) == ["rows"]


# --- Reading an uploaded file -------------------------------------------------------------

def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Thực hiện Kế hoạch số 14/KH-UBND ngày 01/02/2023 về thi hành "
                           "pháp luật.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Quyết định số 35/QĐ-UBND ngày 07/3/2023"
    table.cell(0, 1).text = "Đã thực hiện"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_document_is_read_with_its_tables():
    text = read_text("bao-cao.docx", io.BytesIO(_docx_bytes()))
    assert "Kế hoạch số 14/KH-UBND ngày 01/02/2023" in text
    assert "Quyết định số 35/QĐ-UBND ngày 07/3/2023\nĐã thực hiện" in text


@pytest.mark.parametrize("data", [
    "Kế hoạch số 14/KH-UBND".encode(),
    codecs.BOM_UTF8 + "Kế hoạch số 14/KH-UBND".encode(),
    "Kế hoạch số 14/KH-UBND".encode("utf-16"),
])
def test_plain_text_in_utf8_or_utf16_with_its_bom(data):
    assert read_text("bao-cao.txt", io.BytesIO(data)) == "Kế hoạch số 14/KH-UBND"


@pytest.mark.parametrize(("data", "message"), [
    (b"", "Tệp rỗng."),
    (b"x" * (MAX_FILE_BYTES + 1), "Tệp lớn hơn 10 MB."),
    ("Quán lý".encode("latin-1"), "Tệp văn bản phải mã hóa UTF-8"),
    (b"MZ\x90\x00\x03\x00\x00\x00", "Tệp văn bản phải mã hóa UTF-8"),
    (b"%PDF-1.7\n%%EOF\n", "Chỉ nhận tệp văn bản .txt (UTF-8) hoặc Word .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "Tệp Word cũ (.doc)"),
    (b"PK\x03\x04" + b"\x00" * 64, "Chỉ nhận tệp văn bản .txt (UTF-8) hoặc Word .docx"),
])
def test_what_is_not_a_text_or_word_file_is_refused(data, message):
    with pytest.raises(ValidationFailed) as refused:
        read_text("bao-cao.txt", io.BytesIO(data))
    assert list(refused.value.errors) == ["upload"]
    assert str(refused.value.errors["upload"][0]).startswith(message)


def test_word_line_and_page_breaks_in_a_text_file_read_as_line_breaks():
    data = "Kế hoạch số 14/KH-UBND\x0bngày 01/02/2023\x0cQuyết định số 35/QĐ-UBND".encode()
    assert read_text("bao-cao.txt", io.BytesIO(data)) == (
        "Kế hoạch số 14/KH-UBND\nngày 01/02/2023\nQuyết định số 35/QĐ-UBND")


@pytest.mark.parametrize("data", [
    "Dòng một\nKế hoạch\x1b số 14".encode(),
    "Dòng một\nKế hoạch\x00 số 14".encode("utf-16"),
    "Dòng một\nKế hoạch\x1c số 14".encode(),  # a separator str.splitlines() breaks at
])
def test_a_text_file_with_a_control_character_is_refused_naming_the_line(data):
    with pytest.raises(ValidationFailed) as refused:
        read_text("bao-cao.txt", io.BytesIO(data))
    assert str(refused.value.errors["upload"][0]).startswith(
        "Dòng 2 của tệp có ký tự điều khiển không hợp lệ")
