"""One document a text cites, as the parser found it."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.documents.references.text import symbol_year
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
        return self.issued_on.year if self.issued_on else symbol_year(self.symbol)

    @property
    def reference(self) -> str:
        return format_reference(self.number, self.symbol)

    @property
    def citation(self) -> str:
        """ "Kế hoạch số 61/KH-UBND ngày 10/04/2019", without the date when it is unknown."""
        return cite(self.doc_type, self.reference, self.issued_on)
