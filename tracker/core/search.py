"""Search on folded keys (see `text.fold`): the same LIKE on SQLite and PostgreSQL."""

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement

from tracker.core.text import fold


def search_words(text: str | None) -> list[str]:
    """The folded words of what was typed: "Kế hoạch  ĐẤT" → ["ke", "hoach", "dat"]."""
    return fold(text).split()


def matches_words(words: list[str], *keys: ColumnElement[str]) -> ColumnElement[bool]:
    """Every word is found in at least one of the folded `keys` (an outer join's NULL
    key finds nothing). A % or _ that was typed is a literal character, not a wildcard."""
    return and_(*(or_(*(key.contains(word, autoescape=True) for key in keys)) for word in words))
