"""Every document a text cites, one entry per document."""

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l

from tracker.core.text import fold
from tracker.documents.references.citations import (
    as_found,
    find_title_end,
    issuers_named_before,
    mark_nested,
    read_citation,
)
from tracker.documents.references.found import FoundReference
from tracker.documents.references.issuers import places_named
from tracker.documents.references.text import NUMBER_SYMBOL, flatten


def extract_references(text: str, *, known_issuers: Iterable[str] = ()) -> list[FoundReference]:
    """Every document `text` cites, in order of first citation.

    `known_issuers` (the unit's name and those above it) help complete a loose issuer: with
    "UBND tỉnh Quảng Ngãi" known, or named anywhere in the text, "UBND tỉnh" becomes it.
    """
    prepared = flatten(text)
    places = places_named(prepared, known_issuers)
    cited = [c for m in NUMBER_SYMBOL.finditer(prepared.flat)
             if (c := read_citation(prepared, m, places))]
    starts = [c.start for c in cited]
    for item in cited:
        if item.title_start is not None:
            item.title_end = find_title_end(prepared, item.title_start, starts)
    mark_nested(cited)
    issuers_named_before(prepared, cited, places)
    return _merged([as_found(prepared, item) for item in cited])


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
