"""Signing waits for the cut-off; the văn thư numbers a signed report once, in its file."""

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from docx import Document as DocxDocument

from tests.conftest import csrf_token_from, sign_in
from tests.helpers import audit_actions
from tracker.core.errors import Conflict, PermissionDenied, ValidationFailed
from tracker.reports.services import (
    create_report,
    edit_section,
    finalise_report,
    report_content,
    report_docx,
)
from tracker.reports.signing import give_number, withdraw_signature

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PASSWORD = "demo-cchc"  # the demo's accounts


def _sign(db_session, official, report):
    return finalise_report(db_session, official("chutich"), report, accept_findings=True,
                           version=report.version)


def _docx_text(data: bytes) -> str:
    """Every text of the file: its page headers, paragraphs and table cells."""
    document = DocxDocument(io.BytesIO(data))
    headers = [p.text for s in document.sections
               for h in (s.first_page_header, s.header) for p in h.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([*headers, *(p.text for p in document.paragraphs), *cells])


def test_signing_waits_until_the_cut_off_day_has_ended_in_the_unit(
        report, db_session, official):
    # The Q1 2023 figures are cut off at the end of 14/3/2023, Vietnam time.
    late_on_cut_off_day = datetime(2023, 3, 14, 23, 30, tzinfo=VIETNAM)
    with (time_machine.travel(late_on_cut_off_day, tick=False),
          pytest.raises(ValidationFailed, match="Ký từ ngày 15/03/2023")):
        _sign(db_session, official, report)
    assert not report.is_final and report.final_docx is None
    with time_machine.travel(datetime(2023, 3, 15, 0, 5, tzinfo=VIETNAM), tick=False):
        _sign(db_session, official, report)
    assert report.is_final


def test_the_vanthu_numbers_a_signed_report_once_and_the_file_carries_it(
        report, db_session, official, office):
    _sign(db_session, official, report)
    signed_file = report_docx(report)
    assert "Số:       /BC-UBND" in _docx_text(signed_file)

    with time_machine.travel(datetime(2023, 3, 16, 8, tzinfo=VIETNAM), tick=False):
        give_number(db_session, office, report, number=15, issue_date=None,
                    version=report.version)
    numbered = report_docx(report)
    assert numbered != signed_file and report_docx(report) == numbered
    text = _docx_text(numbered)
    assert "Số: 15/BC-UBND" in text and "Phổ Phong, ngày 16 tháng 3 năm 2023" in text
    assert report_content(report).header.number_line == "Số: 15/BC-UBND"
    assert (report.number, report.report_date) == (15, date(2023, 3, 16))
    assert audit_actions(report)[-1] == "number"

    with pytest.raises(Conflict, match="đã vào số 15"):
        give_number(db_session, office, report, number=16, issue_date=None,
                    version=report.version)
    assert report_docx(report) == numbered


def test_numbering_refuses_what_the_register_would_not_take(
        report, commune, db_session, official, office):
    with pytest.raises(Conflict, match="chưa ký"):
        give_number(db_session, office, report, number=3, issue_date=None,
                    version=report.version)
    _sign(db_session, official, report)
    with pytest.raises(PermissionDenied):
        give_number(db_session, official("tuphap1"), report, number=3, issue_date=None,
                    version=report.version)
    for number, day, field in [(0, None, "number"), (100_000, None, "number"),
                               (None, None, "number"),
                               (3, date(2023, 3, 14), "issue_date"),  # before signing
                               (3, date(2023, 3, 16), "issue_date")]:  # tomorrow
        with pytest.raises(ValidationFailed) as refused:
            give_number(db_session, office, report, number=number, issue_date=day,
                        version=report.version)
        assert field in refused.value.errors
    with pytest.raises(Conflict):
        give_number(db_session, office, report, number=3, issue_date=None,
                    version=report.version - 1)
    assert report.number is None and audit_actions(report)[-1] == "finalise"


def test_a_number_is_used_once_a_year_in_the_unit(report, commune, db_session, official,
                                                   office):
    _sign(db_session, official, report)
    give_number(db_session, office, report, number=15, issue_date=None, version=report.version)
    with time_machine.travel(datetime(2023, 6, 16, 9, tzinfo=VIETNAM), tick=False):
        half_year = create_report(db_session, office, commune, "2023-H1")
        _sign(db_session, official, half_year)
        with pytest.raises(ValidationFailed) as refused:
            give_number(db_session, office, half_year, number=15, issue_date=None,
                        version=half_year.version)
        assert "đã dùng" in str(refused.value.errors["number"][0])
        give_number(db_session, office, half_year, number=16, issue_date=None,
                    version=half_year.version)
    assert half_year.number == 16


def _post(client, url: str, page: str, **data):
    """Post as the page's form would: its CSRF token and the report version it shows."""
    html = client.get(page).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)
    return client.post(url, data={"csrf_token": csrf_token_from(html), "version": version,
                                  **data})


def test_through_the_pages_sign_after_the_cut_off_then_number(client, report, db_session):
    page = f"/reports/{report.id}"
    with time_machine.travel(datetime(2023, 3, 14, 16, tzinfo=VIETNAM), tick=False):
        sign_in(client, "chutich", PASSWORD)
        html = client.get(page).get_data(as_text=True)
        assert "Chưa ký được: số liệu kỳ này chốt hết ngày 14/03/2023" in html
        response = _post(client, f"{page}/finalise", page, accept="y")
        assert response.status_code == 302
        assert "Ký từ ngày 15/03/2023" in client.get(page).get_data(as_text=True)
    db_session.refresh(report)
    assert not report.is_final

    sign_in(client, "chutich", PASSWORD)
    _post(client, f"{page}/finalise", page, accept="y")
    assert "Chưa vào số" in client.get("/reports").get_data(as_text=True)
    response = _post(client, f"{page}/number", page, number="không số")
    assert response.status_code == 422
    assert "Nhập một số nguyên." in response.get_data(as_text=True)
    response = _post(client, f"{page}/number", page, number="15")
    assert response.status_code == 302
    assert "Số 15/BC-UBND" in client.get("/reports").get_data(as_text=True)
    assert 'data-testid="number-form"' not in client.get(page).get_data(as_text=True)
    assert "Số: 15/BC-UBND" in _docx_text(client.get(f"{page}/report.docx").data)


def test_the_chairman_takes_a_signature_back_until_it_is_numbered(
        report, db_session, official, office):
    _sign(db_session, official, report)
    for who in (office, official("phochutich")):
        with pytest.raises(PermissionDenied):
            withdraw_signature(db_session, who, report, reason="Sai số liệu.",
                               version=report.version)
    with pytest.raises(ValidationFailed):
        withdraw_signature(db_session, official("chutich"), report, reason="  ",
                           version=report.version)
    withdraw_signature(db_session, official("chutich"), report,
                       reason="Số liệu hồ sơ chưa khớp với sổ theo dõi.", version=report.version)
    assert not report.is_final and report.final_docx is None
    assert audit_actions(report)[-2:] == ["finalise", "withdraw"]
    assert "DỰ THẢO" in _docx_text(report_docx(report))

    _sign(db_session, official, report)
    assert "DỰ THẢO" not in _docx_text(report_docx(report))
    give_number(db_session, office, report, number=15, issue_date=None, version=report.version)
    with pytest.raises(Conflict, match="đã vào số"):
        withdraw_signature(db_session, official("chutich"), report, reason="Muộn rồi.",
                           version=report.version)


def test_the_signing_page_names_the_findings_the_signer_accepts(client, report):
    sign_in(client, "chutich", PASSWORD)
    html = client.get(f"/reports/{report.id}/sign").get_data(as_text=True)
    assert 'data-testid="accepted-findings"' in html and "Báo cáo chưa có số." in html
    assert "Xác nhận ký ban hành" in html
    client.post("/sign-out", data={"csrf_token": csrf_token_from(html)})
    sign_in(client, "vanphong1", PASSWORD)
    assert client.get(f"/reports/{report.id}/sign").status_code == 403


def test_a_signed_report_prints_no_bare_heading_for_prose_left_empty(report, db_session,
                                                                      official):
    assert report.section("I.3").text == "" and report.section("I.4").text == ""
    draft = [c.title for c in report_content(report).sections[0].children]
    assert draft[2:] == ["Công tác kiểm tra cải cách hành chính",
                         "Công tác tuyên truyền cải cách hành chính"]
    edit_section(db_session, official("vanphong1"), report, "I.4",
                 "- Tuyên truyền trên Đài truyền thanh xã.", report.version)
    _sign(db_session, official, report)
    signed = report_content(report).sections[0].children
    assert [(c.number, c.title) for c in signed][2:] == [
        ("3", "Công tác tuyên truyền cải cách hành chính")]
    assert "Công tác kiểm tra cải cách hành chính" not in _docx_text(report_docx(report))
