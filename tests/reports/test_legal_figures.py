"""The legal documents block of II.1: entered by hand, 0 printed "Không.", checked."""

import re

import pytest

from tests.conftest import csrf_token_from, sign_in
from tracker.core.errors import ValidationFailed
from tracker.reports.legal_figures import LEGAL_FIELDS
from tracker.reports.services import (
    report_content,
    report_findings,
    set_legal_figures,
)

PASSWORD = "demo-cchc"  # the demo's accounts
NOTHING_THIS_QUARTER = dict.fromkeys(LEGAL_FIELDS, 0)  # the seed's eight "Không."


def _institutions(report) -> list[str]:
    point = next(s for s in report_content(report).walk() if s.key == "II.institutions")
    return [b.text for b in point.blocks]


def _legal_findings(report) -> list[str]:
    return [f.message for f in report_findings(report) if f.key == "legal-figures"]


def test_the_seeds_eight_lines_print_as_it_prints_them(report, db_session, office):
    assert _legal_findings(report) == [
        "Chưa nhập số liệu kiểm tra, rà soát văn bản quy phạm pháp luật (mục II.1); số 0 in "
        "là “Không.”."]
    assert "Công tác kiểm tra, rà soát và hệ thống hóa văn bản quy phạm pháp luật:" not in \
        _institutions(report)
    set_legal_figures(db_session, office, report, NOTHING_THIS_QUARTER, report.version)
    lines = _institutions(report)
    start = lines.index("Công tác kiểm tra, rà soát và hệ thống hóa văn bản quy phạm pháp luật:")
    assert lines[start + 1:start + 3] == [
        "Số văn bản quy phạm pháp luật đã kiểm tra theo thẩm quyền: Không.",
        "Số văn bản quy phạm pháp luật phát hiện trái luật: Không."]
    assert len(lines[start + 1:]) == 8 and all(line.endswith(": Không.")
                                               for line in lines[start + 1:])
    assert _legal_findings(report) == []


def test_counts_print_as_counts_and_the_parts_stay_within_their_whole(report, db_session,
                                                                       office):
    set_legal_figures(db_session, office, report, NOTHING_THIS_QUARTER | {
        "checked": 3, "found_unlawful": 5, "to_review": 12, "proposed": None},
        report.version)
    lines = _institutions(report)
    assert "Số văn bản quy phạm pháp luật đã kiểm tra theo thẩm quyền: 03." in lines
    assert "Số văn bản quy phạm pháp luật phải rà soát trong kỳ báo cáo: 12." in lines
    assert "Số văn bản quy phạm pháp luật được đề nghị xử lý sau rà soát: …." in lines
    assert _legal_findings(report) == [
        "Còn 1 số liệu văn bản quy phạm pháp luật chưa nhập.",
        "“Số văn bản quy phạm pháp luật phát hiện trái luật” (05) lớn hơn “Số văn bản quy "
        "phạm pháp luật đã kiểm tra theo thẩm quyền” (03)."]


def test_bad_counts_are_refused_and_nothing_is_saved(report, db_session, office):
    with pytest.raises(ValidationFailed) as refused:
        set_legal_figures(db_session, office, report, {"checked": -1, "handled": "hai"},
                          report.version)
    assert set(refused.value.errors) == {"checked", "handled"}
    assert "legal" not in report.figures


def test_the_office_enters_them_on_the_report_page(client, report):
    page = f"/reports/{report.id}"
    sign_in(client, "vanphong1", PASSWORD)
    html = client.get(page).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)
    form = {"csrf_token": csrf_token_from(html), "version": version}
    response = client.post(f"{page}/legal-figures", data=form | {"checked": "nhiều"})
    assert response.status_code == 422
    assert "Nhập một số nguyên không âm." in response.get_data(as_text=True)
    response = client.post(f"{page}/legal-figures",
                           data=form | {key: "0" for key in LEGAL_FIELDS})
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "Số văn bản quy phạm pháp luật phát hiện trái luật: Không." in html
