"""One citation read where it stands: the type and number, then its date, issuer and
trích yếu."""

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from tracker.core.text import clean
from tracker.documents.references.found import FoundReference
from tracker.documents.references.issuers import Places, issuer_at
from tracker.documents.references.text import (
    DATE,
    ISSUED_BY,
    LISTED,
    LOWER,
    OF,
    SENTENCE_END,
    TITLE_START,
    TYPE_BEFORE,
    TYPE_CODES,
    TYPE_WORDS,
    UPPER,
    FlatText,
    join_symbol,
    symbol_year,
)
from tracker.documents.types import DocumentType


@dataclass
class Citation:
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


def read_citation(text: FlatText, match: re.Match, places: "Places") -> Citation | None:
    start, word_type = match.start(), None
    window = text.folded[max(0, start - 40):start]
    if (word := TYPE_BEFORE.search(window)) is not None:
        begin = start - len(window) + word.start()
        if begin == 0 or not text.folded[begin - 1].isalnum():
            start, word_type = begin, TYPE_WORDS[word.group(1)]
    if match.group("party"):
        number, code = match.group("party"), match.group("pcode")
        symbol, doc_type = join_symbol(code, "/", match.group("porg")), TYPE_CODES.get(code)
    else:
        number, code = match.group("number"), match.group("code")
        year = f"{match.group('year')}/" if match.group("year") else ""
        symbol = join_symbol(year, code, match.group("rest"))
        doc_type = TYPE_CODES.get(code, word_type)  # a Công văn's symbol holds no type code
    if doc_type is None or int(number) == 0:
        return None
    found = Citation(start, match.end(), doc_type, int(number), symbol)
    _read_details(text, found, places)
    return found


def _read_details(text: FlatText, found: Citation, places: "Places") -> None:
    """Date and issuer in either order after the number, then the title if one begins."""
    dated = named = False
    for _ in range(2):
        if not dated and (when := DATE.match(text.folded, found.end)):
            found.issued_on, found.end = _valid_date(when, found.problems), when.end()
            dated = True
        if not named and (of := OF.match(text.folded, found.end)) and (
                issuer := issuer_at(text, of.end(), places)):
            (found.issuer, found.end), named = issuer, True
            by = of.group(1) == "do" and ISSUED_BY.match(text.folded, found.end)
            found.end = by.end() if by else found.end
    year = symbol_year(found.symbol)
    if found.issued_on and year and year != found.issued_on.year:
        found.problems.append(_l("Năm trong ký hiệu (%(symbol)d) khác năm ban hành (%(year)d).",
                                 symbol=year, year=found.issued_on.year))
    if title := TITLE_START.match(text.folded, found.end):
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


def find_title_end(text: FlatText, start: int, starts: list[int]) -> int:
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
            listed = LISTED.search(text.folded[start:i].rstrip())
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


def mark_nested(cited: list[Citation]) -> None:
    for outer in cited:
        if outer.title_start is None:
            continue
        for inner in cited:
            inner.nested |= outer.title_start <= inner.start < outer.title_end


def as_found(text: FlatText, item: Citation) -> FoundReference:
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
                     rf"(?:\s+[{UPPER}][{LOWER}]*)+)$", title)
    if tail is None or (issuer or "").endswith(tail.group(1)):
        return title
    return title[:tail.start()]


_VERB_BEFORE = re.compile(r"(?:\b(?:da|vua)\s+)?\b(?:ban hanh|ra)\s*\Z")


def issuers_named_before(text: FlatText, cited: list[Citation], places: Places) -> None:
    """"UBND xã đã ban hành Quyết định số 13/QĐ-UBND … và Quyết định số 14/QĐ-UBND …":
    the issuer named before the verb issued every document the sentence lists after it."""
    issuer, until = None, -1
    for item in cited:
        if item.nested:
            continue
        named = _issuer_before(text, item.start, places)
        if named:
            issuer = item.issuer = item.issuer or named
            until = SENTENCE_END.search(text.flat, item.start)
            until = until.start() if until else len(text.flat)
        elif issuer and item.start < until and item.issuer in (None, issuer):
            item.issuer = issuer
        else:
            issuer = None


def _issuer_before(text: FlatText, start: int, places: Places) -> str | None:
    window = max(0, start - 80)
    verb = _VERB_BEFORE.search(text.folded[window:start])
    if verb is None:
        return None
    verb_start = window + verb.start()
    for candidate in range(max(0, verb_start - 60), verb_start):
        if candidate and text.folded[candidate - 1].isalnum():
            continue
        named = issuer_at(text, candidate, places)
        if named and named[0] and not text.folded[named[1]:verb_start].strip():
            return named[0]
    return None
