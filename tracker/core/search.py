"""Search on folded keys (see `text.fold`): the same LIKE on SQLite and PostgreSQL."""

import re

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement

from tracker.core.text import fold

# A sign between letters ("14/kh-ubnd", "9001:2015", "50%") stands apart as a word of its
# own, so the word after it starts a word too and a typed sign is found where it stands.
_SIGN = re.compile(r"([^\w\s])")
# Between the parts of a searchable text: the words of one search are found in one part.
PART_BREAK = "\x1e"


def search_words(text: str | None) -> list[str]:
    """The folded words of what was typed: "Kế hoạch  ĐẤT" → ["ke", "hoach", "dat"]."""
    return fold(text).split()


def matches_words(words: list[str], *keys: ColumnElement[str]) -> ColumnElement[bool]:
    """Every word is found in at least one of the folded `keys` (an outer join's NULL
    key finds nothing). A % or _ that was typed is a literal character, not a wildcard."""
    return and_(*(or_(*(key.contains(word, autoescape=True) for key in keys)) for word in words))


def searchable(folded: str) -> str:
    """`folded` as `starts_words` searches it: signs apart, numbers without leading zeros
    (documents are numbered "05/QĐ-UBND", people type "5/QĐ"), one space before every
    word, the first too. "05/qd-ubnd dat" → " 5 / qd - ubnd dat"."""
    return "".join(f" {_number(word)}" for word in _SIGN.sub(r" \1 ", folded).split())


def _number(word: str) -> str:
    return (word.lstrip("0") or "0") if word.isdigit() else word


def searchable_parts(own: str, apart: str) -> str:
    """Two folded parts as one searchable text, PART_BREAK between them."""
    return f"{searchable(own)} {PART_BREAK}{searchable(apart)}"


def starts_words(words: list[str], text: ColumnElement[str]) -> ColumnElement[bool]:
    """Every typed word begins a word of one part of `text` (`searchable_parts`): "an"
    finds "An" and "an toàn", not "Oanh"; "dat dai" finds "đất đai", not "Đài" in one
    part beside "đạt" in the other; a word typed with signs ("14/KH-UBND", "50%") is
    found as it stands. A typed % or _ is a literal character, not a wildcard. Each
    word is a LIKE an index serves; for several, LIKEs with the break say in which part."""
    typed = [_escaped(searchable(word)) for word in words]
    found = [text.like(f"%{word}%", escape="/") for word in typed]
    if len(typed) > 1:
        found.append(or_(
            and_(*(text.like(f"%{word}%{PART_BREAK}%", escape="/") for word in typed)),
            and_(*(text.like(f"%{PART_BREAK}%{word}%", escape="/") for word in typed))))
    return and_(*found)


def _escaped(word: str) -> str:
    return word.replace("/", "//").replace("%", "/%").replace("_", "/_")
