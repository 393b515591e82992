"""Finding the documents a free Vietnamese text cites: "Kế hoạch số 61/KH-UBND ngày 10/4/2019
của UBND tỉnh về …" gives type, number, symbol, issuer, issue date and trích yếu.

Reports are typed by hand and pasted from Word or PDF, so the parser takes what they hold:
"số" left out, the year inside the number (59/2012/NĐ-CP), Party numbering (31-CT/TU), dates
with stray spaces or in words, lines and pages broken inside a reference, issuers named
loosely ("UBND tỉnh", "chính phủ"). It never guesses: what the text does not say stays None,
and a date that does not exist is reported, not corrected. Pure: no database.
"""

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from tracker.core.text import clean, fold
from tracker.documents.types import DocumentType, cite, format_reference


@dataclass
class FoundReference:
    """One document the text cites, once however often it is cited."""

    doc_type: DocumentType
    number: int
    symbol: str  # as the registry stores it: KH-UBND, 2012/NĐ-CP, CT/TU
    issuer: str | None = None
    issued_on: date | None = None
    title: str | None = None
    positions: list[int] = field(default_factory=list)  # offsets in the text given
    problems: list[Any] = field(default_factory=list)  # messages for the reader

    @property
    def year(self) -> int | None:
        return self.issued_on.year if self.issued_on else _symbol_year(self.symbol)

    @property
    def reference(self) -> str:
        return format_reference(self.number, self.symbol)

    @property
    def citation(self) -> str:
        """ "Kế hoạch số 61/KH-UBND ngày 10/04/2019", without the date when it is unknown."""
        return cite(self.doc_type, self.reference, self.issued_on)


def extract_references(text: str, *, known_issuers: Iterable[str] = ()) -> list[FoundReference]:
    """Every document `text` cites, in order of first citation.

    `known_issuers` (the unit's name and those above it) help complete a loose issuer: with
    "UBND tỉnh Quảng Ngãi" known, or named anywhere in the text, "UBND tỉnh" becomes it.
    """
    prepared = _prepare(text)
    places = _places(prepared, known_issuers)
    cited = [c for m in _CORE.finditer(prepared.flat) if (c := _citation(prepared, m, places))]
    starts = [c.start for c in cited]
    for item in cited:
        if item.title_start is not None:
            item.title_end = _title_end(prepared, item.title_start, starts)
    _mark_nested(cited)
    _issuers_named_before(prepared, cited, places)
    return _merged([_found(prepared, item) for item in cited])


# --- The text, flattened -------------------------------------------------------------------

@dataclass(frozen=True)
class _Text:
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


def _prepare(text: str) -> _Text:
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
    return _Text(flat, "".join(_fold_char(c) for c in flat), origin)


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


# --- Number and symbol --------------------------------------------------------------------

def _letters(upper: bool) -> str:
    chars = (chr(c) for c in (*range(0x41, 0x250), *range(0x1E00, 0x1F00)))
    return "".join(c for c in chars if c.isalpha() and c.isupper() == upper)


_UP, _LOW = _letters(True), _letters(False)
_TOKEN = rf"[{_UP}][{_UP}{_LOW}0-9]*"
# After "-": a code written on (KH-UBND, QĐ-TTg), or, when the line breaks after the
# hyphen, an upper-case one (KH-⏎UBND); never a capitalised word that follows a dash.
_PART = rf"(?:[-–&]{_TOKEN}|[-–]\s+[{_UP}][{_UP}0-9]*(?![{_LOW}]))"
_CORE = re.compile(
    rf"(?<![\w/.,–-])(?:(?P<party>\d{{1,7}})[-–](?P<pcode>{_TOKEN})/\s*(?P<porg>{_TOKEN}{_PART}*)"
    rf"|(?P<number>\d{{1,7}})/\s*(?:(?P<year>\d{{4}})/\s*)?(?P<code>{_TOKEN})(?P<rest>{_PART}*))"
)
_CODES = {t.value: t for t in DocumentType if t is not DocumentType.CV} | {"TTLT": DocumentType.TT}
_TYPE_WORDS = {
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
_WORDS = "|".join(sorted(_TYPE_WORDS, key=len, reverse=True))
_TYPE_BEFORE = re.compile(rf"\b({_WORDS})(?:\s+so\b)?\s*:?\s*\Z")
_SYMBOL_YEAR = re.compile(r"^(\d{4})/")


def _symbol(*parts: str) -> str:
    return re.sub(r"\s+", "", "".join(parts)).replace("–", "-")


def _symbol_year(symbol: str) -> int | None:
    match = _SYMBOL_YEAR.match(symbol)
    return int(match.group(1)) if match else None


# --- What follows the number: date, issuer, title -----------------------------------------

_DATE = re.compile(
    r"\s*,?\s*(?:ban hanh\s+)?ngay\s+(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,4})"
    r"|(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s+nam\s+(\d{1,4}))\b"
)
_OF = re.compile(r"\s*,?\s*(cua|do)\s+")
_ISSUED_BY = re.compile(r"\s+ban hanh\b")
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
_TITLE = re.compile(rf"\s+(?:(?:ve viec|v/v|ve)\s+|(?=(?:{'|'.join(_OPENERS)})\b))")
_STARTS_PHRASE = re.compile(rf"(?:{'|'.join(_OPENERS)}|{_WORDS}|ve)\b")
_LISTED = re.compile(r"(?:,|\s(?:va|cung|hoac))$")
_SENTENCE_END = re.compile(r"\.(?=\s|$)|[\n!?]")


@dataclass
class _Citation:
    start: int
    end: int
    doc_type: DocumentType
    number: int
    symbol: str
    issued_on: date | None = None
    issuer: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    nested: bool = False
    problems: list[Any] = field(default_factory=list)


def _citation(text: _Text, match: re.Match, places: "_Places") -> _Citation | None:
    start, word_type = match.start(), None
    window = text.folded[max(0, start - 40):start]
    if (word := _TYPE_BEFORE.search(window)) is not None:
        begin = start - len(window) + word.start()
        if begin == 0 or not text.folded[begin - 1].isalnum():
            start, word_type = begin, _TYPE_WORDS[word.group(1)]
    if match.group("party"):
        number, code = match.group("party"), match.group("pcode")
        symbol, doc_type = _symbol(code, "/", match.group("porg")), _CODES.get(code)
    else:
        number, code = match.group("number"), match.group("code")
        year = f"{match.group('year')}/" if match.group("year") else ""
        symbol = _symbol(year, code, match.group("rest"))
        doc_type = _CODES.get(code, word_type)  # a Công văn's symbol holds no type code
    if doc_type is None or int(number) == 0:
        return None
    found = _Citation(start, match.end(), doc_type, int(number), symbol)
    _read_details(text, found, places)
    return found


def _read_details(text: _Text, found: _Citation, places: "_Places") -> None:
    """Date and issuer in either order after the number, then the title if one begins."""
    dated = named = False
    for _ in range(2):
        if not dated and (when := _DATE.match(text.folded, found.end)):
            found.issued_on, found.end = _valid_date(when, found.problems), when.end()
            dated = True
        if not named and (of := _OF.match(text.folded, found.end)) and (
                issuer := _issuer_at(text, of.end(), places)):
            (found.issuer, found.end), named = issuer, True
            by = of.group(1) == "do" and _ISSUED_BY.match(text.folded, found.end)
            found.end = by.end() if by else found.end
    year = _symbol_year(found.symbol)
    if found.issued_on and year and year != found.issued_on.year:
        found.problems.append(_l("Năm trong ký hiệu (%(symbol)d) khác năm ban hành (%(year)d).",
                                 symbol=year, year=found.issued_on.year))
    if title := _TITLE.match(text.folded, found.end):
        found.title_start = title.end()


def _valid_date(match: re.Match, problems: list[Any]) -> date | None:
    day, month, year = (g for g in match.groups() if g is not None)
    try:
        if len(year) == 4:
            return date(int(year), int(month), int(day))
    except ValueError:
        pass
    written = "/".join((day, month, year))
    problems.append(_l("Ngày ban hành “%(written)s” không hợp lệ; hãy nhập ngày đúng.",
                       written=written))
    return None


def _title_end(text: _Text, start: int, starts: list[int]) -> int:
    """Where a title ends: at ";", a full stop, a paragraph's end, an unmatched ")", or the
    next reference when a list goes on ("…, Quyết định số …", "… và Kế hoạch số …"); a
    reference the title itself cites ("về thực hiện Nghị quyết số …") stays inside it."""
    depth, i = 0, start
    following = bisect.bisect_right(starts, start)
    while i < len(text.flat):
        char = text.flat[i]
        if char in ";\n!?" or (char == "." and text.flat[i + 1:i + 2] in ("", " ", "\n")):
            return i
        if following < len(starts) and starts[following] == i:
            following += 1
            listed = _LISTED.search(text.folded[start:i].rstrip())
            if listed:
                return start + listed.start()
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return i


def _mark_nested(cited: list[_Citation]) -> None:
    for outer in cited:
        if outer.title_start is None:
            continue
        for inner in cited:
            inner.nested |= outer.title_start <= inner.start < outer.title_end


def _found(text: _Text, item: _Citation) -> FoundReference:
    title = None
    if item.title_start is not None:
        title = clean(text.flat[item.title_start:item.title_end]).strip(" ,;:-–*_")
        if item.nested:
            title = _without_outer_place(title, item.issuer)
        title = title[:1].upper() + title[1:] or None
    return FoundReference(item.doc_type, item.number, item.symbol, item.issuer, item.issued_on,
                          title, [text.origin[item.start]], list(item.problems))


def _without_outer_place(title: str, issuer: str | None) -> str:
    """A cited document's title that ends "… của tỉnh Quảng Ngãi" inside a plan's title
    ends the plan's, not the cited one's (a Government resolution is no province's)."""
    tail = re.search(r"\s+của\s+((?:thành phố|thị xã|thị trấn|tỉnh|huyện|quận|xã|phường)"
                     rf"(?:\s+[{_UP}][{_LOW}]*)+)$", title)
    if tail is None or (issuer or "").endswith(tail.group(1)):
        return title
    return title[:tail.start()]


# --- Issuers ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Organ:
    name: str
    level: str | None = None  # the level the organ implies (Tỉnh ủy, Sở: a province's)
    takes_level: bool = False  # "UBND" is followed by "tỉnh", "xã" …
    alone: bool = True  # a name by itself ("Chính phủ"), unlike a bare "UBND"


_LEVELS = {"thanh pho": "thành phố", "thi xa": "thị xã", "thi tran": "thị trấn",
           "tinh": "tỉnh", "huyen": "huyện", "quan": "quận", "xa": "xã", "phuong": "phường"}
_LEVEL = re.compile(rf"({'|'.join(_LEVELS)})\b")
_LEVEL_AFTER = re.compile(rf"\s+({'|'.join(_LEVELS)})\b")
_WORD_AFTER = re.compile(r"\s+(\w+)")
_SECTORS = (
    "Nội vụ", "Tư pháp", "Tài chính", "Kế hoạch và Đầu tư", "Thông tin và Truyền thông",
    "Giáo dục và Đào tạo", "Y tế", "Lao động - Thương binh và Xã hội",
    "Tài nguyên và Môi trường", "Xây dựng", "Giao thông vận tải",
    "Nông nghiệp và Phát triển nông thôn", "Công Thương", "Văn hóa, Thể thao và Du lịch",
    "Khoa học và Công nghệ", "Công an", "Quốc phòng",
)
_PARTY = {"Tỉnh ủy": "tỉnh", "Thành ủy": "thành phố", "Huyện ủy": "huyện", "Thị ủy": "thị xã"}


def _organs() -> dict[str, _Organ]:
    organs = {name: _Organ(name) for name in (
        "Ủy ban Thường vụ Quốc hội", "Thủ tướng Chính phủ", "Văn phòng Chính phủ", "Chính phủ",
        "Quốc hội", "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương")}
    organs["Thủ tướng"] = organs["Thủ tướng Chính phủ"]
    for sector in _SECTORS:
        organs[f"Bộ {sector}"] = _Organ(f"Bộ {sector}")
        organs[f"Sở {sector}"] = _Organ(f"Sở {sector}", "tỉnh", takes_level=True)
        organs[f"Phòng {sector}"] = _Organ(f"Phòng {sector}", takes_level=True)
    for short, long in (("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân")):
        organs[short] = organs[long] = _Organ(short, takes_level=True, alone=False)
    for committee, level in [*_PARTY.items(), ("Đảng ủy", None)]:
        for standing in ("", "Ban Thường vụ ", "BTV "):
            organ = _Organ(f"Ban Thường vụ {committee}" if standing else committee, level,
                           takes_level=level is None, alone=level is not None)
            organs[f"{standing}{committee}"] = organ
    folded = {fold(key): organ for key, organ in organs.items()}
    return dict(sorted(folded.items(), key=lambda item: -len(item[0])))  # longest first


_ORGANS = _organs()
_CHAIRMAN = re.compile(r"chu tich\s+")
_NOT_PLACES = {"quý", "tháng", "năm", "kỳ", "đợt", "giai", "khóa", "nhiệm"}

_Places = dict[str, set[str]]


def _issuer_at(text: _Text, pos: int, places: _Places) -> tuple[str | None, int] | None:
    """The issuer named at `pos`, completed and in its usual form, and where it ends; None
    for the name when the text says only "UBND"."""
    chairman = _CHAIRMAN.match(text.folded, pos)
    start = chairman.end() if chairman else pos
    key = next((k for k in _ORGANS if text.folded.startswith(k, start)
                and not text.folded[start + len(k):start + len(k) + 1].isalnum()), None)
    if key is None:
        return None
    organ, end = _ORGANS[key], start + len(key)
    said, shouting = None, False
    if organ.takes_level and (level := _LEVEL_AFTER.match(text.folded, end)):
        written = text.flat[level.start(1):level.end()]
        if written.lower() == _LEVELS[level.group(1)]:
            said, end, shouting = written.lower(), level.end(), written.isupper()
    level, place = said or organ.level, None
    if level is not None:
        place, end = _place_at(text, end, shouting)
        if place is None and len(places.get(level, ())) == 1:
            (place,) = places[level]
    if not organ.alone and level is None:
        return None, end
    shown = level if organ.takes_level and (said or place) else None
    prefix = "Chủ tịch " if chairman and organ.name == "UBND" else ""
    return prefix + " ".join(w for w in (organ.name, shown, place) if w), end


def _place_at(text: _Text, pos: int, shouting: bool) -> tuple[str | None, int]:
    """A place's name: up to four capitalised words ("Quảng Ngãi"), not one that begins the
    title ("… Quảng Ngãi Ban hành …")."""
    words, end = [], pos
    while len(words) < 4 and (word := _WORD_AFTER.match(text.flat, end)):
        value = word.group(1)
        capital = value[0] in _UP and (value[1:].islower() or value[1:] == "" or (
            shouting and value.isupper()))
        if not capital or value.lower() in _NOT_PLACES or \
                _STARTS_PHRASE.match(text.folded, word.start(1)):
            break
        words.append(value if not shouting else value[0] + value[1:].lower())
        end = word.end()
    return (" ".join(words) or None), end


def _places(text: _Text, known_issuers: Iterable[str]) -> _Places:
    """Each level's places named in the text ("tỉnh Quảng Ngãi") or by the unit's issuers."""
    places: _Places = {}
    for source in (text, *(_prepare(name) for name in known_issuers)):
        for level in _LEVEL.finditer(source.folded):
            written = source.flat[level.start():level.end()]
            boundary = level.start() == 0 or not source.folded[level.start() - 1].isalnum()
            if boundary and written.lower() == _LEVELS[level.group(1)]:
                place, _ = _place_at(source, level.end(), written.isupper())
                if place:
                    places.setdefault(_LEVELS[level.group(1)], set()).add(place)
    return places


_VERB_BEFORE = re.compile(r"(?:\b(?:da|vua)\s+)?\b(?:ban hanh|ra)\s*\Z")


def _issuers_named_before(text: _Text, cited: list[_Citation], places: _Places) -> None:
    """"UBND xã đã ban hành Quyết định số 13/QĐ-UBND … và Quyết định số 14/QĐ-UBND …":
    the issuer named before the verb issued every document the sentence lists after it."""
    issuer, until = None, -1
    for item in cited:
        if item.nested:
            continue
        named = _issuer_before(text, item.start, places)
        if named:
            issuer = item.issuer = item.issuer or named
            until = _SENTENCE_END.search(text.flat, item.start)
            until = until.start() if until else len(text.flat)
        elif issuer and item.start < until and item.issuer in (None, issuer):
            item.issuer = issuer
        else:
            issuer = None


def _issuer_before(text: _Text, start: int, places: _Places) -> str | None:
    window = max(0, start - 80)
    verb = _VERB_BEFORE.search(text.folded[window:start])
    if verb is None:
        return None
    verb_start = window + verb.start()
    for candidate in range(max(0, verb_start - 60), verb_start):
        if candidate and text.folded[candidate - 1].isalnum():
            continue
        named = _issuer_at(text, candidate, places)
        if named and named[0] and not text.folded[named[1]:verb_start].strip():
            return named[0]
    return None


# --- One entry per document ---------------------------------------------------------------

def _merged(found: list[FoundReference]) -> list[FoundReference]:
    """Citations of one document become one entry: same type, number and symbol, and the
    same year and issuer where both citations give them. A citation that fits two entries
    (no year, two issuers) is kept apart rather than joined to either."""
    merged: list[FoundReference] = []
    for reference in found:
        matches = [m for m in merged if _same_document(m, reference)]
        if len(matches) == 1:
            _merge_into(matches[0], reference)
        else:
            merged.append(reference)
    return sorted(merged, key=lambda r: r.positions[0])


def _same_document(a: FoundReference, b: FoundReference) -> bool:
    if (a.doc_type, a.number, a.symbol) != (b.doc_type, b.number, b.symbol):
        return False
    if a.year and b.year and a.year != b.year:
        return False
    if a.issuer and b.issuer:
        short, long = sorted((fold(a.issuer), fold(b.issuer)), key=len)
        return long == short or long.startswith(f"{short} ")
    return True


def _merge_into(kept: FoundReference, other: FoundReference) -> None:
    """Keep the most the citations say: the longer title, the fuller issuer."""
    kept.positions = sorted(kept.positions + other.positions)
    if other.issued_on and kept.issued_on and other.issued_on != kept.issued_on:
        one, another = (d.strftime("%d/%m/%Y") for d in (kept.issued_on, other.issued_on))
        kept.problems.append(_l("Văn bản được dẫn với hai ngày ban hành khác nhau: %(one)s và "
                                "%(other)s.", one=one, other=another))
    kept.issued_on = kept.issued_on or other.issued_on
    if len(other.issuer or "") > len(kept.issuer or ""):
        kept.issuer = other.issuer
    if len(other.title or "") > len(kept.title or ""):
        kept.title = other.title
    kept.problems += [p for p in other.problems if str(p) not in map(str, kept.problems)]
