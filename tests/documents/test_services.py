from datetime import date

import pytest

from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import audit_actions, count_rows
from tracker.audit.models import AuditEntry
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.roles import Role
from tracker.documents.models import Document
from tracker.documents.services import delete_document, register_document, update_document
from tracker.documents.types import DocumentType, format_reference
from tracker.extensions import db

pytestmark = pytest.mark.usefixtures("on_20_march_2023")


@pytest.fixture
def unit(db_session):
    return UnitFactory(name="UBND xã Phổ Phong")


@pytest.fixture
def chairman(unit):
    return OfficialFactory(unit=unit, role=Role.CHAIRMAN)


def _register(actor, unit, **changes):
    fields = {
        "doc_type": "KH", "number": 14, "symbol": "KH-UBND", "issuer": "UBND xã Phổ Phong",
        "issued_on": date(2023, 2, 1),
        "title": "Triển khai công tác thi hành pháp luật về xử lý vi phạm hành chính năm 2023",
    }
    return register_document(db.session, actor, unit, **(fields | changes))


def test_register_a_plan_of_the_unit(unit, chairman):
    document = _register(chairman, unit)
    assert document.reference == "14/KH-UBND" and document.year == 2023
    assert document.issued_by_unit is True
    assert document.citation == "Kế hoạch số 14/KH-UBND ngày 01/02/2023"
    assert audit_actions(document) == ["create"]


def test_same_number_from_another_issuer_or_year_is_a_different_document(unit, chairman):
    _register(chairman, unit)
    province = _register(chairman, unit, issuer="UBND tỉnh Quảng Ngãi")
    next_year = _register(chairman, unit, issued_on=date(2022, 2, 1))
    decision = _register(chairman, unit, doc_type="QĐ", symbol="QĐ-UBND")
    assert not province.issued_by_unit
    assert {next_year.year, decision.reference} == {2022, "14/QĐ-UBND"}


def test_duplicate_document_is_refused_with_a_clear_message(unit, chairman):
    _register(chairman, unit)
    with pytest.raises(ValidationFailed) as refused:
        _register(chairman, unit, issuer="  ubnd xã phổ phong ")
    assert str(refused.value.errors["number"][0]) == (
        "Văn bản 14/KH-UBND của ubnd xã phổ phong năm 2023 đã được đăng ký."
    )
    assert count_rows(Document) == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"symbol": "KH UBND!"}, "symbol"),
        ({"number": 0}, "number"),
        ({"doc_type": "XYZ"}, "doc_type"),
        ({"issued_on": date(2023, 3, 21)}, "issued_on"),
        ({"issuer": " "}, "issuer"),
        ({"reform_area": "khác"}, "reform_area"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(unit, chairman, changes, field):
    with pytest.raises(ValidationFailed) as refused:
        _register(chairman, unit, **changes)
    assert field in refused.value.errors
    assert count_rows(Document) == 0 and count_rows(AuditEntry) == 0


@pytest.mark.parametrize("role", [Role.OFFICER, Role.VIEWER, Role.ADMIN])
def test_only_the_unit_leaders_register_documents(unit, role):
    with pytest.raises(PermissionDenied):
        _register(OfficialFactory(unit=unit, role=role), unit)


def test_a_document_implements_one_issued_before(unit, chairman):
    resolution = _register(chairman, unit, doc_type="NQ", number=17, symbol="NQ-CP",
                           issuer="Chính phủ", issued_on=date(2019, 3, 7))
    plan = _register(chairman, unit, implements=resolution)
    assert plan.implements is resolution
    with pytest.raises(ValidationFailed):
        update_document(db.session, chairman, resolution, implements=plan)


def test_update_logs_only_what_changed(unit, chairman):
    document = _register(chairman, unit)
    update_document(db.session, chairman, document, title="Tiêu đề đã sửa")
    assert document.title_key == "tieu de da sua"
    entries = db.session.query(AuditEntry).filter_by(entity_id=document.id).all()
    assert entries[-1].changes["title"][1] == "Tiêu đề đã sửa"
    assert set(entries[-1].changes) == {"title"}


def test_delete_is_refused_while_a_task_refers_to_the_document(unit, chairman):
    document = DocumentFactory(unit=unit)
    TaskFactory(unit=unit, document=document)
    with pytest.raises(ValidationFailed):
        delete_document(db.session, chairman, document)
    assert count_rows(Document) == 1
    assert count_rows(AuditEntry) == 0


def test_delete_an_unused_document_is_logged(unit, chairman):
    document = _register(chairman, unit)
    document_id = document.id
    delete_document(db.session, chairman, document)
    assert db.session.get(Document, document_id) is None
    assert db.session.query(AuditEntry).filter_by(action="delete").count() == 1


@pytest.mark.parametrize(
    ("number", "symbol", "reference"),
    [(14, "KH-UBND", "14/KH-UBND"), (4, "QĐ-UBND", "04/QĐ-UBND"),
     (59, "2012/NĐ-CP", "59/2012/NĐ-CP"), (31, "CT/TU", "31-CT/TU"),
     (125, "UBND-VP", "125/UBND-VP")],
)
def test_references_are_written_the_vietnamese_way(number, symbol, reference):
    assert format_reference(number, symbol) == reference


def test_every_type_has_its_full_name():
    assert DocumentType("QĐ").label == "Quyết định"
    assert all(doc_type.label for doc_type in DocumentType)


def test_a_duplicate_that_slips_past_the_check_is_still_a_clear_refusal(unit, chairman,
                                                                         monkeypatch):
    """Two people registering the same document at once: the unique key decides."""
    _register(chairman, unit)
    monkeypatch.setattr("tracker.documents.services._refuse_duplicate", lambda *args: None)
    with pytest.raises(ValidationFailed) as refused:
        _register(chairman, unit)
    assert "đã được đăng ký" in str(refused.value.errors["number"][0])
    assert count_rows(Document) == 1
