"""Finding the documents a free Vietnamese text cites: "Kế hoạch số 61/KH-UBND ngày 10/4/2019
của UBND tỉnh về …" gives type, number, symbol, issuer, issue date and trích yếu.

Reports are typed by hand and pasted from Word or PDF, so the parser takes what they hold:
"số" left out, the year inside the number (59/2012/NĐ-CP), Party numbering (31-CT/TU), dates
with stray spaces or in words, lines and pages broken inside a reference, issuers named
loosely ("UBND tỉnh", "chính phủ"). It never guesses: what the text does not say stays None,
and a date that does not exist is reported, not corrected. Pure: no database.
"""

from tracker.documents.references.extract import extract_references
from tracker.documents.references.found import FoundReference

__all__ = [
    "FoundReference", "extract_references",
]
