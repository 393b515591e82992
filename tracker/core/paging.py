"""One page of a longer list, as every list page and the API hand it out."""

from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")

PER_PAGE = 50
# Counting stops past this many matches (or past the page asked for): "hơn 1.000 kết quả".
COUNT_CAP = 1000


@dataclass(frozen=True)
class Page(Generic[Item]):
    items: list[Item]
    total: int  # how many match; if `capped`, more than this many do
    page: int
    per_page: int
    capped: bool = False

    @property
    def pages(self) -> int:
        """How many pages `total` fills; one even when empty, so "1 / 1" reads right."""
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages or self.capped
