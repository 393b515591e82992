"""The parser of document references, on the whole seed report and on each form a real
report uses. The seed's expected list is written by hand from reading the report."""

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from tracker.documents.references import FoundReference, extract_references
from tracker.documents.types import DocumentType as T

UNIT_ISSUERS = ["UBND xã Phổ Phong", "UBND thị xã Đức Phổ", "UBND tỉnh Quảng Ngãi"]
COMMUNE, TOWN, PROVINCE = UNIT_ISSUERS
GOVERNMENT, COUNCIL = "Chính phủ", "HĐND tỉnh Quảng Ngãi"

# The real Q1 2023 report of UBND xã Phổ Phong, as its office wrote it by hand.
SEED_PATH = Path(__file__).parent.parent / "data" / "seed-report-pho-phong-2023-q1.md"
SEED_REPORT = SEED_PATH.read_text(encoding="utf-8")


# Read by hand. Each reference: type, number, symbol, issuer (None where the report names
# none: a list item after a full stop, a decision cited by its number alone), issue date,
# trích yếu (without the joining "về"/"về việc", first letter capitalised, the report's own
# words and slips kept: "năm 2022", "của chính phủ", "2021- 2030"), and where it is cited.
# An issuer named before "ban hành"/"ra" issued every document the sentence lists after it.
SEED_REFERENCES = [
    (T.KH, 61, "KH-UBND", PROVINCE, date(2019, 4, 10),
     "Thực hiện Nghị quyết số 17/NQ-CP ngày 07/3/2019 của chính phủ về một số nhiệm vụ, giải "
     "pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020, định hướng đến năm "
     "2025 của tỉnh Quảng Ngãi", ["Kế hoạch số 61/KH-UBND"]),
    # Nested in the plan's title; "của tỉnh Quảng Ngãi" ends the plan's title, not this one.
    (T.NQ, 17, "NQ-CP", GOVERNMENT, date(2019, 3, 7),
     "Một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - "
     "2020, định hướng đến năm 2025", ["Nghị quyết số 17/NQ-CP"]),
    (T.KH, 2665, "KH-UBND", TOWN, date(2020, 9, 18),
     "Ứng dụng CNTT trong hoạt động của cơ quan Nhà nước thị xã Đức Phổ giai đoạn 2021 - "
     "2023, định hướng 2025", ["Kế hoạch số 2665/KH-UBND"]),
    (T.QD, 768, "QĐ-UBND", PROVINCE, date(2021, 8, 26),
     "Ban hành kế hoạch CCHC tỉnh Quảng Ngãi giai đoạn 2021 - 2025",
     ["Quyết định số 768/QĐ-UBND"]),
    # "UBND xã đã ra Quyết định số 1152 …; Kế hoạch số 14 …; … Kế hoạch số 28 …."
    (T.QD, 1152, "QĐ-UBND", COMMUNE, date(2022, 12, 30),
     "Ban hành Kế hoạch Cải cách hành chính xã Phổ Phong năm 2022",
     ["Quyết định số 1152/QĐ-UBND"]),
    (T.KH, 14, "KH-UBND", COMMUNE, date(2023, 2, 1),
     "Triển khai công tác thi hành pháp luật về xử lý vi phạm hành chính năm 2023 trên địa "
     "bàn xã Phổ Phong", ["Kế hoạch số 14/KH-UBND"]),
    (T.KH, 13, "KH-UBND", COMMUNE, date(2023, 2, 1),
     "Kiểm tra, rà soát văn bản quy phạm pháp luật năm 2023", ["Kế hoạch số 13/KH-UBND"]),
    # Cited twice; the second citation's title stops at its ";", the first's is kept.
    (T.KH, 12, "KH-UBND", COMMUNE, date(2023, 2, 1),
     "Triển khai công tác phổ biến giáo dục pháp luật, hòa giải cơ sở và nhiệm vụ đạt chuẩn "
     "tiếp cận pháp luật năm 2023 trên địa bàn xã",
     ["Kế hoạch số 12/KH-UBND ngày 01/02/2023 triển khai",
      "Kế hoạch số 12/KH-UBND ngày 01/02/2023 về"]),
    (T.KH, 16, "KH-UBND", COMMUNE, date(2023, 2, 1),
     "Theo dõi thi hành pháp luật trong lĩnh vực trọng tâm liên ngành năm 2023 trên địa bàn "
     "xã", ["Kế hoạch số 16/KH-UBND"]),
    (T.KH, 24, "KH-UBND", COMMUNE, date(2023, 3, 3),
     "Tuyên truyền cải cách hành chính năm 2022 trên địa bàn xã Phổ Phong",
     ["Kế hoạch số 24/KH-UBND"]),
    (T.KH, 27, "KH-UBND", COMMUNE, date(2023, 3, 6),
     "Rà soát, đánh giá thủ tục hành chính năm 2023 trên địa bàn xã Phổ Phong",
     ["Kế hoạch số 27/KH-UBND"]),
    # Broken across a page: "kiểm soát thủ tục" ⏎⏎ "hành chính năm 2023."
    (T.KH, 28, "KH-UBND", COMMUNE, date(2023, 3, 7),
     "Truyền thông về hoạt động kiểm soát thủ tục hành chính năm 2023",
     ["Kế hoạch số 28/KH-UBND"]),
    (T.QD, 4, "QĐ-UBND", None, date(2023, 1, 5),
     "Ban hành mục tiêu chất lượng năm 2022 áp dụng tại UBND xã Phổ Phong",
     ["Quyết định số 04/QĐ-UBND"]),
    (T.KH, 4, "KH-UBND", COMMUNE, date(2023, 1, 6),
     "Duy trì và cải tiến hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015 tại "
     "UBND xã Phổ Phong", ["Kế hoạch số 04/KH-UBND"]),
    (T.QD, 35, "QĐ-UBND", None, date(2023, 3, 7),
     "Ban hành kế hoạch hoạt động kiểm soát thủ tục hành chính năm 2023 trên địa bàn xã Phổ "
     "Phong", ["Quyết định số 35/QĐ-UBND"]),
    (T.KH, 30, "KH-UBND", COMMUNE, date(2023, 3, 8),
     "Khắc phục những hạn chế trong thực hiện cải cách hành chính năm 2022",
     ["Kế hoạch số 30/KH-UBND"]),
    (T.ND, 59, "2012/NĐ-CP", GOVERNMENT, None, None, ["Nghị định số 59/2012/NĐ-CP"]),
    # "gồm: Quyết định 2552/QĐ-UBND, Quyết định 1878/QĐ-UBND, Quyết định 1744/QĐ-UBND của
    # UBND tỉnh Quảng Ngãi, Quyết định 1285/QĐ-UBND với 138 thủ tục hành chính và …"
    (T.QD, 2552, "QĐ-UBND", None, None, None, ["Quyết định 2552/QĐ-UBND"]),
    (T.QD, 1878, "QĐ-UBND", None, None, None, ["Quyết định 1878/QĐ-UBND"]),
    (T.QD, 1744, "QĐ-UBND", PROVINCE, None, None, ["Quyết định 1744/QĐ-UBND"]),
    (T.QD, 1285, "QĐ-UBND", None, None, None, ["Quyết định 1285/QĐ-UBND"]),
    (T.QD, 2040, "QĐ-UBND", PROVINCE, date(2018, 11, 16),
     "Quy định về thủ tục hành chính tiếp nhận giải quyết và không tiếp nhận giải quyết tại "
     "bộ phận một cửa ở cấp xã", ["Quyết định 2040/QĐ-UBND"]),
    (T.QD, 1147, "QĐ-UBND", COMMUNE, date(2022, 12, 26),
     "Kiện toàn Bộ phận Tiếp nhận và trả kết quả tại Ủy ban nhân dân xã Phổ Phong",
     ["Quyết định số 1147/QĐ-UBND"]),
    (T.QD, 947, "QĐ-UBND", PROVINCE, date(2021, 10, 11), None, ["Quyết định số 947/QĐ-UBND"]),
    (T.NQ, 20, "2020/NQ-HĐND", COUNCIL, None, None, ["Nghị quyết 20/2020/NQ-HĐND"]),
    (T.NQ, 16, "2021/NQ-HĐND", COUNCIL, date(2021, 7, 21), None,
     ["Nghị quyết 16/2021/NQ-HĐND"]),
    (T.QD, 541, "QĐ-UBND", COMMUNE, date(2021, 10, 13),
     "Ban hành Quy chế làm việc của UBND xã Phổ Phong nhiệm kỳ 2021-2026",
     ["Quyết định số 541/QĐ-UBND"]),
    (T.QD, 48, "2021/QĐ-UBND", PROVINCE, date(2021, 9, 22),
     "Ban hành Quy định một số biện pháp chấn chỉnh kỷ luật, kỷ cương hành chính trong đội "
     "ngũ cán bộ, công chức, viên chức của tỉnh Quảng Ngãi", ["Quyết định số 48/2021/QĐ-UBND"]),
    (T.CT, 31, "CT/TU", "Ban Thường vụ Tỉnh ủy Quảng Ngãi", date(2014, 6, 13),
     "Chủ trương không dùng rượu, bia trong buổi trưa của các ngày làm việc",
     ["Chỉ thị 31-CT/TU"]),
    (T.QD, 655, "QĐ-UBND", COMMUNE, date(2021, 12, 22),
     "Thành lập Tổ kiểm tra chấp hành kỷ luật, kỷ cương hành chính",
     ["Quyết định số 655/QĐ-UBND"]),
    # "UBND xã đã ban hành Quyết định số 13 … và Quyết định số 14 …"
    (T.QD, 13, "QĐ-UBND", COMMUNE, date(2023, 2, 10),
     "Quy chế chi tiêu nội bộ của cơ quan Ủy ban nhân dân xã Phổ Phong",
     ["Quyết định số 13/QĐ-UBND"]),
    (T.QD, 14, "QĐ-UBND", COMMUNE, date(2023, 2, 10),
     "Quy chế quản lý, sử dụng tài sản công trong cơ quan Ủy ban nhân dân xã Phổ Phong",
     ["Quyết định số 14/QĐ-UBND"]),
    (T.NQ, 76, "NQ-CP", GOVERNMENT, date(2021, 7, 15),
     "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021- 2030",
     ["Nghị quyết số 76/NQ-CP"]),
    # "Nghị định số 16/2015/NĐ-CP, ngày 14/02/ 2015 của Chính phủ quy định …"
    (T.ND, 16, "2015/NĐ-CP", GOVERNMENT, date(2015, 2, 14),
     "Quy định cơ chế tự chủ của đơn vị sự nghiệp công lập", ["Nghị định số 16/2015/NĐ-CP"]),
]


def _at(text: str, anchor: str) -> int:
    assert text.count(anchor) == 1, anchor
    return text.index(anchor)


def _fields(reference: FoundReference) -> tuple:
    return (reference.doc_type, reference.number, reference.symbol, reference.issuer,
            reference.issued_on, reference.title, reference.positions)


def test_the_seed_report_yields_every_document_it_cites_once_with_every_field():
    expected = [(*fields, [_at(SEED_REPORT, a) for a in anchors])
                for *fields, anchors in SEED_REFERENCES]
    found = extract_references(SEED_REPORT)
    assert [_fields(r) for r in found] == expected
    assert len(found) == 34 and not any(r.problems for r in found)


def test_the_units_names_complete_the_seed_alike():
    assert [_fields(r) for r in extract_references(SEED_REPORT, known_issuers=UNIT_ISSUERS)] \
        == [_fields(r) for r in extract_references(SEED_REPORT)]


def _one(text: str, **kwargs) -> FoundReference:
    (reference,) = extract_references(text, **kwargs)
    return reference


def test_a_reference_nested_in_a_plans_title_is_found_too_with_loose_issuers_completed():
    text = ("Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh về thực hiện Nghị quyết số "
            "17/NQ-CP ngày 07/3/2019 của chính phủ về một số nhiệm vụ phát triển Chính phủ "
            "điện tử.")
    plan, resolution = extract_references(text, known_issuers=UNIT_ISSUERS)
    assert (plan.issuer, plan.title) == (PROVINCE, "Thực hiện Nghị quyết số 17/NQ-CP ngày "
                                         "07/3/2019 của chính phủ về một số nhiệm vụ phát triển "
                                         "Chính phủ điện tử")
    assert (resolution.doc_type, resolution.number, resolution.symbol, resolution.issuer,
            resolution.issued_on, resolution.title) == (
        T.NQ, 17, "NQ-CP", GOVERNMENT, date(2019, 3, 7),
        "Một số nhiệm vụ phát triển Chính phủ điện tử")
    assert resolution.positions == [text.index("Nghị quyết")]


def test_a_loose_issuer_is_never_completed_by_guessing():
    alone = _one("Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh về chuyển đổi số.")
    two_provinces = _one("Kế hoạch số 61/KH-UBND của UBND tỉnh về A; phối hợp với tỉnh Quảng "
                         "Ngãi và tỉnh Bình Định.")
    bare = _one("Kế hoạch số 61/KH-UBND của UBND về A.")
    assert (alone.issuer, two_provinces.issuer, bare.issuer) == ("UBND tỉnh", "UBND tỉnh", None)


@pytest.mark.parametrize(("text", "expected"), [
    ("Quyết định 2552/QĐ-UBND", (T.QD, 2552, "QĐ-UBND", "2552/QĐ-UBND", None)),
    ("Nghị định số 59/2012/NĐ-CP", (T.ND, 59, "2012/NĐ-CP", "59/2012/NĐ-CP", 2012)),
    ("Quyết định số 48/2021/QĐ-UBND", (T.QD, 48, "2021/QĐ-UBND", "48/2021/QĐ-UBND", 2021)),
    ("Nghị quyết 20/2020/NQ-HĐND", (T.NQ, 20, "2020/NQ-HĐND", "20/2020/NQ-HĐND", 2020)),
    ("Chỉ thị 31-CT/TU", (T.CT, 31, "CT/TU", "31-CT/TU", None)),
    ("Quyết định số 04/QĐ-UBND", (T.QD, 4, "QĐ-UBND", "04/QĐ-UBND", None)),
    ("Công văn số 581/BNV-CCHC", (T.CV, 581, "BNV-CCHC", "581/BNV-CCHC", None)),
    ("Công văn số 123/UBND-VP", (T.CV, 123, "UBND-VP", "123/UBND-VP", None)),
    ("Thông báo số: 15/TB-UBND", (T.TB, 15, "TB-UBND", "15/TB-UBND", None)),
    ("Báo cáo số 30/BC-UBND", (T.BC, 30, "BC-UBND", "30/BC-UBND", None)),
    ("Tờ trình số 7/TTr-UBND", (T.TTR, 7, "TTr-UBND", "07/TTr-UBND", None)),
    ("Thông tư 01/2018/TT-VPCP", (T.TT, 1, "2018/TT-VPCP", "01/2018/TT-VPCP", 2018)),
    ("Luật số 80/2015/QH13", (T.L, 80, "2015/QH13", "80/2015/QH13", 2015)),
    # No type word: the code in the symbol says what it is.
    ("theo 14/KH-UBND đã ban hành", (T.KH, 14, "KH-UBND", "14/KH-UBND", None)),
])
def test_number_and_symbol_forms(text, expected):
    reference = _one(f"Thực hiện {text}.")
    assert (reference.doc_type, reference.number, reference.symbol, reference.reference,
            reference.year) == expected


def test_the_issuer_of_a_party_directive_and_its_hyphen_number():
    reference = _one("Chỉ thị 31-CT/TU ngày 13/6/2014 của Ban Thường vụ Tỉnh ủy Quảng Ngãi về "
                     "chủ trương không dùng rượu, bia.")
    assert (reference.symbol, reference.issuer, reference.issued_on, reference.title) == (
        "CT/TU", "Ban Thường vụ Tỉnh ủy Quảng Ngãi", date(2014, 6, 13),
        "Chủ trương không dùng rượu, bia")


@pytest.mark.parametrize(("written", "issuer"), [
    ("của Ủy ban nhân dân tỉnh Quảng Ngãi", PROVINCE),
    ("của ủy ban nhân dân xã Phổ Phong", COMMUNE),
    ("của Hội đồng nhân dân tỉnh Quảng Ngãi", COUNCIL),
    ("của UBND thị xã Đức Phổ", TOWN),
    ("của UBND XÃ PHỔ PHONG", COMMUNE),
    ("của chính phủ", GOVERNMENT),
    ("của Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
    ("của Bộ Nội vụ", "Bộ Nội vụ"),
    ("do Sở Nội vụ tỉnh Quảng Ngãi ban hành", "Sở Nội vụ tỉnh Quảng Ngãi"),
    ("của Chủ tịch UBND tỉnh Quảng Ngãi", "Chủ tịch UBND tỉnh Quảng Ngãi"),
])
def test_issuers_in_their_usual_form(written, issuer):
    reference = _one(f"Quyết định số 5/QĐ-UBND ngày 01/02/2023 {written} về việc kiện toàn tổ "
                     "công tác.")
    assert (reference.issuer, reference.title) == (issuer, "Kiện toàn tổ công tác")


@pytest.mark.parametrize(("written", "day"), [
    ("ngày 10/4/2019", date(2019, 4, 10)),
    ("ngày 14/02/ 2015", date(2015, 2, 14)),
    (", ngày 14/02/ 2015", date(2015, 2, 14)),
    ("ngày 16 tháng 11 năm 2018", date(2018, 11, 16)),
    ("ngày 07-3-2019", date(2019, 3, 7)),
    ("ngày 29/02/2024", date(2024, 2, 29)),
])
def test_issue_dates_as_reports_write_them(written, day):
    reference = _one(f"Nghị quyết số 17/NQ-CP {written} của Chính phủ.")
    assert (reference.issued_on, reference.problems) == (day, [])


@pytest.mark.parametrize("written", ["31/02/2023", "29/02/2023", "12/13/2023", "10/4/19"])
def test_a_date_that_does_not_exist_is_reported_not_guessed(written):
    reference = _one(f"Quyết định số 5/QĐ-UBND ngày {written} của UBND xã Phổ Phong về X.")
    assert reference.issued_on is None
    assert [str(p) for p in reference.problems] == [
        f"Ngày ban hành “{written}” không hợp lệ; hãy nhập ngày đúng."]
    assert (reference.issuer, reference.title) == (COMMUNE, "X")


def test_a_year_in_the_symbol_that_is_not_the_issue_dates_is_reported():
    reference = _one("Nghị định số 59/2012/NĐ-CP ngày 23/7/2013 của Chính phủ.")
    assert reference.issued_on == date(2013, 7, 23)
    assert [str(p) for p in reference.problems] == [
        "Năm trong ký hiệu (2012) khác năm ban hành (2013)."]


def test_line_breaks_inside_a_reference():
    text = ("Thực hiện Kế hoạch số\n61/KH-\nUBND ngày 10/4/\n2019 của UBND\ntỉnh Quảng Ngãi về "
            "cải cách\nhành chính.\r\nQuyết định số 1152/QĐ-UBND ngày 30/12/2022\r\nvề ban hành "
            "kế hoạch.")
    plan, decision = extract_references(text)
    assert (plan.doc_type, plan.number, plan.symbol, plan.issuer, plan.issued_on,
            plan.title) == (T.KH, 61, "KH-UBND", PROVINCE, date(2019, 4, 10),
                            "Cải cách hành chính")
    assert plan.positions == [text.index("Kế hoạch")]
    assert (decision.issued_on, decision.title) == (date(2022, 12, 30), "Ban hành kế hoạch")


@pytest.mark.parametrize("page_break", ["\n\n", "\n\n2\n\n", "\f", "\n- 3 -\n", "\nTrang 4/10\n"])
def test_a_page_break_inside_a_reference_or_its_title(page_break):
    text = (f"Kế hoạch số 28/KH-UBND ngày 07/3/2023 của UBND xã{page_break}truyền thông về "
            f"hoạt động kiểm soát thủ tục{page_break}hành chính năm 2023. Kế hoạch số "
            f"30/KH-{page_break}UBND ngày 08/3/2023.")
    first, second = extract_references(text, known_issuers=UNIT_ISSUERS)
    assert (first.issuer, first.title) == (
        COMMUNE, "Truyền thông về hoạt động kiểm soát thủ tục hành chính năm 2023")
    assert (second.number, second.symbol, second.issued_on) == (30, "KH-UBND", date(2023, 3, 8))


def test_a_new_paragraph_ends_a_title():
    text = "Kế hoạch số 14/KH-UBND ngày 01/02/2023 về thi hành pháp luật\n\nTrong quý, UBND xã"
    assert _one(text).title == "Thi hành pháp luật"


def test_a_list_ends_each_title_at_the_next_reference():
    text = ("UBND xã đã ban hành Quyết định số 13/QĐ-UBND ngày 10/02/2023 Quy chế chi tiêu nội "
            "bộ và Quyết định số 14/QĐ-UBND ngày 10/02/2023 Quy chế quản lý tài sản công, "
            "Kế hoạch số 5/KH-UBND ngày 1/3/2023 về kiểm tra. Quyết định số 15/QĐ-UBND ngày "
            "11/02/2023 về thi đua.")
    first, second, plan, later = extract_references(text, known_issuers=UNIT_ISSUERS)
    assert [(r.title, r.issuer) for r in (first, second, plan)] == [
        ("Quy chế chi tiêu nội bộ", COMMUNE), ("Quy chế quản lý tài sản công", COMMUNE),
        ("Kiểm tra", COMMUNE)]
    assert later.issuer is None  # the next sentence names no issuer


def test_the_same_document_cited_twice_is_one_entry_with_both_positions():
    text = ("Thực hiện Kế hoạch số 14/KH-UBND ngày 01/02/2023 của UBND xã Phổ Phong; theo Kế "
            "hoạch số 14/KH-UBND ngày 01/02/2023 về thi hành pháp luật. Kế hoạch số 14/KH-UBND "
            "ngày 02/02/2022 về năm trước; Kế hoạch số 14/KH-UBND ngày 01/02/2023 của UBND "
            "tỉnh Quảng Ngãi.")
    this_year, last_year, province = extract_references(text)
    starts = [m.start() for m in re.finditer("Kế hoạch", text)]
    assert this_year.positions == [starts[0], starts[1]]
    assert (this_year.issuer, this_year.title) == (COMMUNE, "Thi hành pháp luật")
    assert (last_year.positions, last_year.issued_on) == ([starts[2]], date(2022, 2, 2))
    assert (province.positions, province.issuer) == ([starts[3]], PROVINCE)


def test_positions_are_offsets_in_the_text_as_given_even_when_decomposed():
    text = unicodedata.normalize("NFD", "Để thực hiện tốt, xem Quyết định số 35/QĐ-UBND.")
    reference = _one(text)
    assert reference.positions == [text.index("Quy")]
    assert reference.symbol == "QĐ-UBND"


@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    "Tổng số hồ sơ tiếp nhận: 720 hồ sơ; hiện có mặt 22/23 người, Đại học: 8/10.",
    "Số: /BC-UBND — theo tiêu chuẩn TCVN ISO 9001:2015, số liệu đến ngày 10/03/2023.",
    "Kế hoạch cải cách hành chính năm 2023 của UBND xã; Quyết định, công văn chỉ đạo.",
    "nhiệm kỳ 2021-2026, giai đoạn 2021- 2030, Quý I/2023, 6/6 Công an viên.",
])
def test_text_without_references(text):
    assert extract_references(text) == []
