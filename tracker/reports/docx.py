"""A report as a Word file laid out as Nghị định 30/2020/NĐ-CP (Phụ lục I) asks of an
administrative document: A4, Times New Roman, the two-column header with the unit and the
Quốc hiệu, numbered points, then Nơi nhận beside the signature block."""

import io
import zipfile
from copy import deepcopy
from datetime import UTC, datetime
from functools import cache

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.section import Section as PageSection
from docx.shared import Cm, Length, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from tracker.reports.content import Block, BlockKind, Header, ReportContent, Section, Signature

FONT = "Times New Roman"
BODY_PT = 14
DRAFT_MARK = "DỰ THẢO"
# Text width: A4 (210 mm) less the 30 mm and 15 mm side margins. The right column of the
# header must hold the Quốc hiệu on one line at 12 pt bold.
TEXT_MM = 165
LEFT_COLUMN_MM = 70
RIGHT_COLUMN_MM = TEXT_MM - LEFT_COLUMN_MM
CELL_PADDING_MM = 1.9  # Word's default cell margin on each side
# The printed width of "Độc lập - Tự do - Hạnh phúc" at 13 pt bold: its rule is as long.
MOTTO_RULE_MM = 58.5
# Under the unit name and the title the rule is a third to half of the text above it.
SHORT_RULE_MM = 25
TITLE_RULE_MM = 40
# Word files carry dates; a constant one keeps the bytes a function of the content alone.
FIXED_DATE = datetime(2020, 1, 1, tzinfo=UTC)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
AUTHOR = "CCHC Tracker"


def render_docx(content: ReportContent) -> bytes:
    document = _new_document(content)
    _header(document, content.header)
    _title(document, content)
    for section in content.sections:
        _section(document, section)
    closing = document.add_paragraph()
    _body_paragraph(closing, content.closing)
    closing.paragraph_format.keep_with_next = True  # the signature page is never text-less
    _footer(document, content.recipients, content.signature)
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())


# -- document set-up --------------------------------------------------------------------


def _new_document(content: ReportContent) -> DocxDocument:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    _default_font(document)
    _page_numbers(section)
    if not content.final:
        _draft_mark(section)
    _core_properties(document, content)
    return document


def _default_font(document: DocxDocument) -> None:
    """Times New Roman everywhere, instead of the template's theme fonts (Word would use
    Calibri/Cambria for anything without a font of its own, e.g. empty paragraphs)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(run_defaults)
    run_defaults.find(qn("w:lang")).set(qn("w:val"), "vi-VN")
    normal = document.styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr())
    normal.font.size = Pt(BODY_PT)
    _spacing(normal.paragraph_format, after=6)


def _set_fonts(run_properties) -> None:
    """All four font slots, so Word substitutes nothing for Vietnamese letters."""
    fonts = run_properties.get_or_add_rFonts()
    fonts.attrib.clear()  # theme fonts would win over the named one
    for name in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(name), FONT)


def _page_numbers(section: PageSection) -> None:
    """The page number, centred in the top margin from page 2 on (NĐ 30: not on page 1)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field_part(paragraph, "w:fldChar", fldCharType="begin")
    _field_part(paragraph, "w:instrText", text=" PAGE ")
    _field_part(paragraph, "w:fldChar", fldCharType="separate")
    _run(paragraph, "2", BODY_PT)  # shown until the reader updates the field
    _field_part(paragraph, "w:fldChar", fldCharType="end")


def _draft_mark(section: PageSection) -> None:
    """ "DỰ THẢO" at the top right of every page, so a printed draft is never taken for
    the signed report."""
    for header in (section.first_page_header, section.header):
        paragraph = header.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(paragraph, DRAFT_MARK, BODY_PT, bold=True)


def _field_part(paragraph: Paragraph, tag: str, text: str = "", **attributes: str) -> None:
    element = OxmlElement(tag, attrs={qn(f"w:{k}"): v for k, v in attributes.items()})
    if text:
        element.set(qn("xml:space"), "preserve")
        element.text = text
    _run(paragraph, "", BODY_PT)._r.append(element)


def _core_properties(document: DocxDocument, content: ReportContent) -> None:
    properties = document.core_properties
    properties.author = properties.last_modified_by = AUTHOR
    properties.title = f"{content.kind_title} {content.title}"
    properties.subject = f"{content.unit_code} {content.period}"
    properties.comments = ""
    properties.language = "vi-VN"
    properties.revision = 1
    properties.created = properties.modified = properties.last_printed = FIXED_DATE
    # The template's thumbnail shows an empty python-docx page, not this report.
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)


def _stable_zip(data: bytes) -> bytes:
    """The same parts in a fixed order with fixed timestamps: the same content gives the
    same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda name: (name != "[Content_Types].xml", name))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name))
    return output.getvalue()


# -- header, title ----------------------------------------------------------------------


def _header(document: DocxDocument, header: Header) -> None:
    left, right = _layout_table(document)
    first = left.paragraphs[0]
    if header.parent_name:
        _line(first, header.parent_name.upper(), 13)
        first = left.add_paragraph()
    _line(first, _unit_lines(header.unit_name.upper()), 13, bold=True)
    _rule(left.add_paragraph(), SHORT_RULE_MM, LEFT_COLUMN_MM - 2 * CELL_PADDING_MM)
    _line(left.add_paragraph(), header.number_line, 13, before=6)

    _line(right.paragraphs[0], header.national_name.upper(), 12, bold=True)
    _line(right.add_paragraph(), header.motto, 13, bold=True)
    _rule(right.add_paragraph(), MOTTO_RULE_MM, RIGHT_COLUMN_MM - 2 * CELL_PADDING_MM)
    _line(right.add_paragraph(), header.place_date, 14, italic=True, before=6)


def _unit_lines(name: str) -> str:
    """ "ỦY BAN NHÂN DÂN" on a line of its own, as units write it: the whole name does not
    fit the column on one line, and letting it wrap would break it anywhere."""
    for prefix in ("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN "):
        if name.startswith(prefix):
            return prefix.rstrip() + "\n" + name.removeprefix(prefix)
    return name


def _title(document: DocxDocument, content: ReportContent) -> None:
    _line(document.add_paragraph(), content.kind_title.upper(), BODY_PT, bold=True, before=18)
    _line(document.add_paragraph(), content.title, BODY_PT, bold=True)
    _rule(document.add_paragraph(), TITLE_RULE_MM, TEXT_MM, after=12)


# -- sections and blocks ----------------------------------------------------------------


def _section(document: DocxDocument, section: Section) -> None:
    title = section.title.upper() if section.level == 1 else section.title
    text = f"{_label(section)} {title}".strip()
    paragraph = document.add_paragraph()
    _body_paragraph(paragraph, text, bold=section.level < 3, italic=section.level >= 3)
    paragraph.paragraph_format.keep_with_next = True  # no heading alone at a page's foot
    for block in section.blocks:
        _block(document, block)
    for child in section.children:
        _section(document, child)


def _label(section: Section) -> str:
    """ "I." / "1." / "a)": the number as content gives it, punctuated if it is not."""
    number = section.number.strip()
    if number.endswith((".", ")")):
        return number
    return f"{number})" if section.level >= 3 else f"{number}."


_PREFIXES = {BlockKind.PARAGRAPH: "", BlockKind.BULLET: "- ", BlockKind.SUBBULLET: "+ "}


def _block(document: DocxDocument, block: Block) -> None:
    # Dashes as text, not Word list numbering: the report reads the same in any editor.
    # A copy of one formatted paragraph: a long report has thousands of these, and
    # python-docx's property setters cost a millisecond each time.
    paragraph = deepcopy(_plain_body_paragraph())
    paragraph.find(f"{qn('w:r')}/{qn('w:t')}").text = _PREFIXES[block.kind] + block.text
    document.element.body._insert_p(paragraph)


@cache
def _plain_body_paragraph() -> CT_P:
    scratch = Document().add_paragraph()
    _body_paragraph(scratch, "-")
    return scratch._p


def _body_paragraph(paragraph: Paragraph, text: str, bold=False, italic=False) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1.27)
    _spacing(paragraph.paragraph_format, after=6, line=1.15)
    _run(paragraph, text, BODY_PT, bold=bold, italic=italic)


# -- Nơi nhận and signature -------------------------------------------------------------


def _footer(document: DocxDocument, recipients: list[str], signature: Signature) -> None:
    left, right = _layout_table(document)
    heading = left.paragraphs[0]
    _line(heading, "Nơi nhận:", 12, bold=True, italic=True, before=12,
          align=WD_ALIGN_PARAGRAPH.LEFT)
    for index, recipient in enumerate(recipients):
        end = "." if index == len(recipients) - 1 else ";"
        text = "- " + recipient.strip().lstrip("-").strip().rstrip(";.") + end
        _line(left.add_paragraph(), text, 11, align=WD_ALIGN_PARAGRAPH.LEFT)

    first = right.paragraphs[0]
    for index, text in enumerate(signature.lines):
        paragraph = first if index == 0 else right.add_paragraph()
        _line(paragraph, text.upper(), BODY_PT, bold=True, before=12 if index == 0 else 0)
    # The room left for the signature and the seal.
    _line(right.add_paragraph(), signature.name, BODY_PT, bold=True, before=80)


# -- building blocks --------------------------------------------------------------------


def _layout_table(document: DocxDocument) -> tuple[_Cell, _Cell]:
    """A borderless two-column table: how administrative documents set text side by side."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(OxmlElement(f"w:{edge}", attrs={qn("w:val"): "nil"}))
    table._tbl.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"
    )
    # One row that never splits: the signature stays with its title on one page.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for column, width in zip(table.columns, (LEFT_COLUMN_MM, RIGHT_COLUMN_MM), strict=True):
        column.width = Mm(width)
        column.cells[0].width = Mm(width)
    return table.cell(0, 0), table.cell(0, 1)


def _line(paragraph: Paragraph, text: str, size: int, *, bold=False, italic=False,
          before: int = 0, align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    """A single-spaced line of the header, title or footer."""
    paragraph.alignment = align
    _spacing(paragraph.paragraph_format, before=before, after=0, line=1.0)
    _run(paragraph, text, size, bold=bold, italic=italic)


def _rule(paragraph: Paragraph, length_mm: float, width_mm: float, after: int = 0) -> None:
    """A centred horizontal line `length_mm` long: the bottom border of an empty, thin
    paragraph indented from both sides (no drawing, so any reader keeps it)."""
    indent = Mm((width_mm - length_mm) / 2)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = indent
    paragraph.paragraph_format.first_line_indent = Mm(0)
    _spacing(paragraph.paragraph_format, after=after, line=Pt(3))
    borders = OxmlElement("w:pBdr")
    borders.append(OxmlElement("w:bottom", attrs={
        qn("w:val"): "single", qn("w:sz"): "6", qn("w:space"): "1", qn("w:color"): "000000",
    }))
    # The schema fixes the order of a paragraph's properties; pBdr comes before these.
    paragraph._p.get_or_add_pPr().insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc"
    )


def _run(paragraph: Paragraph, text: str, size: int, *, bold=False, italic=False) -> Run:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    _set_fonts(run._r.get_or_add_rPr())
    for element in run._r.findall(qn("w:t")):
        element.set(qn("xml:space"), "preserve")  # "Số:      /BC-UBND" keeps its blank
    return run


def _spacing(format_, *, before: int = 0, after: int = 0, line: float | Length = 1.0) -> None:
    format_.space_before = Pt(before)
    format_.space_after = Pt(after)
    format_.line_spacing = line
