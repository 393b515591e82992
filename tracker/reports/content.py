"""The structured content of a report: what every output (HTML, DOCX, Markdown, JSON)
renders. Built from a draft's stored texts or read back from a final report's snapshot,
so a final report renders the same whatever happens to the tasks afterwards."""

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    BULLET = "bullet"  # "- " in the text
    SUBBULLET = "subbullet"  # "+ " in the text


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Section:
    """A numbered point: level 1 "I", level 2 "1", level 3 "a)" (`number` as written here;
    renderers put the "." after "I" and "1")."""

    level: int
    number: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    # The stored text this point's blocks come from, for the editor; None for headings.
    # Kept in a final report's snapshot: its checks and links name points by key, since
    # numbers shift (IV.1 letters only the areas that have work).
    key: str | None = None


@dataclass(frozen=True)
class Header:
    parent_name: str | None  # "UBND THỊ XÃ ĐỨC PHỔ": the unit above, upper case
    unit_name: str  # "ỦY BAN NHÂN DÂN XÃ PHỔ PHONG"
    number_line: str  # "Số: 15/BC-UBND", or "Số:      /BC-UBND" until numbered
    place_date: str  # "Phổ Phong, ngày 05 tháng 3 năm 2023"
    national_name: str = NATIONAL_NAME
    motto: str = MOTTO


@dataclass(frozen=True)
class Signature:
    lines: list[str]  # ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    name: str


@dataclass(frozen=True)
class ReportContent:
    unit_code: str
    period: str  # "2023-Q1"
    final: bool
    header: Header
    kind_title: str  # "BÁO CÁO"
    title: str  # "Công tác cải cách hành chính Quý I năm 2023 và phương hướng …"
    sections: list[Section]
    closing: str
    recipients: list[str]
    signature: Signature

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ReportContent":
        return cls(
            **data
            | {
                "header": Header(**data["header"]),
                "sections": [_section(s) for s in data["sections"]],
                "signature": Signature(**data["signature"]),
            }
        )

    def walk(self):
        """Every section, depth first, in reading order."""
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))


def _section(data: dict[str, Any]) -> Section:
    return Section(
        **data
        | {
            "blocks": [Block(BlockKind(b["kind"]), b["text"]) for b in data["blocks"]],
            "children": [_section(c) for c in data["children"]],
        }
    )


def blocks_from_text(text: str) -> list[Block]:
    """A section's text as the office types it: one block a line; "- " starts a bullet,
    "+ " a bullet below it; blank lines only separate."""
    blocks = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line[:2] in ("- ", "+ ") or line in ("-", "+"):
            kind = BlockKind.BULLET if line[0] == "-" else BlockKind.SUBBULLET
            blocks.append(Block(kind, line[1:].strip()))
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, line))
    return blocks
