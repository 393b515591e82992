"""A report's PDF: converted by LibreOffice, kept once signed, explained when absent."""

import shutil

import pytest

from tests.conftest import sign_in
from tracker.reports.services import finalise_report
from tracker.reports.signing import give_number

PASSWORD = "demo-cchc"  # the demo's accounts
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


@needs_libreoffice
def test_a_signed_reports_pdf_is_converted_once_and_kept(client, report, db_session,
                                                         official):
    sign_in(client, "chutich", PASSWORD)
    draft = client.get(f"/reports/{report.id}/report.pdf")
    assert draft.status_code == 200 and draft.data.startswith(b"%PDF")
    assert "2023-Q1-du-thao.pdf" in draft.headers["Content-Disposition"]

    finalise_report(db_session, official("chutich"), report, accept_findings=True,
                    version=report.version)
    db_session.commit()
    first = client.get(f"/reports/{report.id}/report.pdf")
    assert first.status_code == 200 and first.mimetype == "application/pdf"
    assert "bao-cao-cchc-pho-phong-2023-Q1.pdf" in first.headers["Content-Disposition"]
    assert client.get(f"/reports/{report.id}/report.pdf").data == first.data
    db_session.refresh(report)
    assert report.final_pdf == first.data

    # Numbering writes a new DOCX, so the kept PDF is converted again from it, once.
    give_number(db_session, official("vanphong1"), report, number=15, issue_date=None,
                version=report.version)
    db_session.commit()
    numbered = client.get(f"/reports/{report.id}/report.pdf").data
    assert numbered != first.data
    assert client.get(f"/reports/{report.id}/report.pdf").data == numbered


def test_without_libreoffice_the_page_says_how_to_get_a_pdf(client, report, monkeypatch,
                                                            tmp_path):
    sign_in(client, "chutich", PASSWORD)
    monkeypatch.setenv("PATH", str(tmp_path))  # a server where LibreOffice is not installed
    response = client.get(f"/reports/{report.id}/report.pdf")
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "chưa cài LibreOffice" in page and "libreoffice-writer-nogui" in page
    assert client.get(f"/reports/{report.id}/report.docx").status_code == 200


def test_a_conversion_that_outlasts_its_time_is_answered_with_the_reason(
        client, report, monkeypatch, tmp_path):
    # A converter that never finishes in time stands for a very long report on a busy server.
    slow = tmp_path / "soffice"
    slow.write_text("#!/bin/sh\nexec /bin/sleep 5\n")
    slow.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr("tracker.reports.pdf.TIMEOUT_SECONDS", 1)
    sign_in(client, "chutich", PASSWORD)
    response = client.get(f"/reports/{report.id}/report.pdf")
    assert response.status_code == 503
    assert "chưa chuyển kịp sang PDF trong 1 giây" in response.get_data(as_text=True)
