import io
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tracker.reports.content import (
    Block,
    BlockKind,
    Header,
    ReportContent,
    Section,
    Signature,
    blocks_from_text,
)
from tracker.reports.docx import render_docx

TITLE = (
    "Công tác cải cách hành chính Quý I năm 2023 và phương hướng nhiệm vụ Quý II năm 2023"
)
CLOSING = (
    "Trên đây là báo cáo tình hình thực hiện công tác cải cách hành chính Quý I năm 2023, "
    "phương hướng nhiệm vụ Quý II năm 2023 của UBND xã Phổ Phong./."
)


def _content(**changes) -> ReportContent:
    """The seed report's shape: its header, points of the three levels, bullets and
    sub-bullets, four recipients and the chairman's signature."""
    first = Section(2, "1", "Về tổ chức chỉ đạo, điều hành cải cách hành chính", blocks_from_text(
        "- Xác định cải cách thủ tục hành chính là nhiệm vụ trọng tâm.\n"
        "- Kế hoạch số 14/KH-UBND ngày 01/02/2023 về triển khai công tác thi hành pháp luật."
    ))
    dossiers = Section(3, "d)", "Kết quả giải quyết thủ tục hành chính", blocks_from_text(
        "- Tổng số hồ sơ tiếp nhận: 720 hồ sơ. Trong đó:\n"
        "+ Hồ sơ kỳ trước chuyển qua: 03.\n"
        "+ Hồ sơ mới tiếp nhận: 717."
    ))
    laws = Section(3, "a)", "Công tác xây dựng văn bản quy phạm pháp luật", [
        Block(BlockKind.PARAGRAPH, "Trong Quý I năm 2023, UBND xã không ban hành văn bản "
                                   "quy phạm pháp luật."),
    ])
    sections = [
        Section(1, "I", "Công tác chỉ đạo, điều hành cải cách hành chính", children=[first]),
        Section(1, "II", "Kết quả thực hiện công tác cải cách hành chính", children=[
            Section(2, "1", "Cải cách thể chế", children=[laws]),
            Section(2, "2", "Cải cách thủ tục hành chính", children=[dossiers]),
        ]),
        Section(1, "III", "Đánh giá chung", blocks=[
            Block(BlockKind.PARAGRAPH, "Trang thiết bị hiện nay đã xuống cấp."),
        ]),
    ]
    fields = dict(
        unit_code="pho-phong", period="2023-Q1", final=False,
        header=Header(
            parent_name="UBND THỊ XÃ ĐỨC PHỔ", unit_name="Ủy ban nhân dân xã Phổ Phong",
            number_line="Số:      /BC-UBND", place_date="Phổ Phong, ngày 05 tháng 3 năm 2023",
        ),
        kind_title="BÁO CÁO", title=TITLE, sections=sections, closing=CLOSING,
        recipients=["UBND thị xã Đức Phổ", "Cơ quan Tổ chức-Nội vụ thị xã", "CT, PCT UBND xã",
                    "Lưu: VT"],
        signature=Signature(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Phan Tiến Định"),
    )
    return ReportContent(**fields | changes)


@pytest.fixture(scope="module")
def data() -> bytes:
    return render_docx(_content())


@pytest.fixture(scope="module")
def document(data):
    return Document(io.BytesIO(data))


def _texts(paragraphs) -> list[str]:
    return [p.text for p in paragraphs if p.text]


def _all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for cell in table._cells:
            yield from cell.paragraphs
    yield from document.sections[0].header.paragraphs


def _has_bottom_border(paragraph) -> bool:
    return paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None


def test_an_a4_page_with_the_decree_margins(document):
    section = document.sections[0]
    mm = [round(length.mm, 1) for length in (
        section.page_width, section.page_height, section.top_margin, section.bottom_margin,
        section.left_margin, section.right_margin,
    )]  # Word stores twentieths of a point
    assert mm == [210, 297, 20, 20, 30, 15]


def test_every_run_is_times_new_roman_of_an_allowed_size(document):
    runs = [run for paragraph in _all_paragraphs(document) for run in paragraph.runs]
    assert len(runs) > 30
    for run in runs:
        fonts = run._r.rPr.rFonts
        assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} \
            == {"Times New Roman"}
        assert Pt(11) <= run.font.size <= Pt(14)
    # Paragraphs without runs of their own (the rules) fall back on the same font.
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    assert defaults.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:ascii")) \
        == "Times New Roman"
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_body_text_is_justified_14_pt_with_a_first_line_indent(document):
    closing = next(p for p in document.paragraphs if p.text == CLOSING)
    assert closing.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Mm(10) <= closing.paragraph_format.first_line_indent <= Mm(12.7)
    assert closing.paragraph_format.space_after >= Pt(6)
    assert closing.paragraph_format.line_spacing >= 1.0
    assert closing.runs[0].font.size == Pt(14)


def test_the_header_sets_unit_and_quoc_hieu_side_by_side(document):
    header = document.tables[0]
    left, right = header.rows[0].cells
    assert _texts(left.paragraphs) == [
        "UBND THỊ XÃ ĐỨC PHỔ", "ỦY BAN NHÂN DÂN\nXÃ PHỔ PHONG", "Số:      /BC-UBND",
    ]
    parent, unit, rule, number = left.paragraphs
    assert not parent.runs[0].bold and unit.runs[0].bold and not number.runs[0].bold
    assert _has_bottom_border(rule) and rule.text == ""
    assert parent.runs[0].font.size == unit.runs[0].font.size == Pt(13)

    assert _texts(right.paragraphs) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Phổ Phong, ngày 05 tháng 3 năm 2023",
    ]
    national, motto, rule, place_date = right.paragraphs
    assert national.runs[0].bold and motto.runs[0].bold and _has_bottom_border(rule)
    assert place_date.runs[0].italic and not place_date.runs[0].bold
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in left.paragraphs)
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_a_unit_without_a_parent_starts_with_its_own_name():
    header = replace(_content().header, parent_name=None)
    document = Document(io.BytesIO(render_docx(_content(header=header))))
    assert _texts(document.tables[0].rows[0].cells[0].paragraphs)[0] \
        == "ỦY BAN NHÂN DÂN\nXÃ PHỔ PHONG"


def test_kind_and_title_are_bold_and_centred(document):
    kind, title = document.paragraphs[:2]
    assert (kind.text, title.text) == ("BÁO CÁO", TITLE)
    for paragraph in (kind, title):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert paragraph.runs[0].bold and paragraph.runs[0].font.size == Pt(14)


def test_points_and_bullets_in_reading_order(document):
    texts = _texts(document.paragraphs)
    assert texts[texts.index(TITLE) + 1:] == [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
        "1. Về tổ chức chỉ đạo, điều hành cải cách hành chính",
        "- Xác định cải cách thủ tục hành chính là nhiệm vụ trọng tâm.",
        "- Kế hoạch số 14/KH-UBND ngày 01/02/2023 về triển khai công tác thi hành pháp luật.",
        "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH",
        "1. Cải cách thể chế",
        "a) Công tác xây dựng văn bản quy phạm pháp luật",
        "Trong Quý I năm 2023, UBND xã không ban hành văn bản quy phạm pháp luật.",
        "2. Cải cách thủ tục hành chính",
        "d) Kết quả giải quyết thủ tục hành chính",
        "- Tổng số hồ sơ tiếp nhận: 720 hồ sơ. Trong đó:",
        "+ Hồ sơ kỳ trước chuyển qua: 03.",
        "+ Hồ sơ mới tiếp nhận: 717.",
        "III. ĐÁNH GIÁ CHUNG",
        "Trang thiết bị hiện nay đã xuống cấp.",
        CLOSING,
    ]
    by_text = {p.text: p for p in document.paragraphs}
    assert by_text["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"].runs[0].bold
    assert by_text["1. Cải cách thể chế"].runs[0].bold
    assert not by_text["+ Hồ sơ mới tiếp nhận: 717."].runs[0].bold
    # Dashes are text, not Word list numbering.
    assert not document.element.body.findall(f".//{qn('w:numPr')}")


def test_a_point_without_title_shows_its_number():
    sections = [Section(1, "IV", "", [Block(BlockKind.PARAGRAPH, "Nội dung.")])]
    document = Document(io.BytesIO(render_docx(_content(sections=sections))))
    texts = _texts(document.paragraphs)
    assert texts[texts.index(TITLE) + 1:texts.index(TITLE) + 3] == ["IV.", "Nội dung."]


def test_noi_nhan_beside_the_signature(document):
    left, right = document.tables[1].rows[0].cells
    assert _texts(left.paragraphs) == [
        "Nơi nhận:", "- UBND thị xã Đức Phổ;", "- Cơ quan Tổ chức-Nội vụ thị xã;",
        "- CT, PCT UBND xã;", "- Lưu: VT.",
    ]
    heading = left.paragraphs[0].runs[0]
    assert heading.bold and heading.italic and heading.font.size == Pt(12)
    assert {p.runs[0].font.size for p in left.paragraphs[1:]} == {Pt(11)}
    assert _texts(right.paragraphs) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phan Tiến Định"]
    assert all(p.runs[0].bold for p in right.paragraphs)
    assert right.paragraphs[-1].paragraph_format.space_before >= Pt(48)  # room to sign


def test_page_numbers_in_the_header_from_page_two(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert header._p.find(f".//{qn('w:instrText')}").text.strip() == "PAGE"


def test_a_draft_says_so_on_every_page_and_the_signed_report_does_not(document):
    section = document.sections[0]
    for header in (section.first_page_header, section.header):
        mark = header.paragraphs[-1]
        assert mark.text == "DỰ THẢO" and mark.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert mark.runs[0].bold
    signed = Document(io.BytesIO(render_docx(_content(final=True)))).sections[0]
    assert not _texts(signed.first_page_header.paragraphs)
    assert _texts(signed.header.paragraphs) == ["2"]  # the page number alone


def test_the_same_content_gives_the_same_bytes(data):
    with time_machine.travel(datetime(2031, 7, 15, 9, 30, tzinfo=UTC)):
        assert render_docx(_content()) == data  # at another time, too
    assert render_docx(_content(closing="Khác./.")) != data
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.namelist()[0] == "[Content_Types].xml"
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = Document(io.BytesIO(data)).core_properties
    assert properties.author == "CCHC Tracker"


def test_libreoffice_converts_it_to_pdf(data, tmp_path: Path):
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(data)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    pdf = (tmp_path / "bao-cao.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
