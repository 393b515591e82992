"""Document types and how a document's number and symbol are written."""

import re
from datetime import date
from enum import StrEnum

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from tracker.core.text import written_date


class DocumentType(StrEnum):
    """Type codes of Nghị định 30/2020/NĐ-CP (Phụ lục III) plus legal documents' codes.

    A Công văn has no type code in its symbol; CV is our own code for it.
    """

    NQ = "NQ"
    QD = "QĐ"
    CT = "CT"
    QC = "QC"
    QYD = "QyĐ"
    TC = "TC"
    TB = "TB"
    HD = "HD"
    CTR = "CTr"
    KH = "KH"
    PA = "PA"
    DEAN = "ĐA"
    DA = "DA"
    BC = "BC"
    BB = "BB"
    TTR = "TTr"
    HOPDONG = "HĐ"
    CD = "CĐ"
    GM = "GM"
    CV = "CV"
    L = "L"
    ND = "NĐ"
    TT = "TT"

    @property
    def label(self) -> str:
        return str(_TYPE_NAMES[self])


_TYPE_NAMES = {
    DocumentType.NQ: _l("Nghị quyết"),
    DocumentType.QD: _l("Quyết định"),
    DocumentType.CT: _l("Chỉ thị"),
    DocumentType.QC: _l("Quy chế"),
    DocumentType.QYD: _l("Quy định"),
    DocumentType.TC: _l("Thông cáo"),
    DocumentType.TB: _l("Thông báo"),
    DocumentType.HD: _l("Hướng dẫn"),
    DocumentType.CTR: _l("Chương trình"),
    DocumentType.KH: _l("Kế hoạch"),
    DocumentType.PA: _l("Phương án"),
    DocumentType.DEAN: _l("Đề án"),
    DocumentType.DA: _l("Dự án"),
    DocumentType.BC: _l("Báo cáo"),
    DocumentType.BB: _l("Biên bản"),
    DocumentType.TTR: _l("Tờ trình"),
    DocumentType.HOPDONG: _l("Hợp đồng"),
    DocumentType.CD: _l("Công điện"),
    DocumentType.GM: _l("Giấy mời"),
    DocumentType.CV: _l("Công văn"),
    DocumentType.L: _l("Luật"),
    DocumentType.ND: _l("Nghị định"),
    DocumentType.TT: _l("Thông tư"),
}

# KH-UBND, 2019/NĐ-CP, CT/TU, UBND-VP, SNV-CCHC&PC: letters (Vietnamese included),
# digits and the separators - / & . with no spaces.
SYMBOL_PATTERN = re.compile(r"^[0-9A-Za-zĐđ]+(?:[-/&.][0-9A-Za-zĐđ]+)*$")
# Party documents (CT/TU, NQ/TW) start with the type code and a slash; their number
# is joined with a hyphen: 31-CT/TU.
_PARTY_SYMBOL = re.compile(r"^[A-Za-zĐđ]+/")


def cite(doc_type: DocumentType, reference: str, issued_on: date | None) -> str:
    """ "Kế hoạch số 14/KH-UBND ngày 01/02/2023": the document's own Vietnamese name, in
    every language of the interface (the date left out when unknown)."""
    with force_locale("vi"):
        name = doc_type.label
    when = f" ngày {written_date(issued_on)}" if issued_on else ""
    return f"{name} số {reference}{when}"


def format_reference(number: int, symbol: str) -> str:
    """ "14/KH-UBND", "04/QĐ-UBND", "59/2012/NĐ-CP", "31-CT/TU"."""
    separator = "-" if _PARTY_SYMBOL.match(symbol) else "/"
    return f"{number:02d}{separator}{symbol}"
