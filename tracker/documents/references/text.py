"""The text flattened for matching (folded, breaks and page numbers kept apart), and the
shapes of what it cites: number and symbol, date, the words around an issuer and a title."""

import re
import unicodedata
from dataclasses import dataclass

from tracker.documents.types import DocumentType


@dataclass(frozen=True)
class FlatText:
    flat: str  # NFC; white space folded to " ", a break between paragraphs kept as "\n"
    folded: str  # the same length: lower case, no diacritics, đ → d, for matching words
    origin: list[int]  # flat index → offset in the text given


# A line that is only a page number ("2", "- 2 -", "Trang 2/10"), as text taken from a PDF
# has between pages: blanked (same length, so offsets hold) so the sentence runs on.
_PAGE_NUMBER = re.compile(r"(?:^|(?<=[\f\v]))[ \t]*[-–—]?[ \t]*(?:trang[ \t]+)?\d{1,4}"
                          r"(?:[ \t]*/[ \t]*\d{1,4})?[ \t]*[-–—]?[ \t]*(?=\r?$|[\f\v])",
                          re.IGNORECASE | re.MULTILINE)


_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


_BLOCK_START = re.compile(r"[-+•*#|>–]|(?:\d{1,2}|[a-zđ]|[IVXL]{1,5})[.)]\s")


_STROKED_D = str.maketrans("đĐ", "dD")


def flatten(text: str) -> FlatText:
    text = _PAGE_NUMBER.sub(lambda page: " " * len(page.group()), text)
    chars: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        if text[i].isspace():
            while j < len(text) and text[j].isspace():
                j += 1
            if chars and j < len(text):
                broken = any(c in _LINE_BREAKS for c in text[i:j])
                chars.append(_break(chars[-1], text[j:j + 8]) if broken else " ")
                origin.append(i)
        else:
            while j < len(text) and unicodedata.combining(text[j]):
                j += 1
            for char in unicodedata.normalize("NFC", text[i:j]):
                chars.append(char)
                origin.append(i)
        i = j
    flat = "".join(chars)
    return FlatText(flat, "".join(_fold_char(c) for c in flat), origin)


def _break(previous: str, following: str) -> str:
    """A line or page break inside a sentence (the next line goes on in lower case, or the
    break falls after "-", "/" or ",") is a space; anything else ends a paragraph."""
    if previous in ".;:!?" or _BLOCK_START.match(following):
        return "\n"
    if following[0].islower() or following[0].isdigit() or previous in "-–/,(":
        return " "
    return "\n"


def _fold_char(char: str) -> str:
    bare = unicodedata.normalize("NFD", char.translate(_STROKED_D))[0].casefold()
    return bare if len(bare) == 1 else char


def _letters(upper: bool) -> str:
    chars = (chr(c) for c in (*range(0x41, 0x250), *range(0x1E00, 0x1F00)))
    return "".join(c for c in chars if c.isalpha() and c.isupper() == upper)


UPPER, LOWER = _letters(True), _letters(False)


_TOKEN = rf"[{UPPER}][{UPPER}{LOWER}0-9]*"


# After "-": a code written on (KH-UBND, QĐ-TTg), or, when the line breaks after the
# hyphen, an upper-case one (KH-⏎UBND); never a capitalised word that follows a dash.
_PART = rf"(?:[-–&]{_TOKEN}|[-–]\s+[{UPPER}][{UPPER}0-9]*(?![{LOWER}]))"


NUMBER_SYMBOL = re.compile(
    rf"(?<![\w/.,–-])(?:(?P<party>\d{{1,7}})[-–](?P<pcode>{_TOKEN})/\s*(?P<porg>{_TOKEN}{_PART}*)"
    rf"|(?P<number>\d{{1,7}})/\s*(?:(?P<year>\d{{4}})/\s*)?(?P<code>{_TOKEN})(?P<rest>{_PART}*))"
)


TYPE_CODES = ({t.value: t for t in DocumentType if t is not DocumentType.CV}
              | {"TTLT": DocumentType.TT})


TYPE_WORDS = {
    "ke hoach": DocumentType.KH, "quyet dinh": DocumentType.QD, "nghi quyet": DocumentType.NQ,
    "nghi dinh": DocumentType.ND, "chi thi": DocumentType.CT, "thong tu": DocumentType.TT,
    "thong tu lien tich": DocumentType.TT, "cong van": DocumentType.CV,
    "van ban": DocumentType.CV, "thong bao": DocumentType.TB, "bao cao": DocumentType.BC,
    "to trinh": DocumentType.TTR, "huong dan": DocumentType.HD, "chuong trinh": DocumentType.CTR,
    "quy che": DocumentType.QC, "quy dinh": DocumentType.QYD, "de an": DocumentType.DEAN,
    "phuong an": DocumentType.PA, "du an": DocumentType.DA, "cong dien": DocumentType.CD,
    "giay moi": DocumentType.GM, "bien ban": DocumentType.BB, "hop dong": DocumentType.HOPDONG,
    "thong cao": DocumentType.TC, "luat": DocumentType.L,
}


_WORDS = "|".join(sorted(TYPE_WORDS, key=len, reverse=True))


TYPE_BEFORE = re.compile(rf"\b({_WORDS})(?:\s+so\b)?\s*:?\s*\Z")


_SYMBOL_YEAR = re.compile(r"^(\d{4})/")


def join_symbol(*parts: str) -> str:
    return re.sub(r"\s+", "", "".join(parts)).replace("–", "-")


def symbol_year(symbol: str) -> int | None:
    match = _SYMBOL_YEAR.match(symbol)
    return int(match.group(1)) if match else None


DATE = re.compile(
    r"\s*,?\s*(?:ban hanh\s+)?ngay\s+(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,4})"
    r"|(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s+nam\s+(\d{1,4}))\b"
)


OF = re.compile(r"\s*,?\s*(cua|do)\s+")


ISSUED_BY = re.compile(r"\s+ban hanh\b")


_OPENERS = (
    "ban hanh", "quy dinh", "quy che", "noi quy", "huong dan", "trien khai", "thuc hien",
    "to chuc", "thanh lap", "kien toan", "phe duyet", "cong bo", "cong nhan", "giao",
    "sua doi", "bo sung", "bai bo", "dieu chinh", "phan cong", "phan bo", "phan cap",
    "uy quyen", "chuong trinh", "danh muc", "theo doi", "ra soat", "kiem tra", "kiem soat",
    "tuyen truyen", "truyen thong", "pho bien", "ung dung", "duy tri", "khac phuc",
    "tang cuong", "day manh", "nang cao", "chan chinh", "xay dung", "phat trien", "cai cach",
    "danh gia", "tong ket", "so ket", "thi hanh", "chu truong", "doi moi", "sap xep",
    "quan ly", "thanh tra", "giai quyet", "cung co", "hoan thien", "phong chong", "bao dam",
    "dam bao", "ho tro", "chuyen doi", "ap dung", "khen thuong", "bo nhiem", "quan triet",
)


# "về", "về việc" only join the title to the reference; the other openers begin it.
TITLE_START = re.compile(rf"\s+(?:(?:ve viec|v/v|ve)\s+|(?=(?:{'|'.join(_OPENERS)})\b))")


STARTS_PHRASE = re.compile(rf"(?:{'|'.join(_OPENERS)}|{_WORDS}|ve)\b")


LISTED = re.compile(r"(?:,|\s(?:va|cung|hoac))$")


SENTENCE_END = re.compile(r"\.(?=\s|$)|[\n!?]")
