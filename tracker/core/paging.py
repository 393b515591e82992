"""One page of a longer list, as every list page and the API hand it out."""

from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")

PER_PAGE = 50


@dataclass(frozen=True)
class Page(Generic[Item]):
    items: list[Item]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages `total` fills; one even when empty, so "1 / 1" reads right."""
        return max(1, -(-self.total // self.per_page))
